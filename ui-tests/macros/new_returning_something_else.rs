// Rule: `#[new]` returns the value (`Self`), a `Typed<Self>`, or a `Result` of one.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Point {
        x: f64,
    }

    #[hpy::methods]
    impl Point {
        #[new]
        fn new(x: f64) -> f64 {
            x
        }
    }
}

fn main() {
    println!("BUG: #[new] returning a float was accepted");
}
