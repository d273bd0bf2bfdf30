// Rule: a legacy class cannot replace the slots hpy-rs owns (here `Py_tp_dealloc`, 52: the
// value's `Drop` runs in HPy's deallocator).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::{LegacySlots, PyObject, PyTypeSlot};

unsafe extern "C" fn dealloc(_: *mut PyObject) {}

// SAFETY: `dealloc` has the type of `tp_dealloc` and keeps the C API's contract.
static SLOTS: LegacySlots = unsafe {
    LegacySlots::new(&[
        PyTypeSlot::new(52, dealloc as *mut core::ffi::c_void),
        PyTypeSlot::END,
    ])
};

fn main() {
    let _ = &SLOTS;
    println!("BUG: a legacy tp_dealloc was accepted");
}
