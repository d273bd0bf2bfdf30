// Rule: `__releasebuffer__` belongs with `__getbuffer__`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Data {
        n: usize,
    }

    #[hpy::methods]
    impl Data {
        fn __releasebuffer__(&self) {}
    }
}

fn main() {
    println!("BUG: __releasebuffer__ without __getbuffer__ was accepted");
}
