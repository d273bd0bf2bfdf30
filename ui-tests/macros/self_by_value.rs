// Rule: the value stays in the object: methods take `&self`, `&mut self` or a typed handle.
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
        fn into_x(self) -> f64 {
            self.x
        }
    }
}

fn main() {
    println!("BUG: a method took self by value");
}
