//! [`Field`]: a reference from an object of a `#[hpy::class]` to another Python object.

use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void};

use crate::ffi;

/// A reference held by an object of a `#[hpy::class]` to another Python object (HPy's
/// `HPyField`).
///
/// A `Field` lives inside the struct of a `#[hpy::class]`. It starts empty, is written and read
/// only through a handle to the object that owns it ([`Typed::set_field`],
/// [`Typed::field`](crate::Typed::field)), and never holds a [`Handle`](crate::Handle): reading
/// it gives a fresh handle. The type's generated `tp_traverse` visits every `Field` — direct
/// members, `Option<Field>`, arrays, `Vec`s and `Box`es of them, and members of types that
/// implement [`Traverse`] — so the garbage collector sees the references and reference cycles
/// through fields are collected. The runtime releases the references when the object dies
/// (it clears every field the traversal reaches before the value is dropped).
///
/// Two things the types cannot check: a field must live in the value of the object it is
/// written through (a field the traversal cannot reach is invisible to the GC — a leak on
/// CPython, a dangling reference on a moving GC); and a field taken out of the value (say,
/// popped from a `Vec<Field>`) must be emptied first
/// ([`Typed::take_field_at`](crate::Typed::take_field_at)), or the reference it holds is never
/// released. Dropping a field that still holds a reference reports that leak on stderr.
///
/// [`Typed::set_field`]: crate::Typed::set_field
pub struct Field {
    raw: UnsafeCell<ffi::HPyField>,
}

impl Field {
    /// An empty field (reading it gives `None`).
    pub const fn new() -> Self {
        Field {
            raw: UnsafeCell::new(ffi::HPyField_NULL),
        }
    }

    /// The address HPy reads and writes.
    pub(crate) fn as_ptr(&self) -> *mut ffi::HPyField {
        self.raw.get()
    }

    /// Whether nothing is stored.
    pub(crate) fn is_empty(&self) -> bool {
        // SAFETY: reading the handle's bits, only to compare them with HPyField_NULL (which
        // HPy defines as all zeros); writes happen through the API under the same call.
        unsafe { (*self.raw.get())._i == 0 }
    }
}

impl Drop for Field {
    fn drop(&mut self) {
        if !self.is_empty() {
            eprintln!(
                "hpy-rs: a Field that still held a reference was dropped, so the reference \
                 leaks; empty a field before taking it out of its object (Typed::take_field)"
            );
        }
    }
}

impl Default for Field {
    fn default() -> Self {
        Field::new()
    }
}

impl core::fmt::Debug for Field {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(if self.is_empty() {
            "Field(empty)"
        } else {
            "Field(..)"
        })
    }
}

/// The visitor a type's `tp_traverse` hands to [`Traverse::traverse`].
pub struct Visitor {
    visit: ffi::HPyFunc_visitproc,
    arg: *mut c_void,
}

impl Visitor {
    /// Wraps the runtime's visit procedure.
    pub(crate) fn new(visit: ffi::HPyFunc_visitproc, arg: *mut c_void) -> Self {
        Visitor { visit, arg }
    }

    /// Visits one field (HPy's `HPy_VISIT`): a non-zero result must be returned at once.
    #[inline]
    pub fn visit(&mut self, field: &Field) -> c_int {
        let Some(visit) = self.visit else {
            return 0;
        };
        if field.is_empty() {
            return 0;
        }
        // SAFETY: the runtime's visit procedure, called with a field of the object being
        // traversed and the runtime's own argument.
        unsafe { visit(field.as_ptr(), self.arg) }
    }
}

/// Values that hold [`Field`]s, so a `#[hpy::class]` containing them visits them in its
/// `tp_traverse`. Implemented for `Field`, `Option`, arrays, `Vec`, `Box` and slices of
/// traversable values; for your own structs and enums that hold fields, derive it
/// (`#[derive(hpy::Traverse)]`).
///
/// # Safety
/// The garbage collector trusts the traversal: it subtracts one reference per visit, and the
/// runtime clears every visited field when the object dies. An implementation must visit each
/// field of the value exactly once, and no other field (not a field shared with another
/// object, not a field visited twice); otherwise live objects are collected. It must not panic
/// or call Python.
pub unsafe trait Traverse {
    /// Visits every field; returns the first non-zero result of [`Visitor::visit`], else 0.
    fn traverse(&self, visitor: &mut Visitor) -> c_int;
}

// SAFETY: visits each field it holds once.
unsafe impl Traverse for Field {
    #[inline]
    fn traverse(&self, visitor: &mut Visitor) -> c_int {
        visitor.visit(self)
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse> Traverse for Option<T> {
    fn traverse(&self, visitor: &mut Visitor) -> c_int {
        match self {
            Some(inner) => inner.traverse(visitor),
            None => 0,
        }
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse> Traverse for [T] {
    fn traverse(&self, visitor: &mut Visitor) -> c_int {
        for item in self {
            let result = item.traverse(visitor);
            if result != 0 {
                return result;
            }
        }
        0
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse, const N: usize> Traverse for [T; N] {
    fn traverse(&self, visitor: &mut Visitor) -> c_int {
        self.as_slice().traverse(visitor)
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse> Traverse for Vec<T> {
    fn traverse(&self, visitor: &mut Visitor) -> c_int {
        self.as_slice().traverse(visitor)
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse + ?Sized> Traverse for Box<T> {
    fn traverse(&self, visitor: &mut Visitor) -> c_int {
        (**self).traverse(visitor)
    }
}
