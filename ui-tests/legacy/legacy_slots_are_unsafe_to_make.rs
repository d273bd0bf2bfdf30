// Rule: registering C-API functions is `unsafe`: CPython trusts them to keep the C API's
// contract, which a safe `extern "C" fn` need not (this one returns a dangling pointer that
// `repr()` would dereference).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::{LegacySlots, PyObject, PyTypeSlot};

extern "C" fn repr(_: *mut PyObject) -> *mut PyObject {
    core::ptr::dangling_mut()
}

static SLOTS: LegacySlots = LegacySlots::new(&[PyTypeSlot::repr(repr), PyTypeSlot::END]);

fn main() {
    let _ = &SLOTS;
    println!("BUG: legacy slots were made without `unsafe`");
}
