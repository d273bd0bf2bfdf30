// Rule: an exception's base must be an exception type.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    pub struct NotAnException;

    #[hpy::exception(base = NotAnException)]
    pub struct Oops;
}

fn main() {
    println!("BUG: an exception with a non-exception base was accepted");
}
