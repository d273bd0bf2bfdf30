//! The conversions of special methods' results into what their slots return.

use core::ffi::c_int;

use crate::buffer::Buffer;
use crate::exceptions::OverflowError;
use crate::{Context, Error, Result, ffi};

/// `NotImplemented` when converting an operand failed with a `TypeError` (the operand is of a
/// type the method does not take; Python then tries the other operand), else the error.
pub fn not_implemented(cx: Context<'_>, error: Error) -> Result<ffi::HPy> {
    if error.matches(cx, crate::exceptions::TypeError) {
        error.clear(cx);
        Ok(cx.NotImplemented().into_raw())
    } else {
        Err(error)
    }
}

/// What a special method may return for the slot of kind `Kind` ([`Hash`], [`Len`],
/// [`Truth`], [`Status`], [`Export`]): a value, or a `Result` of one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not what this special method returns",
    label = "wrong result type for the slot",
    note = "`__len__` returns `usize`, `__hash__` an integer, `__bool__` and `__contains__` `bool`, setters, `__setitem__`, `__delitem__` and `__releasebuffer__` `()`, `__getbuffer__` a `Buffer`; each may also be a `Result` of it"
)]
///
/// Sealed: the slot returns `Output` as its success value, so a value equal to the slot's
/// error value (-1) would report an error with no exception set; only this module's impls,
/// which never produce one, exist.
pub trait SlotValue<Kind>: sealed::Sealed<Kind> {
    /// What the slot returns.
    type Output;
    /// The slot's value, or the error.
    fn slot_value(self) -> Result<Self::Output>;
}

mod sealed {
    /// The implementations [`super::SlotValue`] allows.
    pub trait Sealed<Kind> {}
}

impl<Kind, V: SlotValue<Kind>, E: Into<Error>> sealed::Sealed<Kind> for core::result::Result<V, E> {}

impl<Kind, V: SlotValue<Kind>, E: Into<Error>> SlotValue<Kind> for core::result::Result<V, E> {
    type Output = V::Output;
    #[inline]
    fn slot_value(self) -> Result<V::Output> {
        self.map_err(Into::into)?.slot_value()
    }
}

/// The value of `ret`, a special method's result, for a slot of kind `Kind`.
#[inline(always)]
pub fn slot_value<Kind, V: SlotValue<Kind>>(ret: V) -> Result<V::Output> {
    ret.slot_value()
}

/// `__hash__` (`tp_hash`): an integer.
pub enum Hash {}
/// `__len__` (`mp_length`, `sq_length`): a `usize`.
pub enum Len {}
/// `__bool__` and `__contains__`: a `bool`.
pub enum Truth {}
/// Setters, `__setitem__`, `__delitem__`, in-place operators returning nothing: `()`.
pub enum Status {}
/// `__getbuffer__`: a [`Buffer`].
pub enum Export {}

macro_rules! hash_ints {
    ($($t:ty),*) => {$(
        impl sealed::Sealed<Hash> for $t {}

        impl SlotValue<Hash> for $t {
            type Output = ffi::HPy_hash_t;
            #[inline]
            fn slot_value(self) -> Result<ffi::HPy_hash_t> {
                // -1 means "error" to `tp_hash`; Python hashes -1 as -2 too.
                let h = self as ffi::HPy_hash_t;
                Ok(if h == -1 { -2 } else { h })
            }
        }
    )*};
}

hash_ints!(isize, usize, i64, u64, i32, u32);

impl sealed::Sealed<Len> for usize {}

impl SlotValue<Len> for usize {
    type Output = ffi::HPy_ssize_t;
    #[inline]
    fn slot_value(self) -> Result<ffi::HPy_ssize_t> {
        ffi::HPy_ssize_t::try_from(self)
            .map_err(|_| OverflowError::new_err("cannot fit 'int' into an index-sized integer"))
    }
}

impl sealed::Sealed<Truth> for bool {}

impl SlotValue<Truth> for bool {
    type Output = c_int;
    #[inline]
    fn slot_value(self) -> Result<c_int> {
        Ok(c_int::from(self))
    }
}

impl sealed::Sealed<Status> for () {}

impl SlotValue<Status> for () {
    type Output = c_int;
    #[inline]
    fn slot_value(self) -> Result<c_int> {
        Ok(0)
    }
}

impl sealed::Sealed<Export> for Buffer {}

impl SlotValue<Export> for Buffer {
    type Output = Buffer;
    #[inline]
    fn slot_value(self) -> Result<Buffer> {
        Ok(self)
    }
}
