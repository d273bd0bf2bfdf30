//! [`warn`] and [`Context::warn`]: issuing a Python warning (HPy's `HPyErr_WarnEx`).

use std::ffi::CString;

use crate::context::call;
use crate::exceptions::{ExceptionType, TypeError, ValueError};
use crate::{Context, Error, Result};

impl<'ctx> Context<'ctx> {
    /// Issues a warning of `category` (`hpy::exceptions::DeprecationWarning`,
    /// `UserWarning`, ... or a module's own `#[hpy::exception]` deriving from `Warning`), as
    /// `warnings.warn(message, category, stacklevel)` does: with `stack_level` 1 the warning
    /// points at the Python code that called the extension function.
    ///
    /// The warning filters decide what happens: usually the warning is printed once per
    /// location; under `-W error` (or `warnings.simplefilter("error")`) it is raised as an
    /// exception, which this returns as an `Err` to propagate with `?`.
    ///
    /// A `category` that is not a `Warning` subclass is a `TypeError`; a `message` with a NUL
    /// character a `ValueError` (HPy passes it as a C string).
    ///
    /// ```
    /// use hpy::exceptions::DeprecationWarning;
    /// use hpy::prelude::*;
    ///
    /// #[hpy::module]
    /// mod legacy_api {
    ///     use super::*;
    ///
    ///     /// The old name of `total`.
    ///     #[hpy::function]
    ///     fn sum(cx: Context<'_>, values: Vec<i64>) -> Result<i64> {
    ///         cx.warn(DeprecationWarning, "sum() is deprecated, use total()", 1)?;
    ///         Ok(values.iter().sum())
    ///     }
    /// }
    /// # fn main() {}
    /// ```
    pub fn warn(
        self,
        category: impl Into<ExceptionType>,
        message: &str,
        stack_level: usize,
    ) -> Result<()> {
        let category = category.into().to_handle(self)?;
        let (type_type, warning) = (self.table().h_TypeType, self.table().h_Warning);
        // SAFETY: `category` is open (an `ExceptionType` from a `Global` may hold any object,
        // so it is checked to be a type before `HPyType_IsSubtype`, which requires one);
        // `h_TypeType` and `h_Warning` are constant type handles.
        let is_warning = unsafe {
            call!(self, ctx_TypeCheck(category.as_raw(), type_type)) != 0
                && call!(self, ctx_Type_IsSubtype(category.as_raw(), warning)) != 0
        };
        if !is_warning {
            // `warnings.warn`'s check and message (HPyErr_WarnEx itself takes any class).
            return Err(TypeError::new_err(format!(
                "category must be a Warning subclass, not '{}'",
                category.type_name()
            )));
        }
        let message = CString::new(message)
            .map_err(|_| ValueError::new_err("warning message contains a NUL character"))?;
        let stack_level = isize::try_from(stack_level).unwrap_or(isize::MAX);
        // SAFETY: `category` is an open handle of this call and `message` a NUL-terminated
        // UTF-8 string; HPyErr_WarnEx returns -1 with an exception set when it fails.
        let status = unsafe {
            call!(
                self,
                ctx_Err_WarnEx(category.as_raw(), message.as_ptr(), stack_level)
            )
        };
        match status {
            0 => Ok(()),
            _ => Err(Error::set()),
        }
    }
}

/// Issues a warning of `category`: `hpy::warn(cx, DeprecationWarning, "...", 1)`, the same as
/// [`Context::warn`] (PyO3's `PyErr::warn`).
pub fn warn(
    cx: Context<'_>,
    category: impl Into<ExceptionType>,
    message: &str,
    stack_level: usize,
) -> Result<()> {
    cx.warn(category, message, stack_level)
}
