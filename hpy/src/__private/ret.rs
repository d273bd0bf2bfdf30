//! [`IntoReturn`]: what a function may return.

use crate::{Context, Error, Handle, IntoPy, Result};

/// A `#[hpy::function]`'s return value: any [`IntoPy`] value, or a `Result` of one whose error
/// converts into [`Error`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Python",
    label = "not convertible to a Python object",
    note = "return a type implementing `hpy::IntoPy`, or a `Result` of one"
)]
pub trait IntoReturn<'ctx>: sealed::Sealed<'ctx> {
    /// Converts the return value into the new object handed to the caller.
    fn into_return(self, cx: Context<'ctx>) -> Result<Handle<'ctx>>;
}

impl<'ctx, T: IntoPy<'ctx>> IntoReturn<'ctx> for T {
    #[inline(always)]
    fn into_return(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        self.into_py(cx)
    }
}

impl<'ctx, T: IntoPy<'ctx>, E: Into<Error>> IntoReturn<'ctx> for core::result::Result<T, E> {
    #[inline(always)]
    fn into_return(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        self.map_err(Into::into)?.into_py(cx)
    }
}

mod sealed {
    use crate::{Error, IntoPy};

    /// Only hpy-rs implements `IntoReturn`: a type becomes returnable through `IntoPy`.
    pub trait Sealed<'ctx> {}
    impl<'ctx, T: IntoPy<'ctx>> Sealed<'ctx> for T {}
    impl<'ctx, T: IntoPy<'ctx>, E: Into<Error>> Sealed<'ctx> for core::result::Result<T, E> {}
}

/// `ret.into_return(cx)` as the raw handle a slot returns. (A function, so that a return type
/// without a conversion is reported at the user's return type.)
#[inline(always)]
pub fn return_object<'ctx, R: IntoReturn<'ctx>>(
    ret: R,
    cx: Context<'ctx>,
) -> Result<crate::ffi::HPy> {
    ret.into_return(cx).map(Handle::into_raw)
}
