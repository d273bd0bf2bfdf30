// BUG if this compiles: an object's Rust value holds a `Handle`, which is only valid during
// one call; long-lived references must be `Field`s.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Holder<'ctx> {
        item: Handle<'ctx>,
    }
}

fn main() {
    println!("BUG: an object's Rust value holds a Handle, which is only valid during one call; long-lived references must be Fields");
}
