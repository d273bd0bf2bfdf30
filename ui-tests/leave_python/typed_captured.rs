// Rule: a typed handle cannot be used outside Python: `Typed` is not `Sync`.
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
    fn f<'ctx>(cx: Context<'ctx>, c: &Typed<'ctx, Counter>) -> u64 {
        cx.leave_python(|| c.borrow().map(|c| c.n).unwrap_or(0))
    }
}

fn main() {
    println!("BUG: a typed handle was used with the interpreter released");
}
