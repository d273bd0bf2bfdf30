//! The `tp_new` of a class without `#[new]`.

use crate::__private::{Def, Entry, hpyfunc};
use crate::ffi;

/// The `tp_new` of a type without `#[new]`: instances can only be created from Rust.
// SAFETY: `no_new` runs through an `Entry` and only raises; its trampoline hands its
// arguments to the runtime.
pub static NO_NEW: Def = unsafe {
    hpyfunc::newfunc::slot(
        hpyfunc::newfunc::Slot::HPy_tp_new,
        no_new,
        no_new_trampoline,
    )
};

unsafe extern "C" fn no_new(
    ctx: *mut ffi::HPyContext,
    ty: ffi::HPy,
    _args: *const ffi::HPy,
    _nargs: ffi::HPy_ssize_t,
    _kw: ffi::HPy,
) -> ffi::HPy {
    // SAFETY: the runtime calls tp_new with the call's context and the class, lent.
    let entry = unsafe { Entry::new(ctx) };
    entry.run_o(ffi::HPy_NULL, ty, |_, ty| {
        Err(crate::exceptions::TypeError::new_err(format!(
            "cannot create '{}' instances",
            crate::protocol::tp_name(ty)
        )))
    })
}

unsafe extern "C" fn no_new_trampoline(
    self_: *mut ffi::cpy_PyObject,
    args: *mut ffi::cpy_PyObject,
    kw: *mut ffi::cpy_PyObject,
) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls tp_new with the class, the argument tuple and the keyword dict.
    unsafe { hpyfunc::newfunc::trampoline(no_new, self_, args, kw) }
}
