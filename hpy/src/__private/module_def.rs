//! [`ModuleDef`]: the module's `HPyModuleDef`, with the globals array it registers.

use core::ffi::CStr;
use core::ptr;
use std::sync::OnceLock;

use super::class::TypeInfo;
use super::{Def, FunctionDef};
use crate::ffi;
use crate::{Global, TypeObject};

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
    /// Owns the NULL-terminated array `def.legacy_methods` points to (the CPython ABI).
    #[cfg(feature = "abi-cpython")]
    _legacy_methods: Box<[ffi::cpython_capi::PyMethodDef]>,
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
        let library_types = super::library_types::LIBRARY_TYPES
            .iter()
            .map(|(info, _)| *info);
        let methods = self
            .types
            .iter()
            .copied()
            .chain(library_types)
            .flat_map(|info| {
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
            // In the CPython ABI a function taking a keyword dict is registered as its builtin
            // (see `Def::taking_keyword_dict`), not as an HPy method.
            #[cfg(feature = "abi-cpython")]
            let mut legacy_methods: Box<[ffi::cpython_capi::PyMethodDef]> = self
                .functions
                .iter()
                .filter_map(|f| f.def().dict_method())
                .copied()
                .chain([ffi::cpython_capi::PyMethodDef {
                    ml_name: ptr::null(),
                    ml_meth: None,
                    ml_flags: 0,
                    ml_doc: ptr::null(),
                }])
                .collect();
            let mut defines: Box<[*mut ffi::HPyDef]> = self
                .functions
                .iter()
                .map(|f| f.def())
                .filter(|d| d.registered_by_hpy())
                .chain([self.exec])
                .map(|d| d.as_ptr().cast_mut())
                .chain([ptr::null_mut()])
                .collect();
            let mut globals: Box<[*mut ffi::HPyGlobal]> = self
                .globals
                .iter()
                .copied()
                .chain(self.type_objects.iter().map(|t| &t.0))
                .chain(
                    super::library_types::LIBRARY_TYPES
                        .iter()
                        .map(|(_, t)| &t.0),
                )
                .chain([&super::class::TRASH])
                .chain(super::items_reader::GLOBALS)
                .chain(self.memo_globals())
                .map(Global::register)
                .chain([ptr::null_mut()])
                .collect();
            let def = ffi::HPyModuleDef {
                doc: self.doc.map_or(ptr::null(), CStr::as_ptr),
                size: 0,
                #[cfg(feature = "abi-cpython")]
                legacy_methods: legacy_methods.as_mut_ptr().cast(),
                #[cfg(not(feature = "abi-cpython"))]
                legacy_methods: ptr::null_mut(),
                defines: defines.as_mut_ptr(),
                globals: globals.as_mut_ptr(),
            };
            Built {
                def,
                _defines: defines,
                _globals: globals,
                #[cfg(feature = "abi-cpython")]
                _legacy_methods: legacy_methods,
            }
        });
        (&built.def as *const ffi::HPyModuleDef).cast_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::args::KeywordMemo;
    use crate::__private::class::{ClassLevelMethod, MethodsInfo};
    use crate::__private::hpyfunc;

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
        unsafe { hpyfunc::keywords::method(c"f", impl_, trampoline, c"") }.remembering(memo)
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
        holds_fields: || false,
        destroy: &FUNCTION,
        traverse: &FUNCTION,
        finalize: &FUNCTION,
        methods: || &METHODS,
        members: &[],
        legacy_slots: None,
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
        for (_, type_object) in crate::__private::library_types::LIBRARY_TYPES {
            assert!(type_object.0.is_registered());
        }
        for global in crate::__private::items_reader::GLOBALS {
            assert!(global.is_registered());
        }
        assert_eq!(
            count, 12,
            "the three memos, the library's iterator type, the trash queue and the seven \
             globals of the items reader"
        );
    }
}
