// Rule: a field is written through its own object: the selector must take that object's value.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct A {
        item: Field,
    }

    #[hpy::class]
    pub struct B {
        item: Field,
    }

    #[hpy::function]
    fn store<'ctx>(a: &Typed<'ctx, A>, obj: &Handle<'ctx>) -> Result<()> {
        a.set_field(|b: &B| &b.item, Some(obj))
    }
}

fn main() {
    println!("BUG: a field of one type was written through an object of another");
}
