// Rule: legacy slots end with `PyTypeSlot::END` (CPython reads up to the zero entry).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::{LegacySlots, PyObject, PyTypeSlot};

extern "C" fn repr(_: *mut PyObject) -> *mut PyObject {
    core::ptr::null_mut()
}

// SAFETY: `repr` keeps the C API's contract (NULL with an exception set... were it reached).
static SLOTS: LegacySlots = unsafe { LegacySlots::new(&[PyTypeSlot::repr(repr)]) };

fn main() {
    let _ = &SLOTS;
    println!("BUG: legacy slots without their end were accepted");
}
