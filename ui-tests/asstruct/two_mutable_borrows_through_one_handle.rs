// Rule: one handle lends `&mut T` once at a time.
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
    fn twice(cx: Context<'_>) -> Result<i64> {
        let mut counter = Typed::new(cx, Counter { n: 1 })?;
        let mut a = counter.borrow_mut()?;
        let mut b = counter.borrow_mut()?;
        a.n += 1;
        b.n += 1;
        Ok(a.n)
    }
}

fn main() {
    println!("BUG: two &mut T coexisted through one handle");
}
