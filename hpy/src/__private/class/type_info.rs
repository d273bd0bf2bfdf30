//! What `#[hpy::class]` tells the module about a type ([`TypeInfo`], reached through
//! [`TypeDefinition`]), and the compile-time checks on its value.

use core::ffi::{CStr, c_void};

use super::methods::MethodsInfo;
use crate::__private::Def;
use crate::PyType;

/// What a `#[hpy::class]` tells the module about itself.
pub struct TypeInfo {
    /// The Python name, without the module.
    pub name: &'static str,
    /// The docstring.
    pub doc: Option<&'static CStr>,
    /// HPy's `basicsize` (`__private::basicsize`): the payload's size, or for the legacy
    /// shape the whole object's.
    pub basicsize: usize,
    /// Whether an instance holds `Field`s (then the type is GC-tracked and traversed).
    pub holds_fields: fn() -> bool,
    /// `tp_destroy` (used only when the value has something to drop), and `tp_traverse`
    /// (used only when `holds_fields()`).
    pub destroy: &'static Def,
    /// The `tp_traverse` slot.
    pub traverse: &'static Def,
    /// The `tp_finalize` slot (used only when `holds_fields()`): frees chains of objects
    /// linked through fields without deep recursion (see `trashcan`).
    pub finalize: &'static Def,
    /// What `#[hpy::methods]` defines, if there is an impl block.
    pub methods: fn() -> &'static MethodsInfo,
    /// The `#[hpy(get)]` fields' members.
    pub members: &'static [&'static Def],
    /// The `legacy_slots = ...` of the class (`HPyType_Spec.legacy_slots`, a `PyType_Slot`
    /// array), given only when `Self::LEGACY_SHAPE`.
    pub legacy_slots: Option<fn() -> *mut c_void>,
}

/// Implemented by `#[hpy::class]`: the definitions the type object is created from.
///
/// # Safety
/// `INFO` is this type's own: its slots treat their objects as instances of `Self` (see
/// [`Def`]), and its `legacy_slots` are given exactly when `Self::LEGACY_SHAPE`.
pub unsafe trait TypeDefinition: PyType {
    /// Everything the module needs to create the type.
    const INFO: &'static TypeInfo;
}
