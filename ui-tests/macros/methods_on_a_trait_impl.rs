// Rule: `#[hpy::methods]` goes on the inherent impl block.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Point {
        x: f64,
    }

    #[hpy::methods]
    impl Clone for Point {
        fn clone(&self) -> Self {
            Point { x: self.x }
        }
    }
}

fn main() {
    println!("BUG: #[hpy::methods] on a trait impl was accepted");
}
