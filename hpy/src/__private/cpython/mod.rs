//! The CPython ABI (the feature `abi-cpython`): what replaces the universal ABI's loading
//! protocol. CPython imports the extension itself and calls `PyInit_<name>`, whose body is
//! [`init_module`]: HPy's `_HPyModuleDef_AsPyInit` turns the module's `HPyModuleDef` into
//! a multi-phase `PyModuleDef` (as HPy's `HPy_MODINIT` does in that ABI), and the exec slot
//! then runs as in the universal ABI. Trampolines call implementations directly
//! ([`call_real`]) with the one context of this ABI ([`context`]).

mod call_real;
pub(crate) mod context;
pub(crate) mod dict_methods;
pub(crate) mod objects;

pub(crate) use call_real::call_real;

use super::ModuleDef;
use crate::ffi;

/// The body of `PyInit_<name>`: records the context, then returns what HPy's CPython-ABI
/// `HPy_MODINIT` returns (the module definition for multi-phase initialisation, or NULL
/// with an exception).
pub fn init_module(module: &'static ModuleDef) -> *mut ffi::cpy_PyObject {
    context::init();
    // SAFETY: the module's definition, static and complete; HPy's runtime copies what it
    // needs into the `PyModuleDef` it allocates.
    unsafe { ffi::_HPyModuleDef_AsPyInit(module.as_ptr()) }
}
