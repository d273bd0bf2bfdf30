//! Calls with more arguments than the C stack can hold, refused with a `MemoryError`.
//!
//! On CPython, HPy 0.9's runtimes convert the arguments of a `VARARGS`, `KEYWORDS`,
//! `NEWFUNC` or `INITPROC` call into an array of handles made with `alloca`, one per argument
//! and keyword value: `ctx_CallRealFunctionFromTrampoline` in `hpy/universal/src/ctx_meth.c`
//! and in `hpy/debug/src/debug_ctx_cpython.c` (`DHPy *dh_args = (DHPy *)alloca(nargs_with_kw
//! * sizeof(DHPy));`). An array larger than what is left of the thread's stack moves the stack
//! pointer past its guard page: `f(*range(3_000_000))` crashed the interpreter. Nothing
//! between the trampoline and the runtime can give the runtime another array, so the
//! trampoline counts the arguments first and refuses a call of more than
//! [`MAX_STACK_ARGUMENTS`] with `MemoryError("Stack overflow ...")`, CPython's own exception
//! and wording when `PyOS_CheckStack` finds the stack exhausted. The CPython ABI has no such
//! copy (handles are the `PyObject *` themselves) and no such limit.
//!
//! The exception is raised by the runtime's own machinery: the trampoline hands the runtime
//! [`refuse_noargs`] (or [`refuse_inquiry`] for `INITPROC`, which returns a status) in place of
//! the definition's implementation, with the call's `self` only. The runtime gives it a valid
//! context in every mode, which the library's context is not while a debug-mode call of this
//! library is under way.

use core::ffi::{c_int, c_void};

use crate::__private::boundary::{Entry, SlotReturn};
use crate::__private::hpyfunc;
use crate::exceptions::MemoryError;
use crate::ffi;
use crate::ffi::cpython_layout::{PY_VECTORCALL_ARGUMENTS_OFFSET, PyVarObjectHeader};

/// The most handles (positional arguments and keyword values) a call may pass: 1 MiB of stack
/// for the runtime's array, an eighth of the usual 8 MiB (Linux's default for the main thread
/// and for the threads CPython starts).
pub(crate) const MAX_STACK_ARGUMENTS: usize = 1 << 17;

/// `Py_SIZE(obj)` of a tuple, 0 for null.
///
/// # Safety
/// `obj` must be null or a live `tuple`.
#[inline(always)]
unsafe fn tuple_size(obj: *mut ffi::cpy_PyObject) -> usize {
    if obj.is_null() {
        return 0;
    }
    // SAFETY: a live tuple (the caller's contract) starts with a `PyVarObject` head.
    unsafe { (*obj.cast::<PyVarObjectHeader>()).ob_size as usize }
}

/// Whether the call would make the runtime copy more than [`MAX_STACK_ARGUMENTS`] handles
/// onto the stack.
///
/// # Safety
/// `args` must point to the `_HPyFunc_args_*` struct of `sig`, filled by a trampoline with
/// what CPython passed.
#[inline(always)]
pub(crate) unsafe fn too_many(sig: ffi::HPyFunc_Signature, args: *mut c_void) -> bool {
    // SAFETY: each arm reads the struct of its signature (the caller's contract), whose
    // object pointers CPython passed: tuples for `args` and `kwnames`, or null.
    let count = unsafe {
        match sig {
            ffi::HPyFunc_VARARGS => (*args.cast::<ffi::_HPyFunc_args_VARARGS>()).nargs as usize,
            ffi::HPyFunc_KEYWORDS => {
                let a = &*args.cast::<ffi::_HPyFunc_args_KEYWORDS>();
                // Both below `isize::MAX`: the sum fits.
                (a.nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET) + tuple_size(a.kwnames)
            }
            ffi::HPyFunc_NEWFUNC => tuple_size((*args.cast::<ffi::_HPyFunc_args_NEWFUNC>()).args),
            ffi::HPyFunc_INITPROC => tuple_size((*args.cast::<ffi::_HPyFunc_args_INITPROC>()).args),
            _ => return false,
        }
    };
    count > MAX_STACK_ARGUMENTS
}

/// Has the runtime raise the `MemoryError` for a call [`too_many`] refused, and sets the
/// call's result to the error value.
///
/// # Safety
/// As for [`too_many`], which returned `true`; `ctx` is the library's context.
#[cold]
#[inline(never)]
pub(crate) unsafe fn refuse(
    ctx: *mut ffi::HPyContext,
    sig: ffi::HPyFunc_Signature,
    args: *mut c_void,
) {
    // SAFETY: the library's context (placeholder or complete) has this member.
    let call = unsafe { (*ctx).ctx_CallRealFunctionFromTrampoline.unwrap_unchecked() };
    // SAFETY: every argument struct starts with the call's `self` (the caller's contract).
    let self_ = unsafe { *args.cast::<*mut ffi::cpy_PyObject>() };
    if sig == ffi::HPyFunc_INITPROC {
        let mut a = ffi::_HPyFunc_args_INQUIRY {
            arg0: self_,
            result: -1,
        };
        // SAFETY: `a` is the argument struct of `HPyFunc_INQUIRY`, which `refuse_inquiry` has.
        unsafe {
            call(
                ctx,
                ffi::HPyFunc_INQUIRY,
                hpyfunc::inquiry::erase_impl(refuse_inquiry),
                (&raw mut a).cast(),
            )
        };
        // SAFETY: `INITPROC`'s struct (the caller's contract).
        unsafe { (*args.cast::<ffi::_HPyFunc_args_INITPROC>()).result = a.result };
    } else {
        let mut a = ffi::_HPyFunc_args_NOARGS {
            self_,
            result: core::ptr::null_mut(),
        };
        // SAFETY: `a` is the argument struct of `HPyFunc_NOARGS`, which `refuse_noargs` has.
        unsafe {
            call(
                ctx,
                ffi::HPyFunc_NOARGS,
                hpyfunc::noargs::erase_impl(refuse_noargs),
                (&raw mut a).cast(),
            )
        };
        // The three other signatures return an object.
        // SAFETY: the struct of `sig` (the caller's contract).
        unsafe {
            match sig {
                ffi::HPyFunc_VARARGS => {
                    (*args.cast::<ffi::_HPyFunc_args_VARARGS>()).result = a.result
                }
                ffi::HPyFunc_KEYWORDS => {
                    (*args.cast::<ffi::_HPyFunc_args_KEYWORDS>()).result = a.result
                }
                _ => (*args.cast::<ffi::_HPyFunc_args_NEWFUNC>()).result = a.result,
            }
        }
    }
}

/// The error of a refused call.
fn stack_overflow() -> crate::Error {
    MemoryError::new_err(format!(
        "Stack overflow: HPy 0.9 copies a call's arguments onto the C stack, and hpy-rs \
         refuses calls of more than {MAX_STACK_ARGUMENTS} of them"
    ))
}

/// The implementation the runtime runs in place of a refused call's (object result).
unsafe extern "C" fn refuse_noargs(ctx: *mut ffi::HPyContext, _self: ffi::HPy) -> ffi::HPy {
    // SAFETY: the runtime calls this with the call's context.
    unsafe { raise_stack_overflow(ctx, ffi::HPy_NULL) }
}

/// The implementation the runtime runs in place of a refused `__init__` (status result).
unsafe extern "C" fn refuse_inquiry(ctx: *mut ffi::HPyContext, _self: ffi::HPy) -> c_int {
    // SAFETY: the runtime calls this with the call's context.
    unsafe { raise_stack_overflow(ctx, -1) }
}

/// Raises the `MemoryError` of a refused call and returns `error`.
///
/// # Safety
/// `ctx` must be the context the runtime passed to the calling implementation.
unsafe fn raise_stack_overflow<T: SlotReturn>(ctx: *mut ffi::HPyContext, error: T) -> T {
    // SAFETY: the caller's contract.
    let entry = unsafe { Entry::new(ctx) };
    entry.run(error, |_| Err(stack_overflow()))
}
