// Rule: `__hash__` returns an integer.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Key {
        k: f64,
    }

    #[hpy::methods]
    impl Key {
        fn __hash__(&self) -> f64 {
            self.k
        }
    }
}

fn main() {
    println!("BUG: __hash__ returning a float was accepted");
}
