// Rule: a method's object is lent to the call; `mem::replace` cannot take it out as an owned
// handle (which would close it without owning it), as no `&mut Typed<Self>` is handed out.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: i64,
    }

    #[hpy::methods]
    impl Counter {
        fn take<'ctx>(this: &mut Typed<'ctx, Self>) -> Result<Typed<'ctx, Self>> {
            let other = Typed::new(this.context(), Counter { n: 0 })?;
            Ok(core::mem::replace(this, other))
        }
    }
}

fn main() {
    println!("BUG: the lent receiver was moved out as an owned handle");
}
