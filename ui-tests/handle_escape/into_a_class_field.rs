// Rule: the value of an `#[hpy::class]` outlives every call, so it cannot hold a handle (use a `Field`).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Holder {
        item: Handle<'static>,
    }

    #[hpy::methods]
    impl Holder {
        #[new]
        fn new(item: &Handle<'_>) -> Self {
            Holder { item: item.clone() }
        }
    }
}

fn main() {
    println!("BUG: a handle was stored in an object's value");
}
