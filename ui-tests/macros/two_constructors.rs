// Rule: one `#[new]` per type.
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
        fn new(x: f64) -> Self {
            Point { x }
        }

        #[new]
        fn origin() -> Self {
            Point { x: 0.0 }
        }
    }
}

fn main() {
    println!("BUG: two constructors were accepted");
}
