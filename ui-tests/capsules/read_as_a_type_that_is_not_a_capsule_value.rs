// Rule: a capsule is read only as a `CapsuleValue`, whose name says what it points to.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn read(capsule: &Handle<'_>) -> Result<u64> {
        Ok(*capsule.capsule::<u64>()?)
    }
}

fn main() {
    println!("BUG: a capsule was read as a type that does not implement CapsuleValue");
}
