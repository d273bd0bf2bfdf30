// Rule: a `PyObject*` becomes a handle only through `unsafe`: nothing can check that it
// points to a live object.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::PyObject;
use hpy::{Context, Handle, Result};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn f(cx: Context<'_>) -> Result<Handle<'_>> {
        let p: *mut PyObject = core::ptr::null_mut();
        Handle::from_py_object(cx, p)
    }
}

fn main() {
    println!("BUG: Handle::from_py_object was called without unsafe");
}
