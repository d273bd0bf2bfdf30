// BUG if this compiles: Python uses and drops objects on whichever thread holds the GIL, so a
// value tied to one thread (an `Rc` also cloned elsewhere, a `MutexGuard`) would be used or
// dropped on another.
use std::rc::Rc;

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Shared {
        count: Rc<i64>,
    }
}

fn main() {
    println!("BUG: Python uses and drops objects on whichever thread holds the GIL, so a value tied to one thread (an Rc also cloned elsewhere, a MutexGuard) would be used or dropped on another");
}
