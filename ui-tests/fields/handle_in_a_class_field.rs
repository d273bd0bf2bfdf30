// Rule: a Python object a class keeps is a `Field` (a `Global` for module-level state): a
// `Handle` is closed at the end of the call that received it.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Holder {
        count: i64,
        item: Handle<'static>,
    }
}

fn main() {
    println!("BUG: a class stores a Handle instead of a Field");
}
