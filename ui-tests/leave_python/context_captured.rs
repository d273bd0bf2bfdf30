// Rule: the context cannot be used outside Python: `Context` is not `Send`.
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
    fn f<'ctx>(cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        cx.leave_python(|| cx.to_py(1))
    }
}

fn main() {
    println!("BUG: the context was used with the interpreter released");
}
