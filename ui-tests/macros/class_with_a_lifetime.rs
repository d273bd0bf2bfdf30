// Rule: a type's value outlives every call: no lifetimes.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct View<'a> {
        text: &'a str,
    }
}

fn main() {
    println!("BUG: #[hpy::class] accepted a struct with a lifetime");
}
