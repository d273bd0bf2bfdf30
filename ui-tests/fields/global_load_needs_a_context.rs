// Rule: a `Global` is read through the context of the current call.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Global, Handle};

static CACHE: Global = Global::new();

fn read() -> Option<Handle<'static>> {
    CACHE.load()
}

fn main() {
    println!("BUG: a global was read without a context");
}
