//! `#[hpy(get)]` fields of frozen classes: read-only `HPyMember`s, which CPython reads straight
//! from the object's memory (a member descriptor: no call into the module at all).
//!
//! Sound only for frozen classes: their value is never lent mutably, so a read by the
//! interpreter can never overlap a `&mut self` (`#[hpy::class]` rejects `#[hpy(get)]`
//! elsewhere). The member's offset is relative to the payload (HPy adds the object header), or
//! to the object for a legacy-shaped class.

use core::ffi::CStr;

use crate::__private::Def;
use crate::ffi;
use crate::types::{FrozenCell, Payload, PyType};

/// A Rust type CPython can read as a member: a fixed-size integer, a float or `bool`, each
/// with the `HPyMember_*` type of the same C layout.
///
/// # Safety
/// `TYPE` must read exactly the bytes of `Self`, with the same meaning.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an `#[hpy(get)]` field",
    label = "CPython reads an `#[hpy(get)]` field directly: integers, floats and `bool` only",
    note = "for other types, write a `#[getter]` method"
)]
pub unsafe trait MemberValue {
    /// The `HPyMember_FieldType` that reads it.
    const TYPE: ffi::HPyMember_FieldType;
}

macro_rules! member_values {
    ($($ty:ty => $member:expr),* $(,)?) => {$(
        // SAFETY: the C type `$member` reads has the size and representation of `$ty`.
        unsafe impl MemberValue for $ty {
            const TYPE: ffi::HPyMember_FieldType = $member;
        }
    )*};
}

member_values! {
    i8 => ffi::HPyMember_BYTE,
    u8 => ffi::HPyMember_UBYTE,
    i16 => ffi::HPyMember_SHORT,
    u16 => ffi::HPyMember_USHORT,
    i32 => ffi::HPyMember_INT,
    u32 => ffi::HPyMember_UINT,
    i64 => ffi::HPyMember_LONGLONG,
    u64 => ffi::HPyMember_ULONGLONG,
    isize => ffi::HPyMember_HPYSSIZET,
    f32 => ffi::HPyMember_FLOAT,
    f64 => ffi::HPyMember_DOUBLE,
    // `T_BOOL` reads a `char` that is 0 or 1: a Rust `bool`.
    bool => ffi::HPyMember_BOOL,
}

// `usize` is read as the unsigned C type of its width.
// SAFETY: `size_t` is `unsigned long long` (64-bit targets) or `unsigned int` (32-bit ones).
unsafe impl MemberValue for usize {
    const TYPE: ffi::HPyMember_FieldType = if usize::BITS == 64 {
        ffi::HPyMember_ULONGLONG
    } else {
        ffi::HPyMember_UINT
    };
}

/// The offset of the field at `field_offset` in the value of the frozen class `T`: from the
/// start of the payload (HPy adds its header), or for a legacy-shaped class, whose members
/// HPy measures from the object's start, from there.
pub const fn member_offset<T: PyType>(field_offset: usize) -> usize {
    crate::types::payload_offset(T::LEGACY_SHAPE)
        + Payload::<FrozenCell<T>>::STORAGE_OFFSET
        + FrozenCell::<T>::VALUE_OFFSET
        + field_offset
}

impl Def {
    /// A read-only member of type `type_` at `offset` in the payload ([`member_offset`]).
    ///
    /// # Safety
    /// See [`Def`]: the member is used only in the spec of a frozen class whose value has a
    /// field of a type `type_` reads exactly (a [`MemberValue`]) at that offset.
    pub const unsafe fn member(
        name: &'static CStr,
        type_: ffi::HPyMember_FieldType,
        offset: usize,
        doc: Option<&'static CStr>,
    ) -> Def {
        Def::from_raw(ffi::HPyDef {
            kind: ffi::HPyDef_Kind_Member,
            u: ffi::HPyDef_u {
                member: ffi::HPyMember {
                    name: name.as_ptr(),
                    type_,
                    offset: offset as ffi::HPy_ssize_t,
                    readonly: 1,
                    doc: match doc {
                        Some(doc) => doc.as_ptr(),
                        None => core::ptr::null(),
                    },
                },
            },
        })
    }
}
