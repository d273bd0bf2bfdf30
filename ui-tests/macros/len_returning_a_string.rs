// Rule: a slot's result must convert to what the slot returns (`__len__`: a `usize`).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Bag {
        n: usize,
    }

    #[hpy::methods]
    impl Bag {
        fn __len__(&self) -> String {
            self.n.to_string()
        }
    }
}

fn main() {
    println!("BUG: __len__ returning a String was accepted");
}
