// Rule: a handle cannot be moved (or dropped) while its value is borrowed.
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
    fn moved(cx: Context<'_>) -> Result<i64> {
        let counter = Typed::new(cx, Counter { n: 1 })?;
        let value = counter.borrow()?;
        drop(counter);
        Ok(value.n)
    }
}

fn main() {
    println!("BUG: a Ref outlived the move of its handle");
}
