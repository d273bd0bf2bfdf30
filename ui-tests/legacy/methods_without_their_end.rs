// Rule: a `Py_tp_methods` array ends with `PyMethodDef::END` (CPython reads up to it).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::{PyMethodDef, PyObject, PyTypeSlot};

extern "C" fn peek(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    core::ptr::null_mut()
}

static METHODS: [PyMethodDef; 1] = [PyMethodDef::noargs(c"peek", peek, None)];
static SLOT: PyTypeSlot = PyTypeSlot::methods(&METHODS);

fn main() {
    let _ = &SLOT;
    println!("BUG: legacy methods without their end were accepted");
}
