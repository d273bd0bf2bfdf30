//! Rust structs as Python types: [`PyType`] (implemented by `#[hpy::class]`), typed handles
//! ([`Typed`]) and the borrows of their value ([`Ref`], [`RefMut`]).
//!
//! An object of a `#[hpy::class] struct T` carries a [`Storage`] of `T` in its payload: the
//! value itself for a frozen type, else the value and a borrow flag. A typed handle gives
//! access to the value only for as long as the handle is borrowed (HPy's rule: a pointer into
//! an object is valid while the handle it came from is open — a moving GC may move it after),
//! and for mutable types through [`Ref`]/[`RefMut`] guards that check the flag, so
//! `a += a` with `&mut self` and `&Self` raises `RuntimeError` instead of aliasing.

mod borrow;
mod construct;
#[cfg(feature = "abi-cpython")]
pub(crate) mod cpython_alloc;
mod legacy_slots;
mod payload;
mod shape;
mod storage;
mod typed;

pub use borrow::{Ref, RefMut};
pub use construct::Construct;
pub use legacy_slots::{LegacySlotsStatic, legacy_slots};
pub use payload::Payload;
pub(crate) use payload::{
    header_size, initialised, measure_header_size, new_payload, payload_of, resolve,
};
pub use shape::basicsize;
pub(crate) use shape::{LEGACY_PAYLOAD_OFFSET, check_legacy_header, payload_offset};
pub use storage::{FrozenCell, MutableCell, Storage};
pub use typed::Typed;
pub(crate) use typed::{qualified_name, type_object};

use crate::TypeObject;

/// A Rust type exposed to Python by `#[hpy::class]`; never implement it by hand.
///
/// # Safety
/// The generated implementation guarantees that every object of `TYPE_OBJECT` (or of a
/// subclass) has a `Storage` initialised in its payload, and that `Storage::Value` is `Self`.
pub unsafe trait PyType: Sized + 'static {
    /// The Python name of the type (without the module).
    const NAME: &'static str;

    /// The payload layout: [`MutableCell<Self>`] or, for `#[hpy::class(frozen)]`,
    /// [`FrozenCell<Self>`].
    type Storage: Storage<Value = Self>;

    /// The type object, stored when the module executes.
    const TYPE_OBJECT: &'static TypeObject;

    /// Whether Python classes may subclass it (`#[hpy::class(subclass)]`).
    const BASETYPE: bool;

    /// Whether its objects have the legacy shape (`#[hpy::class(legacy_slots = ...)]`): a
    /// CPython `PyObject` header, then the payload.
    #[doc(hidden)]
    const LEGACY_SHAPE: bool = false;

    /// Visits the [`Field`](crate::Field)s of every member of `value` (the type's
    /// traversal).
    ///
    /// # Safety
    /// As for [`Traverse::traverse`](crate::Traverse::traverse): `value` is the value of the
    /// object being traversed.
    #[doc(hidden)]
    unsafe fn __traverse_fields(value: &Self, visitor: &mut crate::Visitor<'_>)
    -> core::ffi::c_int;
}
