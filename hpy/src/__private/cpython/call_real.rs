//! The CPython ABI's trampolines: what `ctx_CallRealFunctionFromTrampoline` does in the
//! universal ABI, done in place. A handle there *is* the `PyObject *` (HPy's
//! `hpy/cpython/misc.h`: `_py2h`, `_h2py` are casts), so a trampoline calls the
//! implementation with CPython's arguments as they are, as HPy's own CPython-ABI
//! trampolines do (`hpy/cpython/hpyfunc_trampolines.h`,
//! `hpy/cpython/autogen_hpyfunc_trampolines.h`), signature for signature.
//!
//! [`call_real`] keeps the universal ABI's shape — an argument struct and a signature —
//! so that the generated trampolines (`hpyfunc::<signature>::trampoline`) are the same in
//! both ABIs; it is `#[inline(always)]` and every trampoline passes a constant signature,
//! so the `match` folds to the one arm and the struct to registers.

use core::ffi::{c_char, c_void};

use super::context;
use crate::ffi;
use crate::ffi::cpy_PyObject;

use crate::ffi::cpython_capi::{h2py as py, py2h as h};

/// `&PyTuple_GET_ITEM(tuple, 0)` and `PyTuple_GET_SIZE(tuple)`: the positional arguments of
/// `__init__` and `__new__` as the handles HPy's trampolines pass.
///
/// # Safety
/// `tuple` must be a tuple.
#[inline(always)]
unsafe fn tuple_items(tuple: *mut cpy_PyObject) -> (*const ffi::HPy, ffi::HPy_ssize_t) {
    use ffi::cpython_capi::{PyVarObjectHeader, TUPLE_ITEMS_OFFSET};
    // SAFETY: a tuple's header (the caller's contract).
    let size = unsafe { (*tuple.cast::<PyVarObjectHeader>()).ob_size };
    (
        tuple.cast::<u8>().wrapping_add(TUPLE_ITEMS_OFFSET).cast(),
        size,
    )
}

/// Calls `impl_` with the arguments packed in `args`, as HPy's CPython-ABI trampoline of
/// `sig` does, and stores the result in the struct's `result`.
///
/// # Safety
/// `args` must point to the `_HPyFunc_args_*` struct of `sig` (for
/// `HPyFunc_CAPSULE_DESTRUCTOR`, to the capsule), filled with the arguments CPython passed,
/// and `impl_` must have the HPy signature `sig` describes.
#[inline(always)]
pub(crate) unsafe fn call_real(
    sig: ffi::HPyFunc_Signature,
    impl_: ffi::HPyCFunction,
    args: *mut c_void,
) {
    let ctx = context::current();
    /// Reads the argument struct and the implementation of one signature.
    macro_rules! unpack {
        ($args:ident, $impl:ident) => {
            (
                &mut *args.cast::<ffi::$args>(),
                core::mem::transmute::<ffi::HPyCFunction, ffi::$impl>(impl_).unwrap_unchecked(),
            )
        };
    }
    // SAFETY: by the caller's contract, `args` points to the argument struct of `sig`
    // (which each arm reads as that struct) and `impl_` has the implementation type of `sig`
    // (to which each arm casts it back); each arm calls it with the context of the CPython
    // ABI and the arguments CPython passed, converted as HPy's own CPython-ABI trampoline of
    // that signature converts them, and calls HPy's runtime functions as those trampolines
    // do (the tuple of `__init__`/`__new__`, the visitor of `tp_traverse`, the capsule's
    // name, pointer and context).
    unsafe {
        match sig {
            ffi::HPyFunc_VARARGS => {
                let (a, f) = unpack!(_HPyFunc_args_VARARGS, HPyFunc_varargs);
                a.result = py(f(ctx, h(a.self_), a.args.cast(), a.nargs as usize));
            }
            ffi::HPyFunc_KEYWORDS => {
                let (a, f) = unpack!(_HPyFunc_args_KEYWORDS, HPyFunc_keywords);
                let nargs = a.nargsf & !ffi::cpython_layout::PY_VECTORCALL_ARGUMENTS_OFFSET;
                a.result = py(f(ctx, h(a.self_), a.args.cast(), nargs, h(a.kwnames)));
            }
            ffi::HPyFunc_INITPROC => {
                let (a, f) = unpack!(_HPyFunc_args_INITPROC, HPyFunc_initproc);
                let (items, n) = tuple_items(a.args);
                a.result = f(ctx, h(a.self_), items, n, h(a.kw));
            }
            ffi::HPyFunc_NEWFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_NEWFUNC, HPyFunc_newfunc);
                let (items, n) = tuple_items(a.args);
                a.result = py(f(ctx, h(a.self_), items, n, h(a.kw)));
            }
            ffi::HPyFunc_RICHCMPFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_RICHCMPFUNC, HPyFunc_richcmpfunc);
                a.result = py(f(ctx, h(a.arg0), h(a.arg1), a.arg2));
            }
            ffi::HPyFunc_GETBUFFERPROC => {
                // `Py_buffer` and `HPy_buffer` have the same layout in this ABI (HPy casts).
                let (a, f) = unpack!(_HPyFunc_args_GETBUFFERPROC, HPyFunc_getbufferproc);
                a.result = f(ctx, h(a.self_), a.view.cast(), a.flags);
            }
            ffi::HPyFunc_RELEASEBUFFERPROC => {
                let (a, f) = unpack!(_HPyFunc_args_RELEASEBUFFERPROC, HPyFunc_releasebufferproc);
                f(ctx, h(a.self_), a.view.cast());
            }
            ffi::HPyFunc_TRAVERSEPROC => {
                let a = &mut *args.cast::<ffi::_HPyFunc_args_TRAVERSEPROC>();
                let f = core::mem::transmute::<ffi::HPyCFunction, ffi::HPyFunc_traverseproc>(impl_);
                a.result = ffi::call_traverseproc_from_trampoline(f, a.self_, a.visit, a.arg);
            }
            ffi::HPyFunc_MOD_CREATE => {
                let (a, f) = unpack!(_HPyFunc_args_MOD_CREATE, HPyFunc_mod_create);
                a.result = py(f(ctx, h(a.spec)));
                ffi::_HPyModule_CheckCreateSlotResult(&mut a.result);
            }
            ffi::HPyFunc_NOARGS => {
                let (a, f) = unpack!(_HPyFunc_args_NOARGS, HPyFunc_noargs);
                a.result = py(f(ctx, h(a.self_)));
            }
            ffi::HPyFunc_O => {
                let (a, f) = unpack!(_HPyFunc_args_O, HPyFunc_o);
                a.result = py(f(ctx, h(a.self_), h(a.arg)));
            }
            ffi::HPyFunc_UNARYFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_UNARYFUNC, HPyFunc_unaryfunc);
                a.result = py(f(ctx, h(a.arg0)));
            }
            ffi::HPyFunc_BINARYFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_BINARYFUNC, HPyFunc_binaryfunc);
                a.result = py(f(ctx, h(a.arg0), h(a.arg1)));
            }
            ffi::HPyFunc_TERNARYFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_TERNARYFUNC, HPyFunc_ternaryfunc);
                a.result = py(f(ctx, h(a.arg0), h(a.arg1), h(a.arg2)));
            }
            ffi::HPyFunc_INQUIRY => {
                let (a, f) = unpack!(_HPyFunc_args_INQUIRY, HPyFunc_inquiry);
                a.result = f(ctx, h(a.arg0));
            }
            ffi::HPyFunc_LENFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_LENFUNC, HPyFunc_lenfunc);
                a.result = f(ctx, h(a.arg0));
            }
            ffi::HPyFunc_SSIZEARGFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_SSIZEARGFUNC, HPyFunc_ssizeargfunc);
                a.result = py(f(ctx, h(a.arg0), a.arg1));
            }
            ffi::HPyFunc_SSIZESSIZEARGFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_SSIZESSIZEARGFUNC, HPyFunc_ssizessizeargfunc);
                a.result = py(f(ctx, h(a.arg0), a.arg1, a.arg2));
            }
            ffi::HPyFunc_SSIZEOBJARGPROC => {
                let (a, f) = unpack!(_HPyFunc_args_SSIZEOBJARGPROC, HPyFunc_ssizeobjargproc);
                a.result = f(ctx, h(a.arg0), a.arg1, h(a.arg2));
            }
            ffi::HPyFunc_SSIZESSIZEOBJARGPROC => {
                let (a, f) = unpack!(
                    _HPyFunc_args_SSIZESSIZEOBJARGPROC,
                    HPyFunc_ssizessizeobjargproc
                );
                a.result = f(ctx, h(a.arg0), a.arg1, a.arg2, h(a.arg3));
            }
            ffi::HPyFunc_OBJOBJARGPROC => {
                let (a, f) = unpack!(_HPyFunc_args_OBJOBJARGPROC, HPyFunc_objobjargproc);
                a.result = f(ctx, h(a.arg0), h(a.arg1), h(a.arg2));
            }
            ffi::HPyFunc_FREEFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_FREEFUNC, HPyFunc_freefunc);
                f(ctx, a.arg0);
            }
            ffi::HPyFunc_GETATTRFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_GETATTRFUNC, HPyFunc_getattrfunc);
                a.result = py(f(ctx, h(a.arg0), a.arg1));
            }
            ffi::HPyFunc_GETATTROFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_GETATTROFUNC, HPyFunc_getattrofunc);
                a.result = py(f(ctx, h(a.arg0), h(a.arg1)));
            }
            ffi::HPyFunc_SETATTRFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_SETATTRFUNC, HPyFunc_setattrfunc);
                a.result = f(ctx, h(a.arg0), a.arg1, h(a.arg2));
            }
            ffi::HPyFunc_SETATTROFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_SETATTROFUNC, HPyFunc_setattrofunc);
                a.result = f(ctx, h(a.arg0), h(a.arg1), h(a.arg2));
            }
            ffi::HPyFunc_REPRFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_REPRFUNC, HPyFunc_reprfunc);
                a.result = py(f(ctx, h(a.arg0)));
            }
            ffi::HPyFunc_HASHFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_HASHFUNC, HPyFunc_hashfunc);
                a.result = f(ctx, h(a.arg0));
            }
            ffi::HPyFunc_GETITERFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_GETITERFUNC, HPyFunc_getiterfunc);
                a.result = py(f(ctx, h(a.arg0)));
            }
            ffi::HPyFunc_ITERNEXTFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_ITERNEXTFUNC, HPyFunc_iternextfunc);
                a.result = py(f(ctx, h(a.arg0)));
            }
            ffi::HPyFunc_DESCRGETFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_DESCRGETFUNC, HPyFunc_descrgetfunc);
                a.result = py(f(ctx, h(a.arg0), h(a.arg1), h(a.arg2)));
            }
            ffi::HPyFunc_DESCRSETFUNC => {
                let (a, f) = unpack!(_HPyFunc_args_DESCRSETFUNC, HPyFunc_descrsetfunc);
                a.result = f(ctx, h(a.arg0), h(a.arg1), h(a.arg2));
            }
            ffi::HPyFunc_GETTER => {
                let (a, f) = unpack!(_HPyFunc_args_GETTER, HPyFunc_getter);
                a.result = py(f(ctx, h(a.arg0), a.arg1));
            }
            ffi::HPyFunc_SETTER => {
                let (a, f) = unpack!(_HPyFunc_args_SETTER, HPyFunc_setter);
                a.result = f(ctx, h(a.arg0), h(a.arg1), a.arg2);
            }
            ffi::HPyFunc_OBJOBJPROC => {
                let (a, f) = unpack!(_HPyFunc_args_OBJOBJPROC, HPyFunc_objobjproc);
                a.result = f(ctx, h(a.arg0), h(a.arg1));
            }
            ffi::HPyFunc_DESTRUCTOR => {
                let (a, f) = unpack!(_HPyFunc_args_DESTRUCTOR, HPyFunc_destructor);
                f(ctx, h(a.arg0));
            }
            ffi::HPyFunc_CAPSULE_DESTRUCTOR => {
                // `HPyCapsule_DESTRUCTOR_TRAMPOLINE`: `args` is the capsule.
                let capsule = h(args.cast());
                let f = core::mem::transmute::<ffi::HPyCFunction, ffi::HPyFunc_Capsule_Destructor>(
                    impl_,
                )
                .unwrap_unchecked();
                {
                    let name = ffi::cpython::ctx_Capsule_Get(
                        ctx,
                        capsule,
                        ffi::HPyCapsule_key_Name,
                        core::ptr::null(),
                    ) as *const c_char;
                    let pointer = ffi::cpython::ctx_Capsule_Get(
                        ctx,
                        capsule,
                        ffi::HPyCapsule_key_Pointer,
                        name,
                    );
                    let context = ffi::cpython::ctx_Capsule_Get(
                        ctx,
                        capsule,
                        ffi::HPyCapsule_key_Context,
                        core::ptr::null(),
                    );
                    f(name, pointer, context)
                }
            }
            _ => unreachable_signature(sig),
        }
    }
}

/// A trampoline was generated for a signature this module does not know: a bug of hpy-rs.
#[cold]
fn unreachable_signature(sig: ffi::HPyFunc_Signature) -> ! {
    panic!("hpy-rs: no CPython-ABI trampoline for the HPy signature {sig}")
}
