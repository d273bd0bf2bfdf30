// Rule: a getter takes only its receiver (and optionally the context).
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
        #[getter]
        fn x(&self, scale: f64) -> f64 {
            self.x * scale
        }
    }
}

fn main() {
    println!("BUG: a getter with an argument was accepted");
}
