// Rule: `borrow_mut` needs the handle mutably (`&mut Typed`, or a `&mut self` receiver).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        pub n: i64,
    }

    #[hpy::function]
    fn bump(counter: &Typed<'_, Counter>) -> Result<()> {
        counter.borrow_mut()?.n += 1;
        Ok(())
    }
}

fn main() {
    println!("BUG: &mut T was taken through a shared handle");
}
