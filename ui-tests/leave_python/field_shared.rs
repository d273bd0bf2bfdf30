// Rule: a `Field` is read by the garbage collector of whichever thread holds the interpreter, so `&Field` (and a shared borrow of a value holding one) does not cross: `Field` is not `Sync`.
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
        let next: &Field = &r.next;
        cx.leave_python(|| drop(next));
        Ok(())
    }
}

fn main() {
    println!("BUG: a Field was shared outside Python");
}
