// Rule: a method's object is lent to the call; it is never handed out as `&mut Typed<Self>`,
// through which it could be replaced, swapped or moved out (and then closed).
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
        fn reset<'ctx>(this: &mut Typed<'ctx, Self>) -> Result<()> {
            *this = Typed::new(this.context(), Counter { n: 0 })?;
            Ok(())
        }
    }
}

fn main() {
    println!("BUG: the lent receiver was replaced (and closed)");
}
