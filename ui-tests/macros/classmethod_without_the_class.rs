// Rule: a class method receives the class first.
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
        #[classmethod]
        fn make() -> Point {
            Point { x: 0.0 }
        }
    }
}

fn main() {
    println!("BUG: a classmethod without its class parameter was accepted");
}
