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

use core::ffi::CStr;
use std::ffi::CString;

use super::ModuleDef;
use crate::ffi;
use crate::ffi::cpython_capi as capi;

/// Why the module refuses to load on the interpreter whose `sys.version` is `version`: it is
/// not the CPython version it was built for (`major.minor`); `None` if it is.
fn wrong_version(version: &[u8]) -> Option<String> {
    let (built_major, built_minor) = capi::PY_VERSION;
    let text = String::from_utf8_lossy(version);
    let numbers: Vec<&str> = text.split([' ', '.']).take(2).collect();
    let running = match numbers[..] {
        [major, minor] => (major.parse::<u32>().ok(), minor.parse::<u32>().ok()),
        _ => (None, None),
    };
    if running == (Some(built_major), Some(built_minor)) {
        return None;
    }
    let running = match running {
        (Some(major), Some(minor)) => format!("CPython {major}.{minor}"),
        _ => format!("an interpreter of version {text:?}"),
    };
    Some(format!(
        "this module was built for the CPython ABI of CPython {built_major}.{built_minor}, not \
         for {running}: build it for this interpreter, or for HPy's universal ABI"
    ))
}

/// The body of `PyInit_<name>`: records the context, then returns what HPy's CPython-ABI
/// `HPy_MODINIT` returns (the module definition for multi-phase initialisation, or NULL
/// with an exception).
pub fn init_module(module: &'static ModuleDef) -> *mut ffi::cpy_PyObject {
    // SAFETY: a static string of the running interpreter.
    let version = unsafe { CStr::from_ptr(capi::Py_GetVersion()) };
    if let Some(message) = wrong_version(version.to_bytes()) {
        // Nothing of this module may run on another version: its reference counting and
        // layouts are the built one's (3.12's immortal objects, above all).
        let message = CString::new(message).expect("no NUL in the message");
        // SAFETY: the interpreter's own exception type and a C string; the GIL is held.
        unsafe { capi::PyErr_SetString(capi::PyExc_ImportError, message.as_ptr()) };
        return core::ptr::null_mut();
    }
    context::init();
    // SAFETY: the module's definition, static and complete; HPy's runtime copies what it
    // needs into the `PyModuleDef` it allocates.
    unsafe { ffi::_HPyModuleDef_AsPyInit(module.as_ptr()) }
}
