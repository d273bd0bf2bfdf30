// Rule: a borrow guard cannot cross: releasing it (on drop) touches the object's flag, which only the interpreter's thread may; `Ref` is not `Send`.
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
    fn f<'ctx>(cx: Context<'ctx>, c: &Typed<'ctx, Counter>) -> Result<u64> {
        let r = c.borrow()?;
        Ok(cx.leave_python(move || r.n))
    }
}

fn main() {
    println!("BUG: a Ref was moved outside Python");
}
