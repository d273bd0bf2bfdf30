// Rule: `dyn Any` needs `'static`, which no handle is.
// This must not compile; if it ever does, running it says which rule broke.

use std::any::Any;

use hpy::Handle;

fn erase<'ctx>(obj: &Handle<'ctx>) -> Box<dyn Any> {
    Box::new(obj.clone())
}

fn main() {
    println!("BUG: a handle was erased into Box<dyn Any>");
}
