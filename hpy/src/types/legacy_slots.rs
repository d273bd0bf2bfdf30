//! `#[hpy::class(legacy_slots = PATH)]`: what `PATH` must name.

use core::ffi::c_void;

/// Implemented by `hpy::legacy::LegacySlots` (with the `legacy` feature) only.
///
/// # Safety
/// `as_spec` returns a `PyType_Slot` array ending with a zero entry, static and immutable,
/// whose every slot has a function of its C type (or its array), none of them a slot hpy-rs
/// owns.
#[diagnostic::on_unimplemented(
    message = "`legacy_slots = ...` must name a `static` of type `hpy::legacy::LegacySlots`, not `{Self}`",
    label = "not an `hpy::legacy::LegacySlots`",
    note = "legacy slots need the `legacy` feature of hpy: `hpy = {{ ..., features = [\"legacy\"] }}`"
)]
pub unsafe trait LegacySlotsStatic: Sync + 'static {
    /// The array, for `HPyType_Spec.legacy_slots`.
    fn as_spec(&'static self) -> *mut c_void;
}

/// `slots`' array, for `HPyType_Spec.legacy_slots` (the generated `TypeInfo::legacy_slots`).
pub fn legacy_slots<S: LegacySlotsStatic>(slots: &'static S) -> *mut c_void {
    slots.as_spec()
}
