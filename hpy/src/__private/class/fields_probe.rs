//! The autoref probe that visits the `Field`s of a class's members: only those whose type
//! implements [`Traverse`].

use core::ffi::c_int;

use crate::field::{Traverse, Visitor};

/// Autoref-specialisation probe over a struct member: `(&FieldsProbe(Some(&member)))` visits
/// the member's fields if its type implements [`Traverse`], and does nothing otherwise.
///
/// Method resolution picks the answer, so code in the user's module could add a trait of its
/// own with the same method names and win it; hence `visit_member` is `unsafe` (as are
/// [`Traverse::traverse`] and `Visitor::visit`): such a trait cannot visit anything without
/// `unsafe`, only fail to visit — and a field a traversal does not reach is one hpy-rs never
/// stores into (`Typed::set_field`).
pub struct FieldsProbe<'a, F>(pub Option<&'a F>);

/// The probe's answer for a member that holds fields.
pub trait VisitsFields: sealed::Sealed {
    /// Visits the member's fields.
    ///
    /// # Safety
    /// As for [`Traverse::traverse`]: the member belongs to the value being traversed.
    unsafe fn visit_member(&self, visitor: &mut Visitor<'_>) -> c_int;
    /// `true`.
    fn holds_fields(&self) -> bool;
}

impl<F: Traverse> VisitsFields for FieldsProbe<'_, F> {
    #[inline]
    unsafe fn visit_member(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract.
        self.0
            .map_or(0, |member| unsafe { member.traverse(visitor) })
    }

    fn holds_fields(&self) -> bool {
        true
    }
}

/// The probe's answer for any other member.
pub trait VisitsNothing: sealed::Sealed {
    /// Nothing to visit.
    ///
    /// # Safety
    /// None needed (it visits nothing); `unsafe` only to match [`VisitsFields`].
    #[inline(always)]
    unsafe fn visit_member(&self, _visitor: &mut Visitor<'_>) -> c_int {
        0
    }
    /// `false`.
    fn holds_fields(&self) -> bool {
        false
    }
}

impl<F> VisitsNothing for &FieldsProbe<'_, F> {}

mod sealed {
    use super::FieldsProbe;

    /// The probe's answers are implemented for the probe only.
    pub trait Sealed {}
    impl<F> Sealed for FieldsProbe<'_, F> {}
    impl<F> Sealed for &FieldsProbe<'_, F> {}
}
