// Rule: a type's spec is built from its `MethodsInfo` (found through a probe that a trait of
// the user's module could answer), so making one needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Victim {
        pub n: i64,
    }
}

fn no_attributes(_: &Handle<'_>) -> Result<()> {
    Ok(())
}

static FAKE: hpy::__private::MethodsInfo = hpy::__private::MethodsInfo::new(
    <m::Victim as hpy::PyType>::TYPE_OBJECT,
    &[],
    true,
    None,
    &[],
    no_attributes,
);

fn main() {
    let _ = &FAKE;
    println!("BUG: a MethodsInfo claiming a tp_new it does not have was made without unsafe");
}
