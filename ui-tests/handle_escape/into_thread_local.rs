// BUG if this compiles: a handle is stored past its call, in a thread-local.
use std::cell::RefCell;

use hpy::Handle;

thread_local! {
    static KEPT: RefCell<Option<Handle<'static>>> = const { RefCell::new(None) };
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn keep<'ctx>(obj: &Handle<'ctx>) {
        KEPT.with(|k| *k.borrow_mut() = Some(obj.clone()));
    }
}

fn main() {
    println!("BUG: a handle is stored past its call, in a thread-local");
}
