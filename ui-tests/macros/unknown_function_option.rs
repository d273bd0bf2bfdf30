// Rule: options are checked: a typo is an error, not ignored.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function(signatur = (a))]
    fn f(a: i64) -> i64 {
        a
    }
}

fn main() {
    println!("BUG: an unknown #[hpy::function] option was ignored");
}
