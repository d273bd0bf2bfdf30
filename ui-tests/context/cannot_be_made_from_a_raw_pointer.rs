// Rule: only the generated entry point creates a `Context`, from the runtime's own pointer.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Context;

fn forge(raw: *mut hpy::ffi::HPyContext) -> Context<'static> {
    Context::from_raw(raw)
}

fn main() {
    println!("BUG: a context was forged from a raw pointer");
}
