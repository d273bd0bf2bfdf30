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
//! * Long-lived references are [`Global`]s and, inside objects, [`Field`]s; neither holds a
//!   handle.
//! * Rust structs become Python types with [`macro@class`] and [`macro@methods`]; a borrow
//!   of an object's value ([`Ref`], [`RefMut`]) cannot outlive its handle, and `&mut` access is
//!   checked at run time (a conflicting borrow raises `RuntimeError` instead of aliasing).
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

// The library's own `#[hpy::class]` types (see `iterator`) expand to `::hpy::` paths.
extern crate self as hpy;

pub use hpy_sys as ffi;

pub mod alloc;
mod borrowed;
pub mod buffer;
mod builtins;
mod capsule;
mod context;
mod context_var;
mod convert;
#[cfg(not(feature = "abi-cpython"))]
mod cpython_backend;
#[cfg(feature = "abi-cpython")]
mod cpython_storage;
/// A list's or tuple's storage read in place, item by item: in the universal ABI on CPython's
/// universal context only (`Sequence::of` is `None` elsewhere), always in the CPython ABI.
#[cfg(not(feature = "abi-cpython"))]
use cpython_backend as storage;
#[cfg(feature = "abi-cpython")]
use cpython_storage as storage;
mod error;
mod error_conversions;
mod eval;
pub mod exceptions;
mod field;
mod global;
mod handle;
mod inline_vec;
mod iterator;
#[cfg(feature = "abi-cpython")]
mod keyword_dict;
mod keyword_name;
mod leave_python;
#[cfg(feature = "legacy")]
pub mod legacy;
mod os_error;
pub mod prelude;
mod protocol;
#[cfg(test)]
mod test_runtime;
// The unit tests call the safe API against a fake runtime that implements the universal ABI's
// context; the CPython ABI is tested by every module's Python tests in its own mode.
#[cfg(all(test, feature = "abi-cpython"))]
compile_error!(
    "hpy's unit tests run on a fake universal-ABI runtime: run them without the feature `abi-cpython`"
);
mod types;
mod varargs;
mod varkwargs;
mod warnings;

#[doc(hidden)]
pub mod __private;

pub use borrowed::Borrowed;
pub use buffer::Buffer;
pub use builtins::{BuiltinType, Constant};
pub use capsule::{Capsule, CapsuleValue};
pub use context::Context;
pub use context_var::ContextVar;
pub use convert::{FromPy, IntoPy};
pub use error::{Error, Result};
pub use eval::SourceKind;
pub use field::{Field, Traverse, Visitor};

pub use global::{Global, TypeObject};
pub use handle::Handle;
/// Derives [`Traverse`](trait@Traverse) for a struct or enum nested in a `#[hpy::class]`: visits
/// every member that holds [`Field`]s.
pub use hpy_macros::Traverse;
pub use iterator::{IterItem, PyIter};
pub use protocol::{CompareOp, IntoArgs, Iter, Name, SliceOrIndex, SliceRange, Subscript};
pub use types::{Construct, FrozenCell, MutableCell, Payload, PyType, Ref, RefMut, Storage, Typed};
pub use varargs::{FromVarargs, VarArgs};
pub use varkwargs::{FromKwargs, VarKwargs};
pub use warnings::warn;

/// Turns an inline `mod` into an HPy extension module.
///
/// The module's name is the `mod`'s name (or `#[hpy::module(name = "...")]`), which must match
/// the file name the build tool gives the shared library (`<name>.hpy0.so`). Inside the module:
///
/// * every `#[hpy::function]` becomes a module-level function;
/// * every `static NAME: hpy::Global` is registered in the module definition;
/// * `#[hpy::constant]` on a `const` adds it as a module attribute of the same name (which
///   may be lower case: `const __version__: &str = "1.0";` is exempt from
///   `non_upper_case_globals`), `#[hpy::constant(name = "__version__")]` under that name;
/// * every `#[hpy::class]` struct becomes a type and every `#[hpy::exception]` struct an
///   exception type of the module;
/// * `#[hpy::init]` marks `fn(cx: Context<'ctx>, module: &Handle<'ctx>) -> hpy::Result<()>`,
///   run when the module executes (after the constants are set);
/// * doc comments on the `mod` become the module's `__doc__`.
///
/// The macro emits the four symbols `hpy.universal` looks up
/// (`get_required_hpy_major_version_<name>`, `get_required_hpy_minor_version_<name>`,
/// `HPyInitGlobalContext_<name>`, `HPyInit_<name>`), the static `HPyModuleDef` and its
/// `HPy_mod_exec` slot, and the module's type stub: the text of `<name>.pyi`, written from the
/// signatures of its functions, classes (methods, properties, static and class methods,
/// special methods), exceptions and constants, in the exported static `HPyRsStub_<name>`,
/// which `cargo hpy` copies out of the library and nothing reads at run time. Each Rust type
/// becomes the annotation of what its conversion accepts or gives (`i64` `int`, `Vec<T>`
/// `Iterable[T]` as a parameter and `list[T]` returned, `Option<T>` `T | None`, `Handle`
/// `object`, `Typed<Point>` or `&Point` `Point`, a type it does not know `Any`);
/// `annotations(...)` on a function or method (below) writes one by hand.
pub use hpy_macros::module;

/// Exposes a Rust function to Python (inside a `#[hpy::module]`; outside one, where nothing
/// would export it, it is a compile error).
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
/// #[hpy::function(signature = (*parts, sep = " "))]        // *args (&VarArgs, a Vec<T>, any FromVarargs)
/// #[hpy::function(signature = (**kwargs))]                 // **kwargs (&VarKwargs, a map...)
/// ```
///
/// Argument errors are raised with the wording CPython uses for the same `def`. Doc
/// comments become `__doc__`, and `__text_signature__` is set so that
/// `inspect.signature()` works; defaults show as Python literals where the Rust expression
/// is one (numbers, strings, `None`, lists, tuples...) and as `...` otherwise, which
/// `text_signature = "(n=10)"` can replace. `#[hpy::function(name = "...")]` renames the
/// Python function. `annotations(x = "Sequence[float]", return = "Point")` replaces the
/// annotations of the module's type stub (see [`macro@module`]) derived from the Rust types
/// (of the parameter `x`, of the return value), for a conversion of your own or an object
/// whose type the Rust signature does not say; the stub imports `Any`, `Callable`,
/// `Iterable`, `Iterator`, `Mapping`, `Sequence`, `ClassVar`, `Final` and `os`. Default expressions are evaluated only when the argument is absent, and
/// see the items of the module, not the generated code's variables.
///
/// The generated code picks the cheapest HPy calling convention that keeps the semantics of
/// that `def`: `HPyFunc_NOARGS` for no parameters, `HPyFunc_O` for a single
/// positional-only one, `HPyFunc_VARARGS` when all are positional-only, `HPyFunc_KEYWORDS`
/// otherwise. With the first three, CPython itself rejects wrong argument counts or keywords,
/// with its builtin-function wording ("f() takes no arguments (1 given)").
pub use hpy_macros::function;

/// Exposes a Rust struct as a Python type (inside a `#[hpy::module]`).
///
/// ```text
/// #[hpy::class]                  // a mutable type: &self / &mut self through a borrow flag
/// #[hpy::class(frozen)]          // immutable: &self only, no flag, `&T` arguments
/// #[hpy::class(subclass)]        // Python classes may subclass it
/// #[hpy::class(name = "Vec2")]   // the Python name (default: the struct's)
/// #[hpy::class(legacy_slots = SLOTS)]  // C-API slots and methods too (feature `legacy`)
/// ```
///
/// (`type` is a Rust keyword, so `#[hpy::type]` cannot be written; `#[hpy::r#type]` is the
/// same macro.)
///
/// ```
/// use hpy::prelude::*;
///
/// #[hpy::module]
/// mod shapes {
///     use super::*;
///
///     /// A circle.
///     #[hpy::class(frozen)]
///     pub struct Circle {
///         /// The radius.
///         #[hpy(get)]
///         r: f64,
///     }
///
///     #[hpy::methods]
///     impl Circle {
///         #[new]
///         fn new(r: f64) -> Self {
///             Circle { r }
///         }
///
///         fn area(&self) -> f64 {
///             std::f64::consts::PI * self.r * self.r
///         }
///
///         fn __repr__(&self) -> String {
///             format!("Circle({})", self.r)
///         }
///     }
///
///     /// A linked node holding any object, in a `Field`.
///     #[hpy::class]
///     pub struct Link {
///         value: Field,
///     }
///
///     #[hpy::methods]
///     impl Link {
///         #[new]
///         fn new<'ctx>(init: Construct<'_, 'ctx, Self>, value: &Handle<'ctx>) -> Result<Typed<'ctx, Self>> {
///             let link = init.init(Link { value: Field::new() })?;
///             link.set_field(|l| &l.value, Some(value))?;
///             Ok(link)
///         }
///
///         #[getter]
///         fn value<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
///             this.field(|l| &l.value)
///         }
///     }
/// }
/// # fn main() {}
/// ```
///
/// The macro generates the type's `HPyType_Spec` pieces: its name (`module.Name`), its
/// payload (the value, plus a borrow flag unless frozen), a `tp_destroy` that drops the value
/// in place, and — when a member holds [`Field`]s — the GC flag and a `tp_traverse` that
/// visits them all. Returning the struct from a function creates a new object; `&Typed<T>`,
/// `Ref<T>`, `RefMut<T>` (and `&T` for frozen types) are arguments. Methods, the
/// constructor, properties and special methods come from [`macro@methods`].
///
/// In a frozen type, `#[hpy(get)]` on a field of an integer, float or `bool` type makes it a
/// read-only attribute that CPython reads straight from the object (an `HPyMember`: no call
/// into the module, as `HPyDef_MEMBER` in C), documented by the field's doc comment. Only
/// frozen types have them: in a mutable one, such a read could overlap a method's
/// `&mut self`; there, write a `#[getter]`.
///
/// With the `legacy` feature, `legacy_slots = SLOTS` names a `static SLOTS:
/// hpy::legacy::LegacySlots`: the type gets HPy's legacy shape (its objects begin with a
/// CPython `PyObject` header, the value after it) and those C-API slots and `PyMethodDef`
/// methods beside its own, for a class ported from the C API a piece at a time (see
/// `hpy::legacy`).
pub use hpy_macros::class;

/// The raw-identifier spelling of [`macro@class`].
pub use hpy_macros::class as r#type;

/// The methods of a [`macro@class`]: write an inherent `impl` block with
///
/// * `#[new]` — the constructor (`fn new(x: f64) -> Self`, or taking `init: Construct<Self>`
///   to create the object itself when it must fill [`Field`]s, returning `Typed<Self>`);
/// * methods with `&self`, `&mut self` or `this: &Typed<'ctx, Self>` (also `Ref<Self>` /
///   `RefMut<Self>`), with every argument feature of [`macro@function`]
///   (`#[hpy(signature = (...), name = "...", text_signature = "...", annotations(...))]`;
///   special methods and getters take `annotations(...)` only);
/// * `#[getter]` / `#[setter]` (named after the method, `set_` stripped, or `#[getter(name)]`);
///   deleting an attribute whose setter does not take an `Option` raises `TypeError`;
/// * `#[staticmethod]`, `#[classmethod]` (the class is the first parameter);
/// * `#[classattr]` on a `const` or a parameterless `fn`;
/// * special methods by name: `__repr__`, `__str__`, `__hash__`, `__eq__`…`__ge__` or
///   `__richcmp__`, `__len__`, `__bool__`, `__contains__`, `__getitem__`/`__setitem__`/
///   `__delitem__` (with an integer index: the sequence protocol, which also makes the object
///   iterable), the number protocol with reflected (`__radd__`) and in-place (`__iadd__`)
///   operators, `__neg__`/`__pos__`/`__abs__`/`__invert__`, `__int__`/`__float__`/`__index__`,
///   `__pow__`, `__call__`, and `__getbuffer__` (returning a [`Buffer`]) with an optional
///   `__releasebuffer__`. An operand of a type the method does not accept gives
///   `NotImplemented`, so Python tries the other operand and raises its usual `TypeError`.
///   Special methods CPython keeps in slots HPy 0.9 lacks — `__iter__`, `__next__` (returning
///   `Option<T>`: `None` ends the iteration), `__getattr__`, `__getattribute__`,
///   `__setattr__`, `__delattr__`, `__get__`, `__set__`, `__delete__`, `__await__`,
///   `__aiter__`, `__anext__` — are methods set on the type again once it exists, which makes
///   the interpreter install their slots; any other dunder (`__reversed__`, `__reduce__`,
///   `__copy__`, `__enter__`, …) is an ordinary method. Only `__init__`/`__new__` (use
///   `#[new]`) and `__del__` (use `Drop`) are compile errors.
pub use hpy_macros::methods;

/// A custom exception type created in the module: `#[hpy::exception(base = ValueError)]` on a
/// unit struct `struct PointError;` (the base defaults to `Exception`). Raise it with
/// `PointError::new_err("...")`; Python code sees `module.PointError` and may subclass it.
pub use hpy_macros::exception;
