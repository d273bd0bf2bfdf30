// Rule: only a `CapsuleValue` goes into a capsule, so a capsule's name always says its type.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Capsule;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn make() -> Capsule<u64> {
        Capsule::new(7)
    }
}

fn main() {
    println!("BUG: a capsule was made of a value that does not implement CapsuleValue");
}
