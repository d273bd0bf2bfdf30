// Rule: an exception type is a unit struct (Python holds its state).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::exception]
    pub struct Oops {
        code: i32,
    }
}

fn main() {
    println!("BUG: an exception with fields was accepted");
}
