//! Incremental ports from the CPython C API (feature `legacy`): raw `PyObject*` conversions,
//! and classes that keep C-API slots and methods while the rest is ported.
//!
//! **CPython-API implementations only.** Everything here hands out or takes a `PyObject*`,
//! which only interpreters with a CPython C API have: CPython, PyPy through cpyext and
//! GraalPy through its C-API emulation. An extension using it is no longer a pure universal
//! HPy extension: on PyPy and GraalPy every conversion materialises a C-API proxy of the
//! object (slow), and legacy-shaped classes (below) need CPython's object layout, which
//! [`macro@crate::class`] checks when the module is imported (it refuses the class
//! elsewhere with a `TypeError`). HPy's debug mode treats these calls like any other: the
//! handles they make are tracked (leak detection works), but nothing it checks reaches the
//! `PyObject*` world — a reference count you get wrong there is yours to find.
//!
//! * [`Handle::to_py_object`](crate::Handle::to_py_object) /
//!   [`Handle::from_py_object`](crate::Handle::from_py_object): `HPy_AsPyObject` and
//!   `HPy_FromPyObject`, for handing objects to and from C-API code.
//! * `#[hpy::class(legacy_slots = SLOTS)]`, with `static SLOTS: LegacySlots`: the class gets
//!   HPy's *legacy* shape (`HPyType_BuiltinShape_Legacy`) and the C-API slots of `SLOTS`
//!   (`HPyType_Spec.legacy_slots`): [`PyMethodDef`] methods ([`PyTypeSlot::methods`]) and
//!   other `PyType_Slot`s ([`PyTypeSlot::repr`], [`PyTypeSlot::str`], [`PyTypeSlot::new`]),
//!   beside everything `#[hpy::methods]` defines. Its objects begin with a CPython `PyObject`
//!   header, so C-API code may treat them as ordinary `PyObject*`s; the Rust value lies after
//!   the header, where [`borrow`] and [`borrow_mut`] find it (checking the borrow flag, as
//!   `&self`/`&mut self` methods do).
//!
//! ```
//! use core::ffi::c_long;
//! use hpy::legacy::{LegacySlots, PyMethodDef, PyObject, PyTypeSlot};
//!
//! unsafe extern "C" {
//!     fn PyLong_FromLong(v: c_long) -> *mut PyObject;
//! }
//!
//! /// `Counter.peek()`, still written against the C API.
//! extern "C" fn peek(slf: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
//!     // SAFETY: `slf` is the `Counter` CPython calls the method on, alive for the call.
//!     match unsafe { hpy::legacy::borrow::<counters::Counter>(slf) } {
//!         // SAFETY: a C-API call with the interpreter held (CPython is calling us).
//!         Ok(counter) => unsafe { PyLong_FromLong(counter.n as c_long) },
//!         Err(_) => core::ptr::null_mut(), // (a real port raises an exception first)
//!     }
//! }
//!
//! static METHODS: [PyMethodDef; 2] = [PyMethodDef::noargs(c"peek", peek, None), PyMethodDef::END];
//! // SAFETY: `peek` keeps the C API's contract: a new reference, or NULL with an exception.
//! static SLOTS: LegacySlots =
//!     unsafe { LegacySlots::new(&[PyTypeSlot::methods(&METHODS), PyTypeSlot::END]) };
//!
//! #[hpy::module]
//! mod counters {
//!     /// A counter half ported to hpy-rs.
//!     #[hpy::class(legacy_slots = super::SLOTS)]
//!     pub struct Counter {
//!         pub n: i64,
//!     }
//!
//!     #[hpy::methods]
//!     impl Counter {
//!         #[new]
//!         fn new() -> Self {
//!             Counter { n: 0 }
//!         }
//!
//!         fn increment(&mut self) {
//!             self.n += 1;
//!         }
//!     }
//! }
//! # fn main() {}
//! ```

mod method_def;
mod py_object;
mod slots;
mod value;

pub use method_def::{
    METH_CLASS, METH_COEXIST, METH_FASTCALL, METH_KEYWORDS, METH_METHOD, METH_NOARGS, METH_O,
    METH_STATIC, METH_VARARGS, PyCFunction, PyCFunctionFast, PyCFunctionFastWithKeywords,
    PyCFunctionWithKeywords, PyMethodDef,
};
pub(crate) use slots::check_slot_conflicts;
pub use slots::{LegacySlots, PyTypeSlot, ReprFunc, slot};
pub use value::{LegacyRef, LegacyRefMut, borrow, borrow_mut};

/// CPython's `PyObject`: opaque, only ever used behind a pointer.
pub type PyObject = crate::ffi::cpy_PyObject;
