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

/// What `__next__` may return: `Option<T>`, or a `Result` of one; `None` ends the iteration.
#[diagnostic::on_unimplemented(
    message = "`__next__` returns `{Self}`, which cannot end an iteration",
    label = "not an `Option`",
    note = "return `Option<T>` (or a `Result` of one): `Some(item)` is the next item, `None` \
            ends the iteration (Python's `StopIteration`)"
)]
pub trait NextItem<'ctx> {
    /// The item type.
    type Item: IntoPy<'ctx>;
    /// The next item, `None` at the end.
    fn into_next_item(self) -> Result<Option<Self::Item>>;
}

impl<'ctx, T: IntoPy<'ctx>> NextItem<'ctx> for Option<T> {
    type Item = T;
    #[inline(always)]
    fn into_next_item(self) -> Result<Option<T>> {
        Ok(self)
    }
}

impl<'ctx, T: IntoPy<'ctx>, E: Into<Error>> NextItem<'ctx> for core::result::Result<Option<T>, E> {
    type Item = T;
    #[inline(always)]
    fn into_next_item(self) -> Result<Option<T>> {
        self.map_err(Into::into)
    }
}

/// `__next__`'s result as the raw handle its method returns: the item, or NULL with
/// `StopIteration` (without a value, as a `for` loop expects) set at the end.
#[inline(always)]
pub fn return_next_item<'ctx, R: NextItem<'ctx>>(
    ret: R,
    cx: Context<'ctx>,
) -> Result<crate::ffi::HPy> {
    match ret.into_next_item()? {
        Some(item) => item.into_py(cx).map(Handle::into_raw),
        None => Err(stop_iteration(cx)),
    }
}

/// Sets `StopIteration()` and returns the error that stands for it.
#[cold]
fn stop_iteration(cx: Context<'_>) -> Error {
    let (stop, none) = (cx.table().h_StopIteration, cx.table().h_None);
    // SAFETY: both are the context's own constants; `HPyErr_SetObject` with `None` as the
    // value raises the exception without arguments and does not steal either handle.
    unsafe { crate::context::call!(cx, ctx_Err_SetObject(stop, none)) };
    Error::set()
}

/// Chooses how a function's return value becomes its Python result, by the value's type
/// (autoref specialisation: `(&ret).__hpy_return_kind()` finds [`ReturnsUnit`] for `()` and
/// `Result<(), E>`, else [`ReturnsValue`]): nothing becomes `None`, as for a `def` without a
/// `return`, although `()` converts to the empty tuple everywhere else.
pub trait ReturnsUnit {
    /// [`UnitReturn`].
    #[inline(always)]
    fn __hpy_return_kind(&self) -> UnitReturn {
        UnitReturn
    }
}

impl ReturnsUnit for () {}
impl<E> ReturnsUnit for core::result::Result<(), E> {}

/// The fallback of [`ReturnsUnit`]: any other return value.
pub trait ReturnsValue {
    /// [`ValueReturn`].
    #[inline(always)]
    fn __hpy_return_kind(&self) -> ValueReturn {
        ValueReturn
    }
}

impl<T> ReturnsValue for &T {}

/// A function that returns nothing (or a `Result` of nothing): `None`.
pub struct UnitReturn;

/// A function that returns a value: its [`IntoReturn`] conversion.
pub struct ValueReturn;

/// What [`UnitReturn`] accepts: `()` and `Result<(), E>`.
pub trait Unit {
    /// The error, if any.
    fn into_result(self) -> Result<()>;
}

impl Unit for () {
    #[inline(always)]
    fn into_result(self) -> Result<()> {
        Ok(())
    }
}

impl<E: Into<Error>> Unit for core::result::Result<(), E> {
    #[inline(always)]
    fn into_result(self) -> Result<()> {
        self.map_err(Into::into)
    }
}

impl UnitReturn {
    /// `None`, or the error.
    #[inline(always)]
    pub fn convert<R: Unit>(self, ret: R, cx: Context<'_>) -> Result<crate::ffi::HPy> {
        ret.into_result().map(|()| cx.None().into_raw())
    }
}

impl ValueReturn {
    /// [`return_object`].
    #[inline(always)]
    pub fn convert<'ctx, R: IntoReturn<'ctx>>(
        self,
        ret: R,
        cx: Context<'ctx>,
    ) -> Result<crate::ffi::HPy> {
        return_object(ret, cx)
    }
}
