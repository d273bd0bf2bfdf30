// Rule: the runtime trusts a definition completely (it takes what its functions return as
// handles, reads members at their offsets), so making one by hand needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::__private::{Def, HPyContext, cpy_PyObject, ffi, hpyfunc};

unsafe extern "C" fn bogus(_ctx: *mut HPyContext, _self: ffi::HPy) -> ffi::HPy {
    ffi::HPy { _i: 0x4141_4141 }
}

unsafe extern "C" fn bogus_trampoline(_self: *mut cpy_PyObject) -> *mut cpy_PyObject {
    core::ptr::null_mut()
}

pub static DEF: Def = hpyfunc::noargs::method(c"f", bogus, bogus_trampoline, c"");

fn main() {
    println!("BUG: a definition whose function returns a made-up handle was made without unsafe");
}
