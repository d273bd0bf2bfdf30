// Rule: a `'static` closure cannot capture a handle.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Handle;

fn callback<'ctx>(obj: Handle<'ctx>) -> Box<dyn Fn() -> bool + 'static> {
    Box::new(move || obj.is_none())
}

fn main() {
    println!("BUG: a handle escaped in a 'static closure");
}
