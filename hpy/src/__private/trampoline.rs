//! CPython trampolines: on CPython, `hpy.universal` registers each definition's
//! `cpy_trampoline` with the interpreter. A trampoline packs its C arguments into the
//! `_HPyFunc_args_<SIG>` struct and hands them, with the definition's `impl`, to the context's
//! `ctx_CallRealFunctionFromTrampoline`, which converts `PyObject *` to handles (wrapping them
//! in debug handles in debug mode), calls `impl`, and converts the result back.
//!
//! The context used is the one the runtime gave `HPyInitGlobalContext_<name>` when it loaded
//! the module (universal, debug or trace), kept in `CONTEXT`: one per shared library, as
//! each `.hpy0.so` statically links its own copy of this crate.

use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use super::signatures::*;
use crate::ffi;

/// The context trampolines hand their calls to: the one the runtime gave this shared library
/// at load time, once checked complete, and until then [`NOT_INITIALISED`]. Either way its
/// `ctx_CallRealFunctionFromTrampoline` is set, so a trampoline calls it unconditionally,
/// like HPy's C trampolines.
static CONTEXT: AtomicPtr<ffi::HPyContext> =
    AtomicPtr::new((&raw const NOT_INITIALISED.0).cast_mut());

/// A context whose only function is [`not_initialised`] (never written to).
static NOT_INITIALISED: Placeholder = Placeholder({
    // SAFETY: every field of a context is a pointer, an integer, a handle or an `Option` of
    // a function pointer, for all of which zero is a valid value.
    let mut ctx: ffi::HPyContext = unsafe { core::mem::zeroed() };
    ctx.ctx_CallRealFunctionFromTrampoline = Some(not_initialised);
    ctx
});

/// [`NOT_INITIALISED`]'s type: a context is not `Sync` (it holds raw pointers).
struct Placeholder(ffi::HPyContext);

// SAFETY: the placeholder is immutable, and its pointers are null.
unsafe impl Sync for Placeholder {}

/// Stores the context for the trampolines (the body of `HPyInitGlobalContext_<name>`). A
/// context that lacks a function is not stored (the module's exec slot refuses it with an
/// `ImportError`; see `check_context`).
///
/// # Safety
/// `ctx` must be a context that stays valid for as long as the module is loaded.
pub unsafe fn init_context(ctx: *mut ffi::HPyContext) {
    if ctx.is_null() {
        return;
    }
    // SAFETY: the caller's contract: `ctx` is a valid context.
    let table = unsafe { &*ctx };
    if table.first_missing_function().is_none() {
        CONTEXT.store(ctx, Ordering::Release);
    }
}

/// Hands a packed argument struct to the runtime.
///
/// # Safety
/// `args` must point to the `_HPyFunc_args_*` struct of `sig`, and `impl_` must have the HPy
/// signature `sig` describes.
#[inline(always)]
pub(crate) unsafe fn call_real(
    sig: ffi::HPyFunc_Signature,
    impl_: ffi::HPyCFunction,
    args: *mut c_void,
) {
    let ctx = CONTEXT.load(Ordering::Acquire);
    // SAFETY: `CONTEXT` holds either the placeholder or a complete context, valid for as long
    // as the module is loaded; both have this member.
    let call = unsafe { (*ctx).ctx_CallRealFunctionFromTrampoline.unwrap_unchecked() };
    // SAFETY: forwarded from the caller's contract; `ctx` is the context `call` belongs to.
    unsafe { call(ctx, sig, impl_, args) }
}

/// [`NOT_INITIALISED`]'s function: a trampoline ran before the runtime initialised this
/// library with a complete context. Nothing can be raised, so it aborts.
unsafe extern "C" fn not_initialised(
    _ctx: *mut ffi::HPyContext,
    _sig: ffi::HPyFunc_Signature,
    _impl: ffi::HPyCFunction,
    _args: *mut c_void,
) {
    abort("an HPy trampoline ran before the runtime gave this library a complete context");
}

#[cold]
fn abort(message: &str) -> ! {
    eprintln!("hpy-rs: fatal: {message}");
    std::process::abort()
}

/// The body of a METH_NOARGS trampoline.
///
/// # Safety
/// Called by CPython with a valid `self` object.
#[inline(always)]
pub unsafe fn noargs(impl_: ImplNoArgs, self_: *mut ffi::cpy_PyObject) -> *mut ffi::cpy_PyObject {
    let mut a = ffi::_HPyFunc_args_NOARGS {
        self_,
        result: ptr::null_mut(),
    };
    let impl_ = erase_noargs(impl_);
    // SAFETY: `a` is the NOARGS argument struct and `impl_` has the NOARGS signature.
    unsafe { call_real(ffi::HPyFunc_NOARGS, impl_, (&raw mut a).cast()) };
    a.result
}

/// The body of a METH_O trampoline.
///
/// # Safety
/// Called by CPython with valid `self` and `arg` objects.
#[inline(always)]
pub unsafe fn o(
    impl_: ImplO,
    self_: *mut ffi::cpy_PyObject,
    arg: *mut ffi::cpy_PyObject,
) -> *mut ffi::cpy_PyObject {
    let mut a = ffi::_HPyFunc_args_O {
        self_,
        arg,
        result: ptr::null_mut(),
    };
    let impl_ = erase_o(impl_);
    // SAFETY: `a` is the O argument struct and `impl_` has the O signature.
    unsafe { call_real(ffi::HPyFunc_O, impl_, (&raw mut a).cast()) };
    a.result
}

/// The body of a METH_FASTCALL trampoline.
///
/// # Safety
/// Called by CPython with `nargs` valid objects at `args`.
#[inline(always)]
pub unsafe fn varargs(
    impl_: ImplVarArgs,
    self_: *mut ffi::cpy_PyObject,
    args: *const *mut ffi::cpy_PyObject,
    nargs: ffi::HPy_ssize_t,
) -> *mut ffi::cpy_PyObject {
    let mut a = ffi::_HPyFunc_args_VARARGS {
        self_,
        args,
        nargs,
        result: ptr::null_mut(),
    };
    let impl_ = erase_varargs(impl_);
    // SAFETY: `a` is the VARARGS argument struct and `impl_` has the VARARGS signature.
    unsafe { call_real(ffi::HPyFunc_VARARGS, impl_, (&raw mut a).cast()) };
    a.result
}

/// The body of a METH_FASTCALL | METH_KEYWORDS trampoline.
///
/// # Safety
/// Called by CPython with a vectorcall argument vector.
#[inline(always)]
pub unsafe fn keywords(
    impl_: ImplKeywords,
    self_: *mut ffi::cpy_PyObject,
    args: *const *mut ffi::cpy_PyObject,
    nargsf: usize,
    kwnames: *mut ffi::cpy_PyObject,
) -> *mut ffi::cpy_PyObject {
    let mut a = ffi::_HPyFunc_args_KEYWORDS {
        self_,
        args,
        nargsf,
        kwnames,
        result: ptr::null_mut(),
    };
    let impl_ = erase_keywords(impl_);
    // SAFETY: `a` is the KEYWORDS argument struct and `impl_` has the KEYWORDS signature.
    unsafe { call_real(ffi::HPyFunc_KEYWORDS, impl_, (&raw mut a).cast()) };
    a.result
}
