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
/// A field is only stored into and loaded where the object's traversal reaches it: the
/// selector a [`Typed`](crate::Typed) method takes must return a field that traversal visits
/// (else it panics: a field outside the value, such as a leaked `&'static Field`, or inside a
/// member whose type does not implement [`Traverse`], would be invisible to the GC — a leak
/// on CPython, a dangling reference on a moving GC). What the types cannot check is moving a
/// field that holds a reference out of the value through a `&mut` (`mem::take`, popping it
/// from a `Vec<Field>`): empty it first ([`Typed::take_field_at`](crate::Typed::take_field_at)),
/// or the reference it holds is never released (on a moving GC, it may dangle). Dropping a
/// field that still holds a reference reports that leak on stderr.
///
/// A type whose value holds fields releases what they hold in a finalizer (visible from
/// Python as `__del__`), which frees chains of objects linked through fields without deep
/// recursion, however long.
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

/// What a traversal does with each [`Field`] it visits: hand it to the runtime's visit
/// procedure (a type's `tp_traverse`), or, inside hpy-rs, look for one field or go over them
/// all.
///
/// A visitor remembers what stopped it — the first non-zero result of the runtime's visit
/// procedure, or the field it looked for — so generated traversals stop on what the visitor
/// saw ([`Visitor::stopped`]), not on what a member's traversal returned (which code that
/// wins the generated probe's method resolution could make up).
pub struct Visitor<'v> {
    kind: VisitorKind<'v>,
    /// The first non-zero visit result (for a find visitor: 1 once the field was reached).
    stopped: c_int,
}

enum VisitorKind<'v> {
    /// The runtime's visit procedure and its argument.
    Runtime {
        visit: ffi::HPyFunc_visitproc,
        arg: *mut c_void,
    },
    /// Stops (with 1) at the field at this address.
    Find(*const Field),
    /// Calls the closure on every non-empty field.
    Each(&'v mut dyn FnMut(&Field)),
}

impl<'v> Visitor<'v> {
    /// Wraps the runtime's visit procedure.
    pub(crate) fn new(visit: ffi::HPyFunc_visitproc, arg: *mut c_void) -> Self {
        Visitor {
            kind: VisitorKind::Runtime { visit, arg },
            stopped: 0,
        }
    }

    /// A visitor that stops when it reaches `field` (by address): [`Visitor::found`].
    pub(crate) fn find(field: &Field) -> Self {
        Visitor {
            kind: VisitorKind::Find(field),
            stopped: 0,
        }
    }

    /// Whether a find visitor reached its field.
    pub(crate) fn found(&self) -> bool {
        matches!(self.kind, VisitorKind::Find(_)) && self.stopped != 0
    }

    /// The non-zero result that stopped the traversal, if one did: a traversal returns it at
    /// once (what generated traversals check after each member).
    #[inline(always)]
    pub fn stopped(&self) -> Option<c_int> {
        (self.stopped != 0).then_some(self.stopped)
    }

    /// A visitor that calls `each` on every non-empty field.
    pub(crate) fn each(each: &'v mut dyn FnMut(&Field)) -> Self {
        Visitor {
            kind: VisitorKind::Each(each),
            stopped: 0,
        }
    }

    /// Visits one field (HPy's `HPy_VISIT`): a non-zero result must be returned at once.
    ///
    /// # Safety
    /// Only a [`Traverse::traverse`] implementation calls it, with this visitor, once for
    /// each field of the value it traverses and for no other field (the garbage collector
    /// subtracts one reference per visit, and the runtime clears what is visited).
    #[inline]
    pub unsafe fn visit(&mut self, field: &Field) -> c_int {
        let result = match &mut self.kind {
            VisitorKind::Runtime { visit, arg } => {
                match visit {
                    // SAFETY: the runtime's visit procedure, called with a field of the
                    // object being traversed and the runtime's own argument.
                    Some(visit) if !field.is_empty() => unsafe { visit(field.as_ptr(), *arg) },
                    _ => 0,
                }
            }
            VisitorKind::Find(target) => c_int::from(core::ptr::eq(*target, field)),
            VisitorKind::Each(each) => {
                if !field.is_empty() {
                    each(field);
                }
                0
            }
        };
        self.stop_at(result)
    }

    /// Records the first non-zero result, and returns `result`.
    #[inline(always)]
    fn stop_at(&mut self, result: c_int) -> c_int {
        if result != 0 && self.stopped == 0 {
            self.stopped = result;
        }
        result
    }

    /// Visits a run of fields (a `Vec<Field>`, an array): one comparison of addresses when
    /// looking for a field, rather than one per field.
    ///
    /// # Safety
    /// As for [`Visitor::visit`], for each field of `fields`.
    #[inline]
    pub unsafe fn visit_all(&mut self, fields: &[Field]) -> c_int {
        if let VisitorKind::Find(target) = self.kind {
            let found = c_int::from(fields.as_ptr_range().contains(&target));
            return self.stop_at(found);
        }
        for field in fields {
            // SAFETY: the caller's contract, field by field.
            let result = unsafe { self.visit(field) };
            if result != 0 {
                return result;
            }
        }
        0
    }
}

/// Values that hold [`Field`]s, so a `#[hpy::class]` containing them visits them in its
/// `tp_traverse`. Implemented for `Field`, `Option`, arrays, `Vec`, `Box` and slices of
/// traversable values; for your own structs and enums that hold fields, derive it
/// (`#[derive(hpy::Traverse)]`).
///
/// # Safety
/// The garbage collector trusts the traversal: it subtracts one reference per visit, and the
/// runtime clears every visited field when the object dies; hpy-rs also stores into a field
/// only if the traversal of its object reaches it. An implementation must visit each field of
/// the value exactly once, and no other field (not a field shared with another object, not a
/// field visited twice); otherwise live objects are collected. It must not panic or call
/// Python.
///
/// ```
/// use hpy::{Field, Traverse, Visitor};
///
/// /// Two fields, one optional.
/// struct Pair {
///     first: Field,
///     second: Option<Field>,
///     label: String,
/// }
///
/// // SAFETY: visits each of the two fields once, and nothing else.
/// unsafe impl Traverse for Pair {
///     unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> core::ffi::c_int {
///         // SAFETY: the caller's contract, passed on to each member.
///         unsafe {
///             match self.first.traverse(visitor) {
///                 0 => self.second.traverse(visitor),
///                 stop => stop,
///             }
///         }
///     }
/// }
/// ```
/// (`#[derive(hpy::Traverse)]` writes the same.)
pub unsafe trait Traverse {
    /// Visits every field; returns the first non-zero result of [`Visitor::visit`], else 0.
    ///
    /// # Safety
    /// Only the traversal of the object that holds the value calls it, with the visitor it
    /// was given, once per traversal (through the type's generated traversal, or a
    /// `Traverse` implementation of an enclosing value passing its visitor on).
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int;

    /// Visits every field of every item of a slice (what `[T]` and collections of `T` do);
    /// `Field` overrides it to visit the run at once ([`Visitor::visit_all`]).
    ///
    /// # Safety
    /// As for [`Traverse::traverse`].
    #[doc(hidden)]
    #[inline]
    unsafe fn traverse_slice(items: &[Self], visitor: &mut Visitor<'_>) -> c_int
    where
        Self: Sized,
    {
        for item in items {
            // SAFETY: the caller's contract, item by item.
            let result = unsafe { item.traverse(visitor) };
            if result != 0 {
                return result;
            }
        }
        0
    }
}

// SAFETY: visits each field it holds once.
unsafe impl Traverse for Field {
    #[inline]
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract: this field is part of the traversed value.
        unsafe { visitor.visit(self) }
    }

    #[inline]
    unsafe fn traverse_slice(items: &[Self], visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract: these fields are part of the traversed value.
        unsafe { visitor.visit_all(items) }
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse> Traverse for Option<T> {
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int {
        match self {
            // SAFETY: the caller's contract, for the one member.
            Some(inner) => unsafe { inner.traverse(visitor) },
            None => 0,
        }
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse> Traverse for [T] {
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract, for the items.
        unsafe { T::traverse_slice(self, visitor) }
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse, const N: usize> Traverse for [T; N] {
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract, for the items.
        unsafe { self.as_slice().traverse(visitor) }
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse> Traverse for Vec<T> {
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract, for the items.
        unsafe { self.as_slice().traverse(visitor) }
    }
}

// SAFETY: visits each field it holds once.
unsafe impl<T: Traverse + ?Sized> Traverse for Box<T> {
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract, for the boxed value.
        unsafe { (**self).traverse(visitor) }
    }
}
