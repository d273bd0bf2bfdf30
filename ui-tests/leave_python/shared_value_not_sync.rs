// Rule: a class value borrowed from Python crosses only if it is `Sync`: other Python threads may read it meanwhile (here a `Cell` would be changed through `&` on two threads).
// This must not compile; if it ever does, running it says which rule broke.
use hpy::prelude::*;
use std::cell::Cell;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: u64,
        hits: Cell<u64>,
        next: Field,
    }

    #[hpy::function]
    fn f<'ctx>(cx: Context<'ctx>, c: &Typed<'ctx, Counter>) -> Result<()> {
        let r = c.borrow()?;
        let hits: &Cell<u64> = &r.hits;
        cx.leave_python(|| hits.set(hits.get() + 1));
        Ok(())
    }
}

fn main() {
    println!("BUG: a !Sync class value was shared outside Python");
}
