// Rule: a `Context` is valid only during its call.
// This must not compile; if it ever does, running it says which rule broke.

use std::cell::Cell;

use hpy::Context;

thread_local! {
    static CX: Cell<Option<Context<'static>>> = const { Cell::new(None) };
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn keep(cx: Context<'_>) {
        CX.with(|c| c.set(Some(cx)));
    }
}

fn main() {
    println!("BUG: a context outlived its call");
}
