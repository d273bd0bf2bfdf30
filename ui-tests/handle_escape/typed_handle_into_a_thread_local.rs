// Rule: a typed handle is a handle: it cannot outlive its call.
// This must not compile; if it ever does, running it says which rule broke.

use std::cell::RefCell;

use hpy::prelude::*;

thread_local! {
    static LAST: RefCell<Option<Typed<'static, m::Counter>>> = const { RefCell::new(None) };
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: i64,
    }

    #[hpy::function]
    fn remember(counter: &Typed<'_, Counter>) {
        LAST.with(|last| *last.borrow_mut() = Some(counter.clone()));
    }
}

fn main() {
    println!("BUG: a typed handle outlived its call");
}
