// Rule: a Python type has one layout: no type parameters.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Wrapper<T> {
        value: T,
    }
}

fn main() {
    println!("BUG: #[hpy::class] accepted a generic struct");
}
