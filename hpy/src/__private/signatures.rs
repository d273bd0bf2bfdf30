//! The C signatures of the `impl` functions and CPython trampolines the macros generate, and
//! their erasure to the generic pointer types `HPyDef` stores (`HPyCFunction`,
//! `cpy_PyCFunction`). HPy casts each pointer back to the signature the def declares.

use core::ffi::c_void;

use crate::ffi::{self, HPy, HPyContext, cpy_PyObject};

/// `HPyFunc_NOARGS` implementation.
pub type ImplNoArgs = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy;
/// `HPyFunc_O` implementation.
pub type ImplO = unsafe extern "C" fn(*mut HPyContext, HPy, HPy) -> HPy;
/// `HPyFunc_VARARGS` implementation.
pub type ImplVarArgs = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, usize) -> HPy;
/// `HPyFunc_KEYWORDS` implementation.
pub type ImplKeywords = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, usize, HPy) -> HPy;

/// CPython METH_NOARGS trampoline.
pub type TrampolineNoArgs = unsafe extern "C" fn(*mut cpy_PyObject) -> *mut cpy_PyObject;
/// CPython METH_O trampoline.
pub type TrampolineO =
    unsafe extern "C" fn(*mut cpy_PyObject, *mut cpy_PyObject) -> *mut cpy_PyObject;
/// CPython METH_FASTCALL trampoline.
pub type TrampolineVarArgs = unsafe extern "C" fn(
    *mut cpy_PyObject,
    *const *mut cpy_PyObject,
    ffi::HPy_ssize_t,
) -> *mut cpy_PyObject;
/// CPython METH_FASTCALL | METH_KEYWORDS trampoline.
pub type TrampolineKeywords = unsafe extern "C" fn(
    *mut cpy_PyObject,
    *const *mut cpy_PyObject,
    usize,
    *mut cpy_PyObject,
) -> *mut cpy_PyObject;

type ErasedImpl = unsafe extern "C" fn() -> *mut c_void;
type ErasedTrampoline = unsafe extern "C" fn(
    *mut cpy_PyObject,
    *const *mut cpy_PyObject,
    ffi::HPy_ssize_t,
) -> *mut cpy_PyObject;

macro_rules! erasers {
    ($($name:ident: $from:ty => $to:ty;)*) => {$(
        #[doc = concat!("Erases a `", stringify!($from), "`.")]
        pub(crate) const fn $name(f: $from) -> Option<$to> {
            // SAFETY: a function pointer becomes another function-pointer type of the same
            // size; it is only ever called after being cast back to its real signature.
            Some(unsafe { core::mem::transmute::<$from, $to>(f) })
        }
    )*};
}

erasers! {
    erase_noargs: ImplNoArgs => ErasedImpl;
    erase_o: ImplO => ErasedImpl;
    erase_varargs: ImplVarArgs => ErasedImpl;
    erase_keywords: ImplKeywords => ErasedImpl;
    erase_trampoline_noargs: TrampolineNoArgs => ErasedTrampoline;
    erase_trampoline_o: TrampolineO => ErasedTrampoline;
    erase_trampoline_keywords: TrampolineKeywords => ErasedTrampoline;
}
