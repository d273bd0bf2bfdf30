// Rule: a mutable borrow guard cannot cross: `RefMut` is not `Send`.
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
        let mut r = c.borrow_mut()?;
        cx.leave_python(move || r.n += 1);
        Ok(())
    }
}

fn main() {
    println!("BUG: a RefMut was moved outside Python");
}
