// Rule: a `Global` is registered in the module definition, so it must be a `static`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Global, Handle};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn store(obj: &Handle<'_>) {
        let local = Global::new();
        local.store(obj);
    }
}

fn main() {
    println!("BUG: a local Global was used");
}
