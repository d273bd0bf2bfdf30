// Rule: a slot's arity is checked (`__add__` takes one operand).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Num {
        v: i64,
    }

    #[hpy::methods]
    impl Num {
        fn __add__(&self) -> i64 {
            self.v
        }
    }
}

fn main() {
    println!("BUG: __add__ without an operand was accepted");
}
