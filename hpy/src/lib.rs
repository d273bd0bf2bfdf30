//! # hpy-rs: safe Rust extension modules for HPy
//!
//! [HPy](https://hpyproject.org) is a C API for Python extensions with opaque handles, an
//! explicit context and one *universal* binary (`name.hpy0.so`) for CPython, PyPy and
//! GraalPy. Its rules — handles are local to a call, pointers into objects live only as long
//! as their handle, long-lived references go through `HPyGlobal`/`HPyField` — cannot be
//! enforced by a C compiler. This crate lets the Rust compiler enforce them:
//!
//! * [`Handle<'ctx>`](Handle) cannot outlive the call that received its [`Context<'ctx>`];
//!   dropping it closes it, cloning duplicates it, and it is neither `Send` nor `Sync`.
//! * Arguments are lent as `&Handle<'ctx>` and never closed twice.
//! * Borrowed data (`&str`, `&[u8]`) is tied to the handle it came from.
//! * Long-lived references are [`Global`]s, which hold no handle.
//! * Errors are one [`Error`] type; `?` works across every fallible call; panics become
//!   Python exceptions at the boundary.
//!
//! ```
//! use hpy::{Context, Handle, Result};
//!
//! #[hpy::module]
//! /// A tiny example module.
//! mod demo {
//!     use super::*;
//!
//!     /// Add two integers.
//!     #[hpy::function(signature = (a, b = 0))]
//!     fn add(a: i64, b: i64) -> i64 {
//!         a + b
//!     }
//!
//!     /// Return the argument itself.
//!     #[hpy::function]
//!     fn echo<'ctx>(obj: &Handle<'ctx>) -> Handle<'ctx> {
//!         obj.clone()
//!     }
//!
//!     /// Build a list of `n` copies of `item`.
//!     #[hpy::function]
//!     fn repeat<'ctx>(cx: Context<'ctx>, item: &str, n: usize) -> Result<Handle<'ctx>> {
//!         cx.to_py(vec![item; n])
//!     }
//! }
//! # fn main() {}
//! ```
//!
//! Build it with `cargo hpy build <crate> --out <dir>` to get `<name>.hpy0.so` plus a loader
//! stub `<name>.py`; see the repository README.
#![deny(missing_docs)]

pub use hpy_sys as ffi;

mod builtins;
mod context;
mod convert;
mod error;
mod error_conversions;
pub mod exceptions;
mod global;
mod handle;
pub mod prelude;
mod protocol;

#[doc(hidden)]
pub mod __private;

pub use __private::FromKwargs;
pub use builtins::BuiltinType;
pub use context::Context;
pub use convert::{FromPy, IntoPy};
pub use error::{Error, Result};
pub use global::Global;
pub use handle::Handle;
pub use protocol::{CompareOp, IntoArgs, Iter, Name};

/// Turns an inline `mod` into an HPy extension module.
///
/// The module's name is the `mod`'s name (or `#[hpy::module(name = "...")]`), which must match
/// the file name the build tool gives the shared library (`<name>.hpy0.so`). Inside the module:
///
/// * every `#[hpy::function]` becomes a module-level function;
/// * every `static NAME: hpy::Global` is registered in the module definition;
/// * `#[hpy::constant]` on a `const` adds it as a module attribute;
/// * `#[hpy::init]` marks `fn(cx: Context<'ctx>, module: &Handle<'ctx>) -> hpy::Result<()>`,
///   run when the module executes (after the constants are set);
/// * doc comments on the `mod` become the module's `__doc__`.
///
/// The macro emits the four symbols `hpy.universal` looks up
/// (`get_required_hpy_major_version_<name>`, `get_required_hpy_minor_version_<name>`,
/// `HPyInitGlobalContext_<name>`, `HPyInit_<name>`), the static `HPyModuleDef` and its
/// `HPy_mod_exec` slot.
pub use hpy_macros::module;

/// Exposes a Rust function to Python (inside a `#[hpy::module]`).
///
/// Parameters convert with [`FromPy`] and the return value with [`IntoPy`] (a `Result` of
/// one is fine; an `Err` is raised). A `Context<'ctx>` parameter receives the call's context
/// and is not a Python argument. Without a `signature`, every parameter is
/// positional-or-keyword and required, except trailing `Option<T>` parameters, which default
/// to `None`. With one, the parameter list is written as in Python:
///
/// ```text
/// #[hpy::function(signature = (a, b = 0))]                 // default values (Rust expressions)
/// #[hpy::function(signature = (name, *, greeting = "Hello"))]  // keyword-only
/// #[hpy::function(signature = (x, /, y))]                  // positional-only
/// #[hpy::function(signature = (*parts, sep = " "))]        // *args (a Vec<T> parameter)
/// #[hpy::function(signature = (**kwargs))]                 // **kwargs (a FromKwargs parameter)
/// ```
///
/// Argument errors are raised with the wording CPython uses for the same `def`. Doc
/// comments become `__doc__`, and `__text_signature__` is set so that
/// `inspect.signature()` works; defaults show as Python literals where the Rust expression
/// is one (numbers, strings, `None`, lists, tuples...) and as `...` otherwise, which
/// `text_signature = "(n=10)"` can replace. `#[hpy::function(name = "...")]` renames the
/// Python function. Default expressions are evaluated only when the argument is absent, and
/// see the items of the module, not the generated code's variables.
///
/// The generated code picks the cheapest HPy calling convention that keeps the semantics of
/// that `def`: `HPyFunc_NOARGS` for no parameters, `HPyFunc_O` for a single
/// positional-only one, `HPyFunc_VARARGS` when all are positional-only, `HPyFunc_KEYWORDS`
/// otherwise. With the first three, CPython itself rejects wrong argument counts or keywords,
/// with its builtin-function wording ("f() takes no arguments (1 given)").
pub use hpy_macros::function;
