// Rule: a lent argument is valid only during the call.
// This must not compile; if it ever does, running it says which rule broke.

use std::cell::RefCell;

use hpy::Handle;

thread_local! {
    static SEEN: RefCell<Vec<&'static Handle<'static>>> = const { RefCell::new(Vec::new()) };
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn see(obj: &Handle<'_>) {
        SEEN.with(|seen| seen.borrow_mut().push(obj));
    }
}

fn main() {
    println!("BUG: a lent argument outlived its call");
}
