//! The CPython ABI's one context: a copy of HPy's `_HPyGetContext()` (`hpy/cpython/misc.h`:
//! the name, the ABI version and the builtin handles), made by `PyInit_<name>` before
//! anything runs, and handed to every implementation. It lives in this library's own static,
//! so a trampoline passes a constant address. It has no functions (they are
//! `hpy_sys::cpython::ctx_*`), so unlike the universal context nothing about it needs
//! checking.

use core::cell::UnsafeCell;

use crate::ffi;

/// The context; all zeros (no name, NULL handles) until [`init`] copied HPy's.
static CONTEXT: Cell = Cell(UnsafeCell::new(
    // SAFETY: a context is a name pointer, an integer and handles, all valid as zeros.
    unsafe { core::mem::zeroed() },
));

/// [`CONTEXT`]'s type.
struct Cell(UnsafeCell<ffi::HPyContext>);

// SAFETY: written once, by the first `PyInit_<name>` (the GIL held, before any call can read
// it), then only read.
unsafe impl Sync for Cell {}

/// Copies HPy's context, the first time (later loads find it done).
pub(super) fn init() {
    let ctx = CONTEXT.0.get();
    // SAFETY: see `Cell`'s `Sync`: the GIL serialises module initialisations, and no call
    // reads the context before the first one is done.
    unsafe {
        if (*ctx).name.is_null() {
            *ctx = *ffi::HPyRs_Context();
        }
    }
}

/// The context of every call.
#[inline(always)]
pub(crate) fn current() -> *mut ffi::HPyContext {
    CONTEXT.0.get()
}
