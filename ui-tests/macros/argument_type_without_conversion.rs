// Rule: an argument type needs a conversion from Python (`FromPy`); the error names the trait and the argument.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn wait(delay: std::time::Duration) -> u64 {
        delay.as_secs()
    }
}

fn main() {
    println!("BUG: an argument without a conversion was accepted");
}
