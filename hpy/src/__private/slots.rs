//! The slot signatures of HPy 0.9 a type can fill: for each, the `Def` constructor (typed, so a
//! generated `impl` with the wrong signature does not compile) and the body of its CPython
//! trampoline, which packs the C arguments into the runtime's `_HPyFunc_args_<SIG>` struct and
//! hands it to `ctx_CallRealFunctionFromTrampoline` (see [`super::trampoline`]).

use core::ffi::{CStr, c_int, c_void};

use super::defs::Def;
use super::trampoline::call_real;
use crate::ffi::{self, HPy, HPyContext, cpy_PyObject};

type Erased = unsafe extern "C" fn() -> *mut c_void;
type ErasedTrampoline = unsafe extern "C" fn(
    *mut cpy_PyObject,
    *const *mut cpy_PyObject,
    ffi::HPy_ssize_t,
) -> *mut cpy_PyObject;

macro_rules! slot_signatures {
    ($(
        $ctor:ident, $trampoline:ident: $sig:ident / $args:ident,
        impl ($($ip:ty),*) -> $ir:ty,
        cpy ($($an:ident: $at:ty),*) -> $ar:ty;
    )*) => {
        impl Def {$(
            #[doc = concat!("A slot whose implementation has the `HPyFunc_", stringify!($sig), "` signature.")]
            ///
            /// # Safety
            /// See [`Def`].
            pub const unsafe fn $ctor(
                slot: ffi::HPySlot_Slot,
                impl_: unsafe extern "C" fn(*mut HPyContext $(, $ip)*) -> $ir,
                trampoline: unsafe extern "C" fn($($at),*) -> $ar,
            ) -> Def {
                // SAFETY: function pointers become function-pointer types of the same size;
                // the runtime casts them back to the signature this slot declares.
                let (impl_, trampoline) = unsafe {
                    (
                        core::mem::transmute::<unsafe extern "C" fn(*mut HPyContext $(, $ip)*) -> $ir, Erased>(impl_),
                        core::mem::transmute::<unsafe extern "C" fn($($at),*) -> $ar, ErasedTrampoline>(trampoline),
                    )
                };
                Def::slot(slot, Some(impl_), Some(trampoline))
            }
        )*}

        $(
            #[doc = concat!("The body of an `HPyFunc_", stringify!($sig), "` CPython trampoline.")]
            ///
            /// # Safety
            /// Called by CPython with the arguments of this slot; `impl_` has its signature.
            #[inline(always)]
            pub unsafe fn $trampoline(
                impl_: unsafe extern "C" fn(*mut HPyContext $(, $ip)*) -> $ir,
                $($an: $at),*
            ) -> $ar {
                // SAFETY: every field of the argument structs is an integer or a raw pointer,
                // for which all zeros is a valid value; the arguments are filled in below.
                let mut a: ffi::$args = unsafe { core::mem::zeroed() };
                $( a.$an = $an; )*
                // SAFETY: a function pointer becomes another function-pointer type.
                let impl_ = unsafe {
                    core::mem::transmute::<unsafe extern "C" fn(*mut HPyContext $(, $ip)*) -> $ir, Erased>(impl_)
                };
                // SAFETY: `a` is the argument struct of this signature, `impl_` has it.
                unsafe { call_real(ffi::$sig, Some(impl_), (&raw mut a).cast()) };
                a.result
            }
        )*
    };
}

slot_signatures! {
    slot_unary, unary: HPyFunc_UNARYFUNC / _HPyFunc_args_UNARYFUNC,
        impl (HPy) -> HPy, cpy (arg0: *mut cpy_PyObject) -> *mut cpy_PyObject;
    slot_repr, repr: HPyFunc_REPRFUNC / _HPyFunc_args_REPRFUNC,
        impl (HPy) -> HPy, cpy (arg0: *mut cpy_PyObject) -> *mut cpy_PyObject;
    slot_binary, binary: HPyFunc_BINARYFUNC / _HPyFunc_args_BINARYFUNC,
        impl (HPy, HPy) -> HPy,
        cpy (arg0: *mut cpy_PyObject, arg1: *mut cpy_PyObject) -> *mut cpy_PyObject;
    slot_ternary, ternary: HPyFunc_TERNARYFUNC / _HPyFunc_args_TERNARYFUNC,
        impl (HPy, HPy, HPy) -> HPy,
        cpy (arg0: *mut cpy_PyObject, arg1: *mut cpy_PyObject, arg2: *mut cpy_PyObject) -> *mut cpy_PyObject;
    slot_inquiry, inquiry: HPyFunc_INQUIRY / _HPyFunc_args_INQUIRY,
        impl (HPy) -> c_int, cpy (arg0: *mut cpy_PyObject) -> c_int;
    slot_len, len: HPyFunc_LENFUNC / _HPyFunc_args_LENFUNC,
        impl (HPy) -> ffi::HPy_ssize_t, cpy (arg0: *mut cpy_PyObject) -> ffi::HPy_ssize_t;
    slot_hash, hash: HPyFunc_HASHFUNC / _HPyFunc_args_HASHFUNC,
        impl (HPy) -> ffi::HPy_hash_t, cpy (arg0: *mut cpy_PyObject) -> ffi::HPy_hash_t;
    slot_richcmp, richcmp: HPyFunc_RICHCMPFUNC / _HPyFunc_args_RICHCMPFUNC,
        impl (HPy, HPy, ffi::HPy_RichCmpOp) -> HPy,
        cpy (arg0: *mut cpy_PyObject, arg1: *mut cpy_PyObject, arg2: ffi::HPy_RichCmpOp) -> *mut cpy_PyObject;
    slot_ssizearg, ssizearg: HPyFunc_SSIZEARGFUNC / _HPyFunc_args_SSIZEARGFUNC,
        impl (HPy, ffi::HPy_ssize_t) -> HPy,
        cpy (arg0: *mut cpy_PyObject, arg1: ffi::HPy_ssize_t) -> *mut cpy_PyObject;
    slot_ssizeobjarg, ssizeobjarg: HPyFunc_SSIZEOBJARGPROC / _HPyFunc_args_SSIZEOBJARGPROC,
        impl (HPy, ffi::HPy_ssize_t, HPy) -> c_int,
        cpy (arg0: *mut cpy_PyObject, arg1: ffi::HPy_ssize_t, arg2: *mut cpy_PyObject) -> c_int;
    slot_objobjarg, objobjarg: HPyFunc_OBJOBJARGPROC / _HPyFunc_args_OBJOBJARGPROC,
        impl (HPy, HPy, HPy) -> c_int,
        cpy (arg0: *mut cpy_PyObject, arg1: *mut cpy_PyObject, arg2: *mut cpy_PyObject) -> c_int;
    slot_objobj, objobj: HPyFunc_OBJOBJPROC / _HPyFunc_args_OBJOBJPROC,
        impl (HPy, HPy) -> c_int,
        cpy (arg0: *mut cpy_PyObject, arg1: *mut cpy_PyObject) -> c_int;
    slot_new, new: HPyFunc_NEWFUNC / _HPyFunc_args_NEWFUNC,
        impl (HPy, *const HPy, ffi::HPy_ssize_t, HPy) -> HPy,
        cpy (self_: *mut cpy_PyObject, args: *mut cpy_PyObject, kw: *mut cpy_PyObject) -> *mut cpy_PyObject;
    slot_call, call: HPyFunc_KEYWORDS / _HPyFunc_args_KEYWORDS,
        impl (HPy, *const HPy, usize, HPy) -> HPy,
        cpy (self_: *mut cpy_PyObject, args: *const *mut cpy_PyObject, nargsf: usize, kwnames: *mut cpy_PyObject) -> *mut cpy_PyObject;
    slot_getbuffer, getbuffer: HPyFunc_GETBUFFERPROC / _HPyFunc_args_GETBUFFERPROC,
        impl (HPy, *mut ffi::HPy_buffer, c_int) -> c_int,
        cpy (self_: *mut cpy_PyObject, view: *mut ffi::cpy_Py_buffer, flags: c_int) -> c_int;
}

/// The getter and setter signatures, for [`Def::getset`].
pub type GetterImpl = unsafe extern "C" fn(*mut HPyContext, HPy, *mut c_void) -> HPy;
/// See [`GetterImpl`].
pub type SetterImpl = unsafe extern "C" fn(*mut HPyContext, HPy, HPy, *mut c_void) -> c_int;
/// See [`GetterImpl`].
pub type GetterTrampoline =
    unsafe extern "C" fn(*mut cpy_PyObject, *mut c_void) -> *mut cpy_PyObject;
/// See [`GetterImpl`].
pub type SetterTrampoline =
    unsafe extern "C" fn(*mut cpy_PyObject, *mut cpy_PyObject, *mut c_void) -> c_int;

impl Def {
    const fn slot(
        slot: ffi::HPySlot_Slot,
        impl_: ffi::HPyCFunction,
        trampoline: ffi::cpy_PyCFunction,
    ) -> Def {
        Def::from_raw(ffi::HPyDef {
            kind: ffi::HPyDef_Kind_Slot,
            u: ffi::HPyDef_u {
                slot: ffi::HPySlot {
                    slot,
                    impl_,
                    cpy_trampoline: trampoline,
                },
            },
        })
    }

    /// `tp_destroy`: called by the runtime directly, without a context, so it has no
    /// trampoline.
    ///
    /// # Safety
    /// See [`Def`]; `tp_destroy` and `tp_traverse` are given the object's payload and must
    /// treat it as the type's.
    pub const unsafe fn slot_destroy(impl_: unsafe extern "C" fn(*mut c_void)) -> Def {
        // SAFETY: a function pointer becomes another function-pointer type of the same size.
        let impl_ =
            unsafe { core::mem::transmute::<unsafe extern "C" fn(*mut c_void), Erased>(impl_) };
        Def::slot(ffi::HPy_tp_destroy, Some(impl_), None)
    }

    /// `tp_traverse`: called without a context, directly by the runtime and through its
    /// trampoline by CPython's GC.
    ///
    /// # Safety
    /// See [`Def`]; `tp_destroy` and `tp_traverse` are given the object's payload and must
    /// treat it as the type's.
    pub const unsafe fn slot_traverse(
        impl_: unsafe extern "C" fn(*mut c_void, ffi::HPyFunc_visitproc, *mut c_void) -> c_int,
        trampoline: unsafe extern "C" fn(
            *mut cpy_PyObject,
            ffi::cpy_visitproc,
            *mut c_void,
        ) -> c_int,
    ) -> Def {
        // SAFETY: function pointers become function-pointer types of the same size.
        let (impl_, trampoline) = unsafe {
            (
                core::mem::transmute::<
                    unsafe extern "C" fn(*mut c_void, ffi::HPyFunc_visitproc, *mut c_void) -> c_int,
                    Erased,
                >(impl_),
                core::mem::transmute::<
                    unsafe extern "C" fn(
                        *mut cpy_PyObject,
                        ffi::cpy_visitproc,
                        *mut c_void,
                    ) -> c_int,
                    ErasedTrampoline,
                >(trampoline),
            )
        };
        Def::slot(ffi::HPy_tp_traverse, Some(impl_), Some(trampoline))
    }

    /// `tp_finalize` (an `HPyFunc_DESTRUCTOR`).
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn slot_finalize(
        impl_: unsafe extern "C" fn(*mut HPyContext, HPy),
        trampoline: unsafe extern "C" fn(*mut cpy_PyObject),
    ) -> Def {
        // SAFETY: function pointers become function-pointer types of the same size.
        let (impl_, trampoline) = unsafe {
            (
                core::mem::transmute::<unsafe extern "C" fn(*mut HPyContext, HPy), Erased>(impl_),
                core::mem::transmute::<unsafe extern "C" fn(*mut cpy_PyObject), ErasedTrampoline>(
                    trampoline,
                ),
            )
        };
        Def::slot(ffi::HPy_tp_finalize, Some(impl_), Some(trampoline))
    }

    /// `HPy_mod_create` (an `HPyFunc_MOD_CREATE`): a module's create slot.
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn slot_mod_create(
        impl_: unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy,
        trampoline: unsafe extern "C" fn(*mut cpy_PyObject, *mut c_void) -> *mut cpy_PyObject,
    ) -> Def {
        // SAFETY: function pointers become function-pointer types of the same size.
        let (impl_, trampoline) = unsafe {
            (
                core::mem::transmute::<unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy, Erased>(
                    impl_,
                ),
                core::mem::transmute::<
                    unsafe extern "C" fn(*mut cpy_PyObject, *mut c_void) -> *mut cpy_PyObject,
                    ErasedTrampoline,
                >(trampoline),
            )
        };
        Def::slot(ffi::HPy_mod_create, Some(impl_), Some(trampoline))
    }

    /// `bf_releasebuffer`.
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn slot_releasebuffer(
        impl_: unsafe extern "C" fn(*mut HPyContext, HPy, *mut ffi::HPy_buffer),
        trampoline: unsafe extern "C" fn(*mut cpy_PyObject, *mut ffi::cpy_Py_buffer),
    ) -> Def {
        // SAFETY: function pointers become function-pointer types of the same size.
        let (impl_, trampoline) = unsafe {
            (
                core::mem::transmute::<
                    unsafe extern "C" fn(*mut HPyContext, HPy, *mut ffi::HPy_buffer),
                    Erased,
                >(impl_),
                core::mem::transmute::<
                    unsafe extern "C" fn(*mut cpy_PyObject, *mut ffi::cpy_Py_buffer),
                    ErasedTrampoline,
                >(trampoline),
            )
        };
        Def::slot(ffi::HPy_bf_releasebuffer, Some(impl_), Some(trampoline))
    }

    /// A getter and/or setter (a property).
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn getset(
        name: &'static CStr,
        getter: Option<(GetterImpl, GetterTrampoline)>,
        setter: Option<(SetterImpl, SetterTrampoline)>,
        doc: Option<&'static CStr>,
    ) -> Def {
        let (getter_impl, getter_cpy_trampoline) = match getter {
            // SAFETY: a function pointer becomes a function-pointer type of the same size.
            Some((i, t)) => (
                Some(unsafe { core::mem::transmute::<GetterImpl, Erased>(i) }),
                Some(t),
            ),
            None => (None, None),
        };
        let (setter_impl, setter_cpy_trampoline) = match setter {
            // SAFETY: a function pointer becomes a function-pointer type of the same size.
            Some((i, t)) => (
                Some(unsafe { core::mem::transmute::<SetterImpl, Erased>(i) }),
                Some(t),
            ),
            None => (None, None),
        };
        Def::from_raw(ffi::HPyDef {
            kind: ffi::HPyDef_Kind_GetSet,
            u: ffi::HPyDef_u {
                getset: ffi::HPyGetSet {
                    name: name.as_ptr(),
                    getter_impl,
                    setter_impl,
                    getter_cpy_trampoline,
                    setter_cpy_trampoline,
                    doc: match doc {
                        Some(d) => d.as_ptr(),
                        None => core::ptr::null(),
                    },
                    closure: core::ptr::null_mut(),
                },
            },
        })
    }
}

/// The body of the `tp_traverse` CPython trampoline.
///
/// # Safety
/// Called by CPython's GC with the object and its visit procedure.
#[inline(always)]
pub unsafe fn traverse(
    impl_: unsafe extern "C" fn(*mut c_void, ffi::HPyFunc_visitproc, *mut c_void) -> c_int,
    self_: *mut cpy_PyObject,
    visit: ffi::cpy_visitproc,
    arg: *mut c_void,
) -> c_int {
    let mut a = ffi::_HPyFunc_args_TRAVERSEPROC {
        self_,
        visit,
        arg,
        result: 0,
    };
    // SAFETY: a function pointer becomes another function-pointer type.
    let impl_ = unsafe {
        core::mem::transmute::<
            unsafe extern "C" fn(*mut c_void, ffi::HPyFunc_visitproc, *mut c_void) -> c_int,
            Erased,
        >(impl_)
    };
    // SAFETY: `a` is the TRAVERSEPROC argument struct and `impl_` has that signature.
    unsafe { call_real(ffi::HPyFunc_TRAVERSEPROC, Some(impl_), (&raw mut a).cast()) };
    a.result
}

/// The body of the `tp_finalize` CPython trampoline.
///
/// # Safety
/// Called by CPython with the object to finalize.
#[inline(always)]
pub unsafe fn finalize(
    impl_: unsafe extern "C" fn(*mut HPyContext, HPy),
    self_: *mut cpy_PyObject,
) {
    let mut a = ffi::_HPyFunc_args_DESTRUCTOR { arg0: self_ };
    // SAFETY: a function pointer becomes another function-pointer type.
    let impl_ = unsafe {
        core::mem::transmute::<unsafe extern "C" fn(*mut HPyContext, HPy), Erased>(impl_)
    };
    // SAFETY: `a` is the DESTRUCTOR argument struct and `impl_` has that signature.
    unsafe { call_real(ffi::HPyFunc_DESTRUCTOR, Some(impl_), (&raw mut a).cast()) };
}

/// The body of the `HPy_mod_create` CPython trampoline.
///
/// # Safety
/// Called by CPython with the module's spec.
#[inline(always)]
pub unsafe fn mod_create(
    impl_: unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy,
    spec: *mut cpy_PyObject,
) -> *mut cpy_PyObject {
    let mut a = ffi::_HPyFunc_args_MOD_CREATE {
        spec,
        result: core::ptr::null_mut(),
    };
    // SAFETY: a function pointer becomes another function-pointer type.
    let impl_ = unsafe {
        core::mem::transmute::<unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy, Erased>(impl_)
    };
    // SAFETY: `a` is the MOD_CREATE argument struct and `impl_` has that signature.
    unsafe { call_real(ffi::HPyFunc_MOD_CREATE, Some(impl_), (&raw mut a).cast()) };
    a.result
}

/// The body of the `bf_releasebuffer` CPython trampoline.
///
/// # Safety
/// Called by CPython with the exporter and the view to release.
#[inline(always)]
pub unsafe fn releasebuffer(
    impl_: unsafe extern "C" fn(*mut HPyContext, HPy, *mut ffi::HPy_buffer),
    self_: *mut cpy_PyObject,
    view: *mut ffi::cpy_Py_buffer,
) {
    let mut a = ffi::_HPyFunc_args_RELEASEBUFFERPROC { self_, view };
    // SAFETY: a function pointer becomes another function-pointer type.
    let impl_ = unsafe {
        core::mem::transmute::<
            unsafe extern "C" fn(*mut HPyContext, HPy, *mut ffi::HPy_buffer),
            Erased,
        >(impl_)
    };
    // SAFETY: `a` is the RELEASEBUFFERPROC argument struct and `impl_` has that signature.
    unsafe {
        call_real(
            ffi::HPyFunc_RELEASEBUFFERPROC,
            Some(impl_),
            (&raw mut a).cast(),
        )
    };
}

/// The body of a getter's CPython trampoline.
///
/// # Safety
/// Called by CPython with the object and the getset's closure.
#[inline(always)]
pub unsafe fn getter(
    impl_: GetterImpl,
    arg0: *mut cpy_PyObject,
    arg1: *mut c_void,
) -> *mut cpy_PyObject {
    let mut a = ffi::_HPyFunc_args_GETTER {
        arg0,
        arg1,
        result: core::ptr::null_mut(),
    };
    // SAFETY: a function pointer becomes another function-pointer type.
    let impl_ = unsafe { core::mem::transmute::<GetterImpl, Erased>(impl_) };
    // SAFETY: `a` is the GETTER argument struct and `impl_` has that signature.
    unsafe { call_real(ffi::HPyFunc_GETTER, Some(impl_), (&raw mut a).cast()) };
    a.result
}

/// The body of a setter's CPython trampoline.
///
/// # Safety
/// Called by CPython with the object, the value (NULL to delete) and the closure.
#[inline(always)]
pub unsafe fn setter(
    impl_: SetterImpl,
    arg0: *mut cpy_PyObject,
    arg1: *mut cpy_PyObject,
    arg2: *mut c_void,
) -> c_int {
    let mut a = ffi::_HPyFunc_args_SETTER {
        arg0,
        arg1,
        arg2,
        result: 0,
    };
    // SAFETY: a function pointer becomes another function-pointer type.
    let impl_ = unsafe { core::mem::transmute::<SetterImpl, Erased>(impl_) };
    // SAFETY: `a` is the SETTER argument struct and `impl_` has that signature.
    unsafe { call_real(ffi::HPyFunc_SETTER, Some(impl_), (&raw mut a).cast()) };
    a.result
}
