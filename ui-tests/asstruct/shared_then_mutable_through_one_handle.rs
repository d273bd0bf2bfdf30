// Rule: while `&T` is held through a handle, that handle cannot lend `&mut T` (a compile error; through another handle it is a run-time error).
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
    fn alias(cx: Context<'_>) -> Result<i64> {
        let mut counter = Typed::new(cx, Counter { n: 1 })?;
        let shared = counter.borrow()?;
        let mut exclusive = counter.borrow_mut()?;
        exclusive.n += shared.n;
        Ok(exclusive.n)
    }
}

fn main() {
    println!("BUG: &T and &mut T coexisted through one handle");
}
