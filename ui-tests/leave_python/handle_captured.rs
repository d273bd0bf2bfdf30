// Rule: a handle cannot be used outside Python: `Handle` is not `Sync`, so a closure that captures one is not `Send`.
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
    fn f<'ctx>(cx: Context<'ctx>, obj: &Handle<'ctx>) -> Result<usize> {
        cx.leave_python(|| obj.len())
    }
}

fn main() {
    println!("BUG: a handle was used with the interpreter released");
}
