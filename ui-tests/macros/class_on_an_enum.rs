// Rule: `#[hpy::class]` makes a struct a type; enums are not supported.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub enum Shape {
        Circle,
        Square,
    }
}

fn main() {
    println!("BUG: #[hpy::class] accepted an enum");
}
