// Rule: a default must have the parameter's type.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function(signature = (n = "ten"))]
    fn count(n: i64) -> i64 {
        n
    }
}

fn main() {
    println!("BUG: a default of the wrong type was accepted");
}
