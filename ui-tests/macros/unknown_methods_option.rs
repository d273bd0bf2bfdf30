// Rule: `#[hpy::methods]` takes no options.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Point {
        x: f64,
    }

    #[hpy::methods(frozen)]
    impl Point {
        fn x(&self) -> f64 {
            self.x
        }
    }
}

fn main() {
    println!("BUG: an option to #[hpy::methods] was ignored");
}
