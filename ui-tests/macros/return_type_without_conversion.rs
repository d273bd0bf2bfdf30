// Rule: a return type needs a conversion to Python (`IntoPy`).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn now() -> std::time::Instant {
        std::time::Instant::now()
    }
}

fn main() {
    println!("BUG: a return value without a conversion was accepted");
}
