//! CPython trampolines: on CPython, `hpy.universal` registers each definition's
//! `cpy_trampoline` with the interpreter. A trampoline packs its C arguments into the
//! `_HPyFunc_args_<SIG>` struct and hands them, with the definition's `impl`, to the context's
//! `ctx_CallRealFunctionFromTrampoline`, which converts `PyObject *` to handles (wrapping them
//! in debug handles in debug mode), calls `impl`, and converts the result back.
//!
//! The context used is the one the runtime gave `HPyInitGlobalContext_<name>` when it loaded
//! the module (universal, debug or trace), kept in `TARGET`: one per shared library, as
//! each `.hpy0.so` statically links its own copy of this crate.

use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use super::signatures::*;
use crate::ffi;

/// Where trampolines send their calls: the runtime's context and its
/// `ctx_CallRealFunctionFromTrampoline`, taken out of the table when the context is stored,
/// so that a trampoline makes one unconditional call, like HPy's C trampolines. One static,
/// so that a trampoline looks up one address.
struct Target {
    /// The function; [`not_initialised`] until a complete context is stored.
    call: AtomicPtr<c_void>,
    /// The context the runtime gave this shared library at load time.
    ctx: AtomicPtr<ffi::HPyContext>,
}

static TARGET: Target = Target {
    call: AtomicPtr::new(not_initialised as *mut c_void),
    ctx: AtomicPtr::new(ptr::null_mut()),
};

/// The signature of `ctx_CallRealFunctionFromTrampoline`.
type CallReal = unsafe extern "C" fn(
    *mut ffi::HPyContext,
    ffi::HPyFunc_Signature,
    ffi::HPyCFunction,
    *mut c_void,
);

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
    if table.first_missing_function().is_some() {
        return;
    }
    if let Some(call) = table.ctx_CallRealFunctionFromTrampoline {
        TARGET.ctx.store(ctx, Ordering::Release);
        TARGET.call.store(call as *mut c_void, Ordering::Release);
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
    let call = TARGET.call.load(Ordering::Acquire);
    // SAFETY: `call` only ever holds a `CallReal` (`not_initialised`, or the context's
    // member, stored after the context, so the context loaded below is the one it belongs to).
    let call = unsafe { core::mem::transmute::<*mut c_void, CallReal>(call) };
    let ctx = TARGET.ctx.load(Ordering::Acquire);
    // SAFETY: forwarded from the caller's contract; `ctx` is the runtime's context, or null
    // for `not_initialised`, which does not read it.
    unsafe { call(ctx, sig, impl_, args) }
}

/// The trampolines' function before the runtime initialised this library with a complete
/// context: nothing can be raised, so it aborts.
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
