//! The CPython ABI's one context: HPy's `_HPyGetContext()` (`hpy/cpython/misc.h`: the
//! name, the ABI version and the builtin handles, filled in on first use), recorded by
//! `PyInit_<name>` before anything runs, and handed to every implementation. It has no
//! functions (they are `hpy_sys::cpython::ctx_*`), so unlike the universal context nothing
//! about it needs checking.

use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use crate::ffi;

/// The context, or null before `PyInit_<name>` ran (no trampoline can run before it: the
/// module's functions and types are only reachable once it has).
static CONTEXT: AtomicPtr<ffi::HPyContext> = AtomicPtr::new(ptr::null_mut());

/// Records HPy's context (idempotent: the runtime's is one static).
pub(super) fn init() {
    // SAFETY: the shim's `_HPyGetContext()`, which only fills in a static.
    let ctx = unsafe { ffi::HPyRs_Context() };
    CONTEXT.store(ctx, Ordering::Release);
}

/// The context of every call.
#[inline(always)]
pub(crate) fn current() -> *mut ffi::HPyContext {
    CONTEXT.load(Ordering::Acquire)
}
