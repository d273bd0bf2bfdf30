// Rule: a method without `self` must say what it is (`#[staticmethod]`/`#[classmethod]`).
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
        fn origin() -> Point {
            Point { x: 0.0 }
        }
    }
}

fn main() {
    println!("BUG: a method without a receiver was accepted");
}
