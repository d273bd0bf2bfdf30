// Rule: a struct borrowing a handle's lifetime cannot be kept past the call.
// This must not compile; if it ever does, running it says which rule broke.

use std::cell::RefCell;

use hpy::Handle;

struct Pair<'ctx> {
    first: Handle<'ctx>,
    second: Handle<'ctx>,
}

thread_local! {
    static PAIRS: RefCell<Vec<Pair<'static>>> = const { RefCell::new(Vec::new()) };
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn keep<'ctx>(a: &Handle<'ctx>, b: &Handle<'ctx>) {
        let pair = Pair { first: a.clone(), second: b.clone() };
        PAIRS.with(|p| p.borrow_mut().push(pair));
    }
}

fn main() {
    println!("BUG: handles in a struct outlived their call");
}
