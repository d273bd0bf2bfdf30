// Rule: a mutable borrow of an object's value cannot outlive the handle it came from.
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
    fn dangling(cx: Context<'_>) -> Result<i64> {
        let mut value = {
            let counter = Typed::new(cx, Counter { n: 1 })?;
            counter.borrow_mut()?
        };
        value.n += 1;
        Ok(value.n)
    }
}

fn main() {
    println!("BUG: a RefMut outlived its handle");
}
