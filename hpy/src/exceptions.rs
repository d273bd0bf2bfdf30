//! Python's builtin exception types as Rust values, and [`ExceptionType`].
//!
//! Each builtin exception is a unit struct named as in Python, usable wherever an
//! [`ExceptionType`] is expected:
//!
//! ```
//! use hpy::exceptions::{TypeError, ZeroDivisionError};
//! let err = ZeroDivisionError::new_err("division by zero");
//! assert_eq!(err.to_string(), "ZeroDivisionError: division by zero");
//! let err = hpy::Error::new(TypeError, "expected a sequence");
//! assert!(!err.is_already_set());
//! ```

use std::borrow::Cow;

use crate::context::call;
use crate::{Context, Error, Global, Handle, IntoPy, Result, ffi};

pub use crate::builtins::exception_types::*;

/// A Python exception type: a builtin one, or one created at run time and kept in a
/// [`Global`] (for example a module's custom exception).
#[derive(Clone, Copy)]
pub struct ExceptionType {
    name: &'static str,
    source: Source,
}

#[derive(Clone, Copy)]
enum Source {
    Builtin(fn(&ffi::HPyContext) -> ffi::HPy),
    Global(&'static Global),
}

impl ExceptionType {
    /// A builtin exception, read from the context member `member` returns.
    pub(crate) const fn builtin(
        name: &'static str,
        member: fn(&ffi::HPyContext) -> ffi::HPy,
    ) -> Self {
        ExceptionType {
            name,
            source: Source::Builtin(member),
        }
    }

    /// An exception type stored in `global` (filled, typically, during module initialisation).
    /// `name` is used when the error is displayed from Rust. If the global holds something
    /// other than an exception type when the error is raised, Python reports a `SystemError`.
    pub const fn from_global(name: &'static str, global: &'static Global) -> Self {
        ExceptionType {
            name,
            source: Source::Global(global),
        }
    }

    /// The exception type a module created (`#[hpy::exception]`); `name` is used when the
    /// error is displayed from Rust.
    pub const fn from_type_object(name: &'static str, ty: &'static crate::TypeObject) -> Self {
        ExceptionType {
            name,
            source: Source::Global(&ty.0),
        }
    }

    /// The type's name, e.g. `"TypeError"`.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// A pending error of this type.
    pub fn new_err(self, message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(self, message)
    }

    /// Raises the exception now with `value` as its single argument (`raise KeyError(key)`
    /// for any object `key`, where [`new_err`](Self::new_err) takes a message), and returns
    /// the already-set error to propagate. A tuple or `None` stays the one argument, as in
    /// `dict`'s `KeyError`s: `args == (value,)`.
    ///
    /// ```no_run
    /// # use hpy::{Handle, Result};
    /// use hpy::exceptions::{ExceptionType, KeyError};
    ///
    /// fn missing(key: &Handle<'_>) -> Result<()> {
    ///     Err(ExceptionType::from(KeyError).new_err_with(key)) // or KeyError::new_err_with(key)
    /// }
    /// ```
    pub fn new_err_with(self, value: &Handle<'_>) -> Error {
        let cx = value.context();
        let ty = match self.to_handle(cx) {
            Ok(ty) => ty,
            Err(err) => return err, // the type is unavailable: raise why instead
        };
        // A tuple value would be taken as the argument list, and None as no argument.
        let args = match (Handle::clone(value),).into_py(cx) {
            Ok(args) => args,
            Err(err) => return err,
        };
        // SAFETY: both handles are open for this call; HPyErr_SetObject does not steal them.
        unsafe { call!(cx, ctx_Err_SetObject(ty.as_raw(), args.as_raw())) };
        Error::set()
    }

    /// A new handle to the type object.
    ///
    /// Fails with `SystemError` for a [`Global`]-backed type whose global was never stored.
    pub fn to_handle<'ctx>(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        match self.source {
            Source::Builtin(member) => {
                let raw = member(cx.table());
                // SAFETY: context members are constant handles valid for the whole call;
                // `HPy_Dup` returns a new handle the result owns.
                let dup = unsafe { call!(cx, ctx_Dup(raw)) };
                // SAFETY: `HPy_Dup` returns an open handle or HPy_NULL with an exception set.
                unsafe { Handle::from_raw_or_err(cx, dup) }
            }
            Source::Global(global) => global.load(cx).ok_or_else(|| {
                let name = self.name;
                crate::exceptions::SystemError::new_err(format!(
                    "exception type {name} is used before its module initialised it"
                ))
            }),
        }
    }
}

impl core::fmt::Debug for ExceptionType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "ExceptionType({})", self.name)
    }
}
