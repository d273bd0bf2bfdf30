//! The symbols an extension module exports, which differ between the ABIs: `#[hpy::module]`
//! expands to one [`export_module!`](crate::__private::export_module) with every name, and
//! the definition chosen when `hpy` was compiled (its feature `abi-cpython`) writes the
//! exports of that ABI. (The choice cannot be in the macro's own output: a `#[cfg]` there
//! would test the *extension's* features.)

/// The universal ABI's exports (HPy's `HPy_MODINIT`, `hpy/hpymodule.h`): the HPy version the
/// module needs, `HPyInitGlobalContext_<name>` (the context for trampolines) and
/// `HPyInit_<name>` (the module's definition).
#[cfg(not(feature = "abi-cpython"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __hpy_export_module {
    (
        definition: $def:path,
        major: $major:ident,
        minor: $minor:ident,
        init_context: $init_ctx:ident,
        init_module: $init_module:ident,
        py_init: $py_init:ident $(,)?
    ) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn $major() -> u32 {
            $crate::__private::HPY_ABI_VERSION
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn $minor() -> u32 {
            $crate::__private::HPY_ABI_VERSION_MINOR
        }

        /// # Safety
        /// Called by the runtime with the context to use for trampolines.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $init_ctx(ctx: *mut $crate::__private::HPyContext) {
            // SAFETY: the runtime's context lives as long as the module.
            unsafe { $crate::__private::init_context(ctx) }
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn $init_module() -> *mut $crate::__private::ffi::HPyModuleDef {
            $crate::__private::module_definition(&$def)
        }
    };
}

/// The CPython ABI's export (HPy's `HPy_MODINIT` with `HPY_ABI_CPYTHON`): `PyInit_<name>`,
/// which CPython's own import calls.
#[cfg(feature = "abi-cpython")]
#[doc(hidden)]
#[macro_export]
macro_rules! __hpy_export_module {
    (
        definition: $def:path,
        major: $major:ident,
        minor: $minor:ident,
        init_context: $init_ctx:ident,
        init_module: $init_module:ident,
        py_init: $py_init:ident $(,)?
    ) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn $py_init() -> *mut $crate::__private::cpy_PyObject {
            $crate::__private::init_cpython_module(&$def)
        }
    };
}

pub use crate::__hpy_export_module as export_module;
