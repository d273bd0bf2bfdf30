// Rule: fields are filled only through an `#[hpy::class]` object; a plain struct has no owner to store them with.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

struct Plain {
    item: Field,
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn store<'ctx>(plain: &Typed<'ctx, Plain>, obj: &Handle<'ctx>) -> Result<()> {
        plain.set_field(|p| &p.item, Some(obj))
    }
}

fn main() {
    println!("BUG: a field outside an hpy type was written");
}
