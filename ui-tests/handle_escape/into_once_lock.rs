// Rule: a handle cannot be cached in a `OnceLock`.
// This must not compile; if it ever does, running it says which rule broke.

use std::sync::OnceLock;

use hpy::Handle;

static CACHE: OnceLock<Handle<'static>> = OnceLock::new();

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn cache(obj: &Handle<'_>) {
        let _ = CACHE.set(obj.clone());
    }
}

fn main() {
    println!("BUG: a handle was cached in a OnceLock");
}
