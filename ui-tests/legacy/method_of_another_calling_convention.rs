// Rule: a legacy method's function has the C type its `METH_*` flags make CPython call it
// with: a `METH_O` method takes `(self, arg)`, not `(self, args, kwargs)`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::{PyMethodDef, PyObject};

extern "C" fn with_keywords(_: *mut PyObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    core::ptr::null_mut()
}

static METHODS: [PyMethodDef; 2] = [
    PyMethodDef::o(c"f", with_keywords, None),
    PyMethodDef::END,
];

fn main() {
    let _ = &METHODS;
    println!("BUG: a legacy method of another calling convention was accepted");
}
