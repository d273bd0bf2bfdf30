//! `HPyDef`s, the module definition and the arrays that point to them, as `static`s.
//!
//! The wrappers are `Sync` because they are immutable after compile-time construction and only
//! hold pointers to other statics and to functions; the runtime only reads them.

use core::ffi::CStr;
use core::ptr;

use super::signatures::*;
use crate::ffi;

/// An `HPyDef` in a `static`.
#[repr(transparent)]
pub struct Def(ffi::HPyDef);

// SAFETY: see the module documentation.
unsafe impl Sync for Def {}

impl Def {
    const fn meth(
        name: &'static CStr,
        impl_: ffi::HPyCFunction,
        trampoline: ffi::cpy_PyCFunction,
        signature: ffi::HPyFunc_Signature,
        doc: &'static CStr,
    ) -> Def {
        Def(ffi::HPyDef {
            kind: ffi::HPyDef_Kind_Meth,
            u: ffi::HPyDef_u {
                meth: ffi::HPyMeth {
                    name: name.as_ptr(),
                    impl_,
                    cpy_trampoline: trampoline,
                    signature,
                    doc: doc.as_ptr(),
                },
            },
        })
    }

    /// A METH_NOARGS function.
    pub const fn noargs(
        name: &'static CStr,
        impl_: ImplNoArgs,
        trampoline: TrampolineNoArgs,
        doc: &'static CStr,
    ) -> Def {
        let trampoline = erase_trampoline_noargs(trampoline);
        Def::meth(
            name,
            erase_noargs(impl_),
            trampoline,
            ffi::HPyFunc_NOARGS,
            doc,
        )
    }

    /// A METH_O function.
    pub const fn o(
        name: &'static CStr,
        impl_: ImplO,
        trampoline: TrampolineO,
        doc: &'static CStr,
    ) -> Def {
        let trampoline = erase_trampoline_o(trampoline);
        Def::meth(name, erase_o(impl_), trampoline, ffi::HPyFunc_O, doc)
    }

    /// A METH_FASTCALL function (positional arguments only).
    pub const fn varargs(
        name: &'static CStr,
        impl_: ImplVarArgs,
        trampoline: TrampolineVarArgs,
        doc: &'static CStr,
    ) -> Def {
        let impl_ = erase_varargs(impl_);
        Def::meth(name, impl_, Some(trampoline), ffi::HPyFunc_VARARGS, doc)
    }

    /// A METH_FASTCALL | METH_KEYWORDS function.
    pub const fn keywords(
        name: &'static CStr,
        impl_: ImplKeywords,
        trampoline: TrampolineKeywords,
        doc: &'static CStr,
    ) -> Def {
        let trampoline = erase_trampoline_keywords(trampoline);
        Def::meth(
            name,
            erase_keywords(impl_),
            trampoline,
            ffi::HPyFunc_KEYWORDS,
            doc,
        )
    }

    /// The module's `HPy_mod_exec` slot.
    pub const fn mod_exec(impl_: ImplInquiry, trampoline: TrampolineInquiry) -> Def {
        Def(ffi::HPyDef {
            kind: ffi::HPyDef_Kind_Slot,
            u: ffi::HPyDef_u {
                slot: ffi::HPySlot {
                    slot: ffi::HPy_mod_exec,
                    impl_: erase_inquiry(impl_),
                    cpy_trampoline: erase_trampoline_inquiry(trampoline),
                },
            },
        })
    }
}

impl Def {
    /// The address of the `HPyDef`, for a [`Defines`] array.
    pub const fn as_ptr(&'static self) -> *const ffi::HPyDef {
        &self.0
    }
}

/// What `#[hpy::function]` names as its definition when it reported compile errors (so the
/// module's list still resolves); such a crate never compiles, so this is never used.
pub static INVALID_DEF: Def = Def::mod_exec(invalid, invalid_trampoline);

unsafe extern "C" fn invalid(_: *mut ffi::HPyContext, _: ffi::HPy) -> core::ffi::c_int {
    -1
}

unsafe extern "C" fn invalid_trampoline(_: *mut ffi::cpy_PyObject) -> core::ffi::c_int {
    -1
}

/// A NULL-terminated array of `HPyDef *`.
#[repr(transparent)]
pub struct Defines<const N: usize>([*const ffi::HPyDef; N]);

// SAFETY: see the module documentation.
unsafe impl<const N: usize> Sync for Defines<N> {}

impl<const N: usize> Defines<N> {
    /// Wraps the array; its last element must be the NULL terminator.
    pub const fn new(defs: [*const ffi::HPyDef; N]) -> Self {
        assert!(N > 0 && defs[N - 1].is_null(), "Defines must end with NULL");
        Defines(defs)
    }
}

/// A NULL-terminated array of `HPyGlobal *`.
#[repr(transparent)]
pub struct Globals<const N: usize>([*mut ffi::HPyGlobal; N]);

// SAFETY: see the module documentation (the globals themselves are written by the runtime
// through these pointers, never through this array).
unsafe impl<const N: usize> Sync for Globals<N> {}

impl<const N: usize> Globals<N> {
    /// Wraps the array; its last element must be the NULL terminator.
    pub const fn new(globals: [*mut ffi::HPyGlobal; N]) -> Self {
        assert!(
            N > 0 && globals[N - 1].is_null(),
            "Globals must end with NULL"
        );
        Globals(globals)
    }
}

/// The module's `HPyModuleDef`, returned by the exported `HPyInit_<name>`.
#[repr(transparent)]
pub struct ModuleDef(ffi::HPyModuleDef);

// SAFETY: see the module documentation.
unsafe impl Sync for ModuleDef {}

impl ModuleDef {
    /// A module definition without module state (`size = 0`) or legacy methods.
    pub const fn new<const D: usize, const G: usize>(
        doc: Option<&'static CStr>,
        defines: &'static Defines<D>,
        globals: &'static Globals<G>,
    ) -> Self {
        ModuleDef(ffi::HPyModuleDef {
            doc: match doc {
                Some(doc) => doc.as_ptr(),
                None => ptr::null(),
            },
            size: 0,
            legacy_methods: ptr::null_mut(),
            defines: defines.0.as_ptr() as *mut *mut ffi::HPyDef,
            globals: globals.0.as_ptr().cast_mut(),
        })
    }

    /// The pointer `HPyInit_<name>` returns. The runtime only reads through it.
    pub const fn as_ptr(&'static self) -> *mut ffi::HPyModuleDef {
        (&self.0 as *const ffi::HPyModuleDef).cast_mut()
    }
}
