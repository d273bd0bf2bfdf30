//! Runtime support for the code `#[hpy::module]` and `#[hpy::function]` generate. Not a
//! public API: names and signatures here change without notice.

mod args;
mod boundary;
mod defs;
mod module;
mod ret;
mod signatures;
pub mod trampoline;

pub use args::{Args, Bound, FromKwargs, Lent, Signature, extract, extract_varargs};
pub use boundary::{run, run_keywords, run_o, run_varargs};
pub use defs::{Def, Defines, Globals, INVALID_DEF, ModuleDef};
pub use module::{PANIC_EXCEPTION, exec_module};
pub use ret::IntoReturn;
pub use signatures::*;

pub use crate::convert::ObjectRef;
pub use crate::ffi;
pub use crate::ffi::{HPY_ABI_VERSION, HPY_ABI_VERSION_MINOR, HPyContext, cpy_PyObject};
