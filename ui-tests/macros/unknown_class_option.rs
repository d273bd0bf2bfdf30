// Rule: options are checked: a typo is an error, not ignored.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class(frozn)]
    pub struct Point {
        x: f64,
    }
}

fn main() {
    println!("BUG: an unknown #[hpy::class] option was ignored");
}
