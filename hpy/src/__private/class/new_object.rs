//! What a `#[new]` constructor may return: the value (the object is then allocated for it) or
//! an object it created itself through [`Construct`](crate::Construct).

use crate::{Error, Handle, PyType, Result, Typed};

/// A `#[new]` constructor's return value.
#[diagnostic::on_unimplemented(
    message = "`#[new]` returns `Self`, `Typed<Self>` or a `Result` of one, not `{Self}`",
    label = "not the type's value"
)]
pub trait NewObject<'ctx, T>: sealed::Sealed<T> {
    /// The new object, of class `class`.
    ///
    /// # Safety
    /// `class` must be `T`'s type object or a subclass of it.
    unsafe fn into_object(self, class: &Handle<'ctx>) -> Result<Handle<'ctx>>;
}

impl<'ctx, T: PyType> NewObject<'ctx, T> for T {
    #[inline]
    unsafe fn into_object(self, class: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        // SAFETY: the caller's contract.
        unsafe { Typed::new_of_type(class, self) }.map(Typed::into_handle)
    }
}

impl<'ctx, T: PyType> NewObject<'ctx, T> for Typed<'ctx, T> {
    #[inline]
    unsafe fn into_object(self, _class: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self.into_handle())
    }
}

impl<'ctx, T, R, E> NewObject<'ctx, T> for core::result::Result<R, E>
where
    R: NewObject<'ctx, T>,
    E: Into<Error>,
{
    #[inline]
    unsafe fn into_object(self, class: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        // SAFETY: the caller's contract.
        unsafe { self.map_err(Into::into)?.into_object(class) }
    }
}

mod sealed {
    use crate::{PyType, Typed};

    /// Only hpy-rs implements `NewObject` (its `into_object` is trusted with the class).
    pub trait Sealed<T> {}
    impl<T: PyType> Sealed<T> for T {}
    impl<T: PyType> Sealed<T> for Typed<'_, T> {}
    impl<T, R: Sealed<T>, E> Sealed<T> for core::result::Result<R, E> {}
}

/// The object a `#[new]` constructor of `T` returned, as the raw handle `tp_new` returns. (A
/// function, so that a wrong return type is reported at the user's return type.)
///
/// # Safety
/// `class` must be `T`'s type object or a subclass of it.
#[inline(always)]
pub unsafe fn new_object<'ctx, T, R: NewObject<'ctx, T>>(
    ret: R,
    class: &Handle<'ctx>,
) -> Result<crate::ffi::HPy> {
    // SAFETY: the caller's contract.
    unsafe { ret.into_object(class) }.map(Handle::into_raw)
}
