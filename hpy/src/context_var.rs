//! [`ContextVar`]: Python's `contextvars.ContextVar`, through HPy's `HPyContextVar_New`,
//! `HPyContextVar_Get` and `HPyContextVar_Set`.

use std::ffi::CString;

use crate::context::call;
use crate::exceptions::ValueError;
use crate::{Context, Error, FromPy, Handle, IntoPy, Result, ffi};

/// A `contextvars.ContextVar`: a value that is per thread and per asyncio task, the way to
/// keep "current settings" an extension reads (a precision, a locale, a request id) correct
/// under concurrency, where a `static` would leak between tasks.
///
/// It is a handle like any other, so it lives for one call; create it once (at module
/// initialisation) and keep it in a [`Global`](crate::Global), then wrap the loaded handle
/// with [`ContextVar::from_handle`]. Any object converts to a `ContextVar` parameter; using
/// one that is not a context variable raises `TypeError`.
///
/// ```
/// use hpy::prelude::*;
/// use hpy::ContextVar;
///
/// #[hpy::module]
/// mod rounding {
///     use super::*;
///
///     static PRECISION: Global = Global::new();
///
///     #[hpy::init]
///     fn init<'ctx>(cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
///         let precision = ContextVar::new(cx, "precision", Some(&cx.to_py(2)?))?;
///         module.setattr(c"precision", precision.clone())?; // so Python can set it too
///         PRECISION.store(&precision);
///         Ok(())
///     }
///
///     /// `x` rounded to the current context's `precision` digits.
///     #[hpy::function]
///     fn round(cx: Context<'_>, x: f64) -> Result<f64> {
///         let precision = ContextVar::from_handle(PRECISION.load(cx).expect("set by init"));
///         let digits: i32 = precision.get()?.expect("it has a default").extract()?;
///         let scale = 10f64.powi(digits);
///         Ok((x * scale).round() / scale)
///     }
/// }
/// # fn main() {}
/// ```
#[derive(Clone)]
pub struct ContextVar<'ctx>(Handle<'ctx>);

impl<'ctx> ContextVar<'ctx> {
    /// `contextvars.ContextVar(name)`, or `ContextVar(name, default=default)`.
    pub fn new(cx: Context<'ctx>, name: &str, default: Option<&Handle<'ctx>>) -> Result<Self> {
        let name = CString::new(name)
            .map_err(|_| ValueError::new_err("context variable name contains a NUL character"))?;
        let default = default.map_or(ffi::HPy_NULL, Handle::as_raw);
        // SAFETY: `name` is NUL-terminated; `default` is an open handle or HPy_NULL (no
        // default); the result is a new handle or NULL with an exception set.
        let raw = unsafe { call!(cx, ctx_ContextVar_New(name.as_ptr(), default)) };
        // SAFETY: as above.
        unsafe { Handle::from_raw_or_err(cx, raw) }.map(ContextVar)
    }

    /// Wraps a handle to a context variable (for one loaded from a [`Global`](crate::Global)).
    /// Nothing is checked here: the methods raise `TypeError` if it is not one.
    pub fn from_handle(handle: Handle<'ctx>) -> Self {
        ContextVar(handle)
    }

    /// The variable's value in the current context; its default when it was not set there;
    /// `None` when it has neither (where `var.get()` raises `LookupError`).
    pub fn get(&self) -> Result<Option<Handle<'ctx>>> {
        self.get_raw(ffi::HPy_NULL)
    }

    /// The variable's value in the current context, else `default` (even when the variable
    /// has a default of its own): `var.get(default)`.
    pub fn get_or(&self, default: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        let value = self.get_raw(default.as_raw())?;
        Ok(value.unwrap_or_else(|| default.clone()))
    }

    fn get_raw(&self, default: ffi::HPy) -> Result<Option<Handle<'ctx>>> {
        let cx = self.0.context();
        let mut result = ffi::HPy_NULL;
        // SAFETY: `self` and `default` are open handles (or HPy_NULL for no default);
        // `result` is written with a new handle, or HPy_NULL when there is no value.
        let status = unsafe {
            call!(
                cx,
                ctx_ContextVar_Get(self.0.as_raw(), default, &mut result)
            )
        };
        if status < 0 {
            return Err(Error::set());
        }
        match result.is_null() {
            true => Ok(None),
            // SAFETY: a new handle the runtime gave us.
            false => Ok(Some(unsafe { Handle::from_raw(cx, result) })),
        }
    }

    /// Sets the variable's value in the current context, `var.set(value)`; returns the token
    /// that `var.reset(token)` takes to restore the previous value.
    pub fn set(&self, value: impl IntoPy<'ctx>) -> Result<Handle<'ctx>> {
        let cx = self.0.context();
        let value = value.into_py(cx)?;
        // SAFETY: two open handles; the result is a new handle or NULL with an exception set.
        let raw = unsafe { call!(cx, ctx_ContextVar_Set(self.0.as_raw(), value.as_raw())) };
        // SAFETY: as above.
        unsafe { Handle::from_raw_or_err(cx, raw) }
    }

    /// Restores the value the variable had before the [`set`](Self::set) that returned
    /// `token`: `var.reset(token)` (HPy has no function for it; this calls the method).
    pub fn reset(&self, token: &Handle<'ctx>) -> Result<()> {
        self.0.call_method(c"reset", (token,)).map(drop)
    }

    /// The context variable's handle, by value.
    pub fn into_handle(self) -> Handle<'ctx> {
        self.0
    }
}

/// The handle's methods (`repr`, `getattr`, ...) apply to the variable itself.
impl<'ctx> core::ops::Deref for ContextVar<'ctx> {
    type Target = Handle<'ctx>;

    fn deref(&self) -> &Handle<'ctx> {
        &self.0
    }
}

impl<'ctx> IntoPy<'ctx> for ContextVar<'ctx> {
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self.0)
    }
}

impl<'a, 'ctx> FromPy<'a, 'ctx> for ContextVar<'ctx> {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        Ok(ContextVar(obj.clone()))
    }
}
