// Rule: two parameters cannot share a name.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn twice(a: i64, a: i64) -> i64 {
        a
    }
}

fn main() {
    println!("BUG: two parameters shared a name");
}
