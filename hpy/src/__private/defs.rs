//! `HPyDef`s, the globals array and the module definition, as `static`s.
//!
//! The wrappers are `Sync` because they are immutable once built (at compile time, or once by
//! [`ModuleDef::as_ptr`]) and only hold pointers to other statics and to functions; the runtime
//! only reads them.

use core::ffi::CStr;
use core::ptr;
use std::sync::OnceLock;

use super::args::KeywordMemo;
use super::signatures::*;
use super::types::TypeInfo;
use crate::ffi;
use crate::{Global, TypeObject};

/// An `HPyDef` in a `static`, with the keyword memo of its signature if it binds keywords
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
}

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

    /// A METH_NOARGS function.
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn noargs(
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
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn o(
        name: &'static CStr,
        impl_: ImplO,
        trampoline: TrampolineO,
        doc: &'static CStr,
    ) -> Def {
        let trampoline = erase_trampoline_o(trampoline);
        Def::meth(name, erase_o(impl_), trampoline, ffi::HPyFunc_O, doc)
    }

    /// A METH_FASTCALL function (positional arguments only).
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn varargs(
        name: &'static CStr,
        impl_: ImplVarArgs,
        trampoline: TrampolineVarArgs,
        doc: &'static CStr,
    ) -> Def {
        let impl_ = erase_varargs(impl_);
        Def::meth(name, impl_, Some(trampoline), ffi::HPyFunc_VARARGS, doc)
    }

    /// A METH_FASTCALL | METH_KEYWORDS function.
    ///
    /// # Safety
    /// See [`Def`].
    pub const unsafe fn keywords(
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
}

impl Def {
    /// Wraps a raw definition.
    pub(crate) const fn from_raw(def: ffi::HPyDef) -> Def {
        Def {
            raw: def,
            memo: None,
        }
    }

    /// The definition of a function that binds keywords with `memo` (its signature's).
    pub const fn remembering(self, memo: &'static KeywordMemo) -> Def {
        Def {
            raw: self.raw,
            memo: Some(memo),
        }
    }

    /// The address of the `HPyDef`, for a `defines` array.
    pub const fn as_ptr(&'static self) -> *const ffi::HPyDef {
        &self.raw
    }

    /// The global of the keyword memo, if any, for the module's `globals` array.
    fn memo_global(&'static self) -> Option<&'static Global> {
        self.memo.map(KeywordMemo::global)
    }
}

/// The definition of a module-level function, the only kind [`ModuleDef`] lists as the
/// module's functions: a module also executes its definitions, and those the runtime would
/// take as slots (an exec slot that fails, a `tp_new`) must not get there by naming a `DEF`
/// no `#[hpy::function]` wrote.
pub struct FunctionDef(&'static Def);

impl FunctionDef {
    /// The definition of a module-level function.
    ///
    /// # Safety
    /// `def` is a method definition (`Def::noargs`, `o`, `varargs` or `keywords`).
    pub const unsafe fn new(def: &'static Def) -> Self {
        FunctionDef(def)
    }

    /// The method definition.
    pub(crate) fn def(&'static self) -> &'static Def {
        self.0
    }
}

/// What `#[hpy::function]` names as its definition when it reported compile errors (so the
/// module's list still resolves); such a crate never compiles. Named by hand instead, it is
/// a function `__invalid__` that raises `SystemError`.
// SAFETY: a method definition.
pub static INVALID_FUNCTION: FunctionDef = unsafe { FunctionDef::new(&INVALID_DEF) };

// SAFETY: `invalid` runs through an `Entry` and only raises; its trampoline hands its
// arguments to the runtime.
static INVALID_DEF: Def = unsafe {
    Def::noargs(
        c"__invalid__",
        invalid,
        invalid_trampoline,
        c"The placeholder of a function whose definition did not compile.",
    )
};

unsafe extern "C" fn invalid(ctx: *mut ffi::HPyContext, _self: ffi::HPy) -> ffi::HPy {
    // SAFETY: the runtime calls a function with the call's context.
    let entry = unsafe { super::Entry::new(ctx) };
    entry.run(ffi::HPy_NULL, |_| {
        Err(crate::exceptions::SystemError::new_err(
            "the definition of this function did not compile",
        ))
    })
}

unsafe extern "C" fn invalid_trampoline(self_: *mut ffi::cpy_PyObject) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls the trampoline with the function's `self`.
    unsafe { super::trampoline::noargs(invalid, self_) }
}

/// The module's `HPyModuleDef`, returned by the exported `HPyInit_<name>`.
///
/// It is built on first use, which marks its globals registered (see [`Global`]).
pub struct ModuleDef {
    doc: Option<&'static CStr>,
    functions: &'static [&'static FunctionDef],
    exec: &'static Def,
    globals: &'static [&'static Global],
    type_objects: &'static [&'static TypeObject],
    types: &'static [&'static TypeInfo],
    built: OnceLock<Built>,
}

/// The finished definition and the array its `defines` points to.
struct Built {
    def: ffi::HPyModuleDef,
    /// Own the NULL-terminated arrays `def.defines` and `def.globals` point to.
    _defines: Box<[*mut ffi::HPyDef]>,
    _globals: Box<[*mut ffi::HPyGlobal]>,
}

// SAFETY: `Built` is written once (by `OnceLock`) and only read afterwards; its pointers
// refer to statics and to its own boxed array.
unsafe impl Send for Built {}
// SAFETY: as above.
unsafe impl Sync for Built {}

impl ModuleDef {
    /// A module definition without module state (`size = 0`) or legacy methods.
    ///
    /// # Safety
    /// The definitions are the module's (see [`Def`]), the type infos and type objects its
    /// types' and exceptions', and the globals `static`s of the module: building the
    /// definition marks them registered, which lets them be stored to.
    pub const unsafe fn new(
        doc: Option<&'static CStr>,
        functions: &'static [&'static FunctionDef],
        exec: &'static Def,
        globals: &'static [&'static Global],
        type_objects: &'static [&'static TypeObject],
        types: &'static [&'static TypeInfo],
    ) -> Self {
        ModuleDef {
            doc,
            functions,
            exec,
            globals,
            type_objects,
            types,
            built: OnceLock::new(),
        }
    }

    /// The keyword memos' globals of the module's functions and of its types' methods.
    fn memo_globals(&'static self) -> impl Iterator<Item = &'static Global> {
        let methods = self.types.iter().flat_map(|info| {
            let methods = (info.methods)();
            let class_level = methods.class_level.iter().map(|m| m.def);
            methods.defines.iter().copied().chain(class_level)
        });
        (self.functions.iter().map(|f| f.def()))
            .chain(methods)
            .filter_map(Def::memo_global)
    }

    /// The pointer `HPyInit_<name>` returns. The runtime only reads through it.
    pub fn as_ptr(&'static self) -> *mut ffi::HPyModuleDef {
        let built = self.built.get_or_init(|| {
            let mut defines: Box<[*mut ffi::HPyDef]> = self
                .functions
                .iter()
                .map(|f| f.def())
                .chain([self.exec])
                .map(|d| d.as_ptr().cast_mut())
                .chain([ptr::null_mut()])
                .collect();
            let mut globals: Box<[*mut ffi::HPyGlobal]> = self
                .globals
                .iter()
                .copied()
                .chain(self.type_objects.iter().map(|t| &t.0))
                .chain([&super::trashcan::TRASH])
                .chain(self.memo_globals())
                .map(Global::register)
                .chain([ptr::null_mut()])
                .collect();
            let def = ffi::HPyModuleDef {
                doc: self.doc.map_or(ptr::null(), CStr::as_ptr),
                size: 0,
                legacy_methods: ptr::null_mut(),
                defines: defines.as_mut_ptr(),
                globals: globals.as_mut_ptr(),
            };
            Built {
                def,
                _defines: defines,
                _globals: globals,
            }
        });
        (&built.def as *const ffi::HPyModuleDef).cast_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::types::{ClassLevelMethod, MethodsInfo};

    unsafe extern "C" fn impl_(
        _: *mut ffi::HPyContext,
        _: ffi::HPy,
        _: *const ffi::HPy,
        _: usize,
        _: ffi::HPy,
    ) -> ffi::HPy {
        ffi::HPy_NULL
    }

    unsafe extern "C" fn trampoline(
        _: *mut ffi::cpy_PyObject,
        _: *const *mut ffi::cpy_PyObject,
        _: usize,
        _: *mut ffi::cpy_PyObject,
    ) -> *mut ffi::cpy_PyObject {
        ptr::null_mut()
    }

    const fn keywords(memo: &'static KeywordMemo) -> Def {
        // SAFETY: never given to a runtime.
        unsafe { Def::keywords(c"f", impl_, trampoline, c"") }.remembering(memo)
    }

    static FUNCTION_MEMO: KeywordMemo = KeywordMemo::new();
    static METHOD_MEMO: KeywordMemo = KeywordMemo::new();
    static CLASS_METHOD_MEMO: KeywordMemo = KeywordMemo::new();
    static UNLISTED_MEMO: KeywordMemo = KeywordMemo::new();
    static FUNCTION: Def = keywords(&FUNCTION_MEMO);
    static METHOD: Def = keywords(&METHOD_MEMO);
    static CLASS_METHOD: Def = keywords(&CLASS_METHOD_MEMO);

    static METHODS: MethodsInfo = MethodsInfo {
        owner: None,
        defines: &[&METHOD],
        has_new: false,
        new_signature: None,
        class_level: &[ClassLevelMethod {
            def: &CLASS_METHOD,
            name: c"g",
            wrapper: "staticmethod",
        }],
        class_attributes: |_| Ok(()),
    };

    static TYPE: TypeInfo = TypeInfo {
        name: "T",
        doc: None,
        basicsize: 0,
        basetype: false,
        holds_fields: || false,
        destroy: &FUNCTION,
        traverse: &FUNCTION,
        finalize: &FUNCTION,
        methods: || &METHODS,
        members: &[],
    };

    // SAFETY: never given to a runtime.
    static FUNCTIONS: [FunctionDef; 1] = [unsafe { FunctionDef::new(&FUNCTION) }];
    // SAFETY: never given to a runtime.
    static MODULE: ModuleDef =
        unsafe { ModuleDef::new(None, &[&FUNCTIONS[0]], &FUNCTION, &[], &[], &[&TYPE]) };

    #[test]
    fn the_module_registers_the_keyword_memos_of_its_functions_and_methods() {
        let def = MODULE.as_ptr();
        for memo in [&FUNCTION_MEMO, &METHOD_MEMO, &CLASS_METHOD_MEMO] {
            assert!(memo.global().is_registered());
        }
        assert!(!UNLISTED_MEMO.global().is_registered());
        // SAFETY: the definition and its NULL-terminated globals array live in `MODULE`.
        let globals = unsafe { (*def).globals };
        // SAFETY: as above: three registered globals, then NULL.
        let count = (0..)
            .take_while(|&i| unsafe { !(*globals.add(i)).is_null() })
            .count();
        assert_eq!(count, 4, "the three memos and the trash queue");
    }
}
