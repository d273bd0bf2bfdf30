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
