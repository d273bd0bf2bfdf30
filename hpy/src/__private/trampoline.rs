//! CPython trampolines: on CPython, `hpy.universal` registers each definition's
//! `cpy_trampoline` with the interpreter. A trampoline packs its C arguments into the
//! `_HPyFunc_args_<SIG>` struct and hands them, with the definition's `impl`, to the context's
//! `ctx_CallRealFunctionFromTrampoline`, which converts `PyObject *` to handles (wrapping them
//! in debug handles in debug mode), calls `impl`, and converts the result back.
//!
//! The context used is the one the runtime gave `HPyInitGlobalContext_<name>` when it first
//! loaded the library (universal, debug or trace): see `library_context`.

use core::ffi::c_void;
use core::ptr;

use super::signatures::*;
use crate::ffi;

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
    let ctx = super::library_context::current();
    // SAFETY: the library's context is either the placeholder or a complete context, valid
    // for as long as the module is loaded; both have this member.
    let call = unsafe { (*ctx).ctx_CallRealFunctionFromTrampoline.unwrap_unchecked() };
    // SAFETY: forwarded from the caller's contract; `ctx` is the context `call` belongs to.
    unsafe { call(ctx, sig, impl_, args) }
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
