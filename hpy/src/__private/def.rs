//! [`Def`]: an `HPyDef` in a `static`. Its typed constructors are generated, one per C
//! signature (`hpyfunc::<signature>::method` / `slot`); the getset, member and destroy
//! definitions, which are not made of one implementation and one trampoline, are built here
//! and in `class::member`.

use core::ffi::{CStr, c_void};

use super::args::KeywordMemo;
use super::hpyfunc;
use crate::Global;
use crate::ffi;

/// An `HPyDef` in a `static`, with the keyword memo of its parameters if it binds keywords
/// (whose global the module registers).
///
/// The runtime trusts a definition completely — it calls its functions with raw handles and
/// pointers, takes their results as owned handles, reads a member at its offset — so every
/// constructor is `unsafe`, with this contract (which the generated code meets, each `impl`
/// running its body through an `Entry`):
///
/// * each function has the signature the definition declares; `impl` is called by the
///   runtime with a context and lent handles, which it never closes, and returns what the
///   slot's C signature promises (a new handle owned by the caller, or `HPy_NULL` / the
///   slot's error value with an exception set, and never the error value without one); a
///   CPython `trampoline` hands its arguments to `ctx_CallRealFunctionFromTrampoline` with
///   that `impl`;
/// * the definition is used for the kind of object it was made for (a module function in a
///   module, a type's slot or member in that type's spec), and a member's offset and type
///   describe a value of that type in the payload.
pub struct Def {
    raw: ffi::HPyDef,
    memo: Option<&'static KeywordMemo>,
    /// In the CPython ABI, the builtin a method with a `(self, args, kwargs)` entry point is
    /// registered as instead of `raw` (see [`Def::taking_keyword_dict`]).
    #[cfg(feature = "abi-cpython")]
    dict_method: Option<ffi::cpython_capi::PyMethodDef>,
}

// SAFETY: a `Def` is immutable once built (at compile time), and holds only pointers to
// `'static` data (names, docs, other statics) and to functions; neither the runtime nor hpy-rs
// ever writes through them, so sharing it between threads shares read-only data.
unsafe impl Sync for Def {}

impl Def {
    /// Wraps a raw definition.
    pub(crate) const fn from_raw(def: ffi::HPyDef) -> Def {
        Def {
            raw: def,
            memo: None,
            #[cfg(feature = "abi-cpython")]
            dict_method: None,
        }
    }

    /// A method definition of signature `signature` (one of the four method conventions),
    /// from the erased pointers of a generated `hpyfunc::<signature>::method`.
    ///
    /// # Safety
    /// As for every constructor (see [`Def`]), and `impl_` and `trampoline` are erased from
    /// functions of `signature`.
    pub(crate) const unsafe fn method_erased(
        name: &'static CStr,
        signature: ffi::HPyFunc_Signature,
        impl_: ffi::HPyCFunction,
        trampoline: ffi::cpy_PyCFunction,
        doc: &'static CStr,
    ) -> Def {
        Def::from_raw(ffi::HPyDef {
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

    /// A slot definition, from the erased pointers of a generated `hpyfunc::<signature>::slot`
    /// (the runtime knows each slot's signature).
    ///
    /// # Safety
    /// As for every constructor (see [`Def`]), and `impl_` and `trampoline` are erased from
    /// functions of `slot`'s signature.
    pub(crate) const unsafe fn slot_erased(
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

    /// The definition of a function that binds keywords with `memo` (its parameter table's).
    pub const fn remembering(self, memo: &'static KeywordMemo) -> Def {
        Def {
            memo: Some(memo),
            ..self
        }
    }

    /// The definition of a method (of signature `HPyFunc_KEYWORDS`) that also has an entry
    /// point taking its arguments as CPython's `METH_VARARGS | METH_KEYWORDS` passes them, a
    /// tuple and a keyword dict: `trampoline`, a `newfunc` trampoline (the same C signature)
    /// of an implementation that binds them (see `Entry::run_keywords_dict`).
    ///
    /// In the CPython ABI the method is registered with that entry point instead: a call
    /// with a keyword dict (`f(*t, **d)`) then reaches it without CPython turning the dict
    /// into keyword names first, and a method that takes `**kwargs` gets the dict to view.
    /// The universal ABI has no such convention (every HPy method is vectorcall), so there
    /// the definition is the method's alone and `trampoline` is never used.
    ///
    /// # Safety
    /// `trampoline` hands CPython's `(self, args, kwargs)` to an implementation of this
    /// method's parameters (see [`Def`]); `self` is a method definition.
    #[cfg_attr(not(feature = "abi-cpython"), expect(unused_variables))]
    pub const unsafe fn taking_keyword_dict(self, trampoline: hpyfunc::newfunc::Trampoline) -> Def {
        #[cfg(feature = "abi-cpython")]
        {
            // SAFETY: the caller's contract: a method definition.
            let meth = unsafe { self.raw.u.meth };
            Def {
                dict_method: Some(ffi::cpython_capi::PyMethodDef {
                    ml_name: meth.name,
                    ml_meth: Some(trampoline),
                    ml_flags: ffi::cpython_capi::METH_VARARGS | ffi::cpython_capi::METH_KEYWORDS,
                    ml_doc: meth.doc,
                }),
                ..self
            }
        }
        #[cfg(not(feature = "abi-cpython"))]
        self
    }

    /// Whether HPy's runtime registers the definition: all but a method taking a keyword
    /// dict in the CPython ABI, which is registered as its builtin (see
    /// [`Def::taking_keyword_dict`]).
    pub(crate) fn registered_by_hpy(&'static self) -> bool {
        #[cfg(feature = "abi-cpython")]
        return self.dict_method.is_none();
        #[cfg(not(feature = "abi-cpython"))]
        true
    }

    /// The builtin the method is registered as in the CPython ABI, if it takes a keyword dict
    /// (see [`Def::taking_keyword_dict`]).
    #[cfg(feature = "abi-cpython")]
    pub(crate) fn dict_method(&'static self) -> Option<&'static ffi::cpython_capi::PyMethodDef> {
        self.dict_method.as_ref()
    }

    /// The address of the `HPyDef`, for a `defines` array.
    pub const fn as_ptr(&'static self) -> *const ffi::HPyDef {
        &self.raw
    }

    /// The global of the keyword memo, if any, for the module's `globals` array.
    pub(super) fn memo_global(&'static self) -> Option<&'static Global> {
        self.memo.map(KeywordMemo::global)
    }
}

impl Def {
    /// `tp_destroy`: called by the runtime directly, without a context, so it has no
    /// trampoline (and no `_HPyFunc_args_*` struct).
    ///
    /// # Safety
    /// See [`Def`]; `tp_destroy` is given the object's payload and must treat it as the type's.
    pub const unsafe fn slot_destroy(impl_: unsafe extern "C" fn(*mut c_void)) -> Def {
        // SAFETY: a function pointer becomes an `Option` of another function-pointer type of
        // the same size; the runtime calls it back as an `HPyFunc_destroyfunc`.
        let impl_ = unsafe {
            core::mem::transmute::<unsafe extern "C" fn(*mut c_void), ffi::HPyCFunction>(impl_)
        };
        // SAFETY: the caller's contract; `tp_destroy` has no trampoline.
        unsafe { Def::slot_erased(ffi::HPy_tp_destroy, impl_, None) }
    }

    /// A getter and/or setter (a property).
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn getset(
        name: &'static CStr,
        getter: Option<(hpyfunc::getter::Impl, hpyfunc::getter::Trampoline)>,
        setter: Option<(hpyfunc::setter::Impl, hpyfunc::setter::Trampoline)>,
        doc: Option<&'static CStr>,
    ) -> Def {
        let (getter_impl, getter_cpy_trampoline) = match getter {
            Some((i, t)) => (hpyfunc::getter::erase_impl(i), Some(t)),
            None => (None, None),
        };
        let (setter_impl, setter_cpy_trampoline) = match setter {
            Some((i, t)) => (hpyfunc::setter::erase_impl(i), Some(t)),
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
