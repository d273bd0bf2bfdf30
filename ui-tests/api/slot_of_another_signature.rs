// Rule: a slot's definition takes functions of that slot's C signature (from HPy's own table,
// `HPySlot_SIG`): each signature's `slot` constructor accepts only its own slots, so pairing a
// slot with another signature's functions does not compile, even in `unsafe` code.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::__private::{Def, HPyContext, cpy_PyObject, ffi, hpyfunc};

unsafe extern "C" fn add(_ctx: *mut HPyContext, a: ffi::HPy, _b: ffi::HPy) -> ffi::HPy {
    a
}

unsafe extern "C" fn add_trampoline(a: *mut cpy_PyObject, _b: *mut cpy_PyObject) -> *mut cpy_PyObject {
    a
}

// SAFETY: never given to a runtime (and it does not compile).
pub static LEN: Def = unsafe {
    hpyfunc::binaryfunc::slot(hpyfunc::lenfunc::Slot::HPy_mp_length, add, add_trampoline)
};

fn main() {
    println!("BUG: a slot was defined with functions of another signature");
}
