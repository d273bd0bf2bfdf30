// Rule: the signature lists the Rust parameters, by name.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function(signature = (a, c = 1))]
    fn add(a: i64, b: i64) -> i64 {
        a + b
    }
}

fn main() {
    println!("BUG: a signature naming a missing parameter was accepted");
}
