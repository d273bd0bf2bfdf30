// Rule: a setter takes the new value.
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
        #[setter]
        fn set_x(&mut self) {
            self.x = 0.0;
        }
    }
}

fn main() {
    println!("BUG: a setter without a value was accepted");
}
