//! Bounds the generated code puts on a class's value where the user wrote the mistake they
//! catch, each with a message that says what to write instead.

use core::ops::DerefMut;

use crate::types::{MutableCell, RefMut, Typed};
use crate::{PyType, Result};

/// A class whose methods may take `&mut self`: `#[hpy::class]` implements it for every class
/// that is not frozen.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is `#[hpy::class(frozen)]`: its methods take `&self`, not `&mut self`",
    label = "a frozen class's value is never borrowed mutably",
    note = "keep what changes in a `Mutex` or an atomic, or remove `frozen`"
)]
pub trait MutableClass: PyType<Storage = MutableCell<Self>> {
    /// The guard of `&mut self`: [`RefMut`]. A projection, so that for a frozen class the
    /// type is unknown rather than ill-formed, and its uses report nothing more.
    type Guard<'h, 'ctx: 'h>: DerefMut<Target = Self>
    where
        Self: 'h;
}

/// The borrow behind a method's `&mut self`; generated at the receiver.
#[inline(always)]
pub fn borrow_mut_self<'h, 'ctx, T: MutableClass<Guard<'h, 'ctx> = RefMut<'h, 'ctx, T>>>(
    this: &'h Typed<'ctx, T>,
) -> Result<T::Guard<'h, 'ctx>> {
    this.borrow_mut()
}

/// What a field of a class may be: anything `Send`. Python uses and drops an object on
/// whichever thread holds the GIL (one at a time), so a value tied to one thread (an `Rc`, a
/// `MutexGuard`) cannot be in one; nor can a `Handle`, which lives only during the call that
/// received it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of an `#[hpy::class]`: a Python object stored in a class must be a `hpy::Field` (or a `hpy::Global` for module-level state), and any other field must be `Send`",
    label = "not a `Field`, and not `Send`",
    note = "Python uses and drops objects on whichever thread holds the GIL"
)]
pub trait ClassField {}

// Not recommended: the error names `ClassField`, whose message says what to write, rather than
// the field's innermost type that is not `Send` (`NonNull<HPyContext>` for a `Handle`).
#[diagnostic::do_not_recommend]
impl<T: Send + ?Sized> ClassField for T {}

/// Compiles only for a type that may be a class's field; generated for each field, at its
/// type.
pub fn require_field<T: ClassField + ?Sized>() {}
