//! CPython trampolines: on CPython, `hpy.universal` registers each definition's
//! `cpy_trampoline` with the interpreter. A trampoline (its body is generated, one per C
//! signature: `hpyfunc::<signature>::trampoline`) packs its C arguments into the
//! `_HPyFunc_args_<SIG>` struct and hands them, with the definition's `impl`, to the context's
//! `ctx_CallRealFunctionFromTrampoline` ([`call_real`]), which converts `PyObject *` to
//! handles (wrapping them in debug handles in debug mode), calls `impl`, and converts the
//! result back. HPy 0.9's runtimes copy a call's arguments onto the C stack (`alloca`), so a
//! call with too many of them is refused first ([`stack_arguments`]).
//!
//! The context used is the one the runtime gave `HPyInitGlobalContext_<name>` when it first
//! loaded the library (universal, debug or trace): see `library_context`. In the CPython ABI
//! there is no runtime in between: `call_real` is `cpython::call_real`, which calls `impl`
//! itself.

#[cfg(not(feature = "abi-cpython"))]
use {crate::ffi, core::ffi::c_void};

#[cfg(not(feature = "abi-cpython"))]
mod stack_arguments;

#[cfg(feature = "abi-cpython")]
pub(crate) use super::cpython::call_real;

/// Hands a packed argument struct to the runtime.
///
/// # Safety
/// `args` must point to the `_HPyFunc_args_*` struct of `sig`, and `impl_` must have the HPy
/// signature `sig` describes.
#[cfg(not(feature = "abi-cpython"))]
#[inline(always)]
pub(crate) unsafe fn call_real(
    sig: ffi::HPyFunc_Signature,
    impl_: ffi::HPyCFunction,
    args: *mut c_void,
) {
    let ctx = super::library_context::current();
    // SAFETY: forwarded from the caller's contract.
    if unsafe { stack_arguments::too_many(sig, args) } {
        // SAFETY: forwarded from the caller's contract.
        unsafe { stack_arguments::refuse(ctx, sig, args) };
        return;
    }
    // SAFETY: the library's context is either the placeholder or a complete context, valid
    // for as long as the module is loaded; both have this member.
    let call = unsafe { (*ctx).ctx_CallRealFunctionFromTrampoline.unwrap_unchecked() };
    // SAFETY: forwarded from the caller's contract; `ctx` is the context `call` belongs to.
    unsafe { call(ctx, sig, impl_, args) }
}
