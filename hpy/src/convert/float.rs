//! `f64`/`f32` ↔ `float`.
//!
//! Like Python's own float parameters, extraction accepts `float`, `int` and anything with
//! `__float__` or `__index__`; other objects get "must be float, not str".

use super::{FromPy, IntoPy, err_occurred};
use crate::context::call;
use crate::{Context, Error, Handle, Result};

impl<'ctx> FromPy<'_, 'ctx> for f64 {
    #[inline]
    fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
        let cx = obj.context();
        // SAFETY: `obj` is open for this call.
        let value = unsafe { call!(cx, ctx_Float_AsDouble(obj.as_raw())) };
        if value != -1.0 || !err_occurred(cx) {
            return Ok(value);
        }
        not_a_float(obj)
    }
}

/// After `HPyFloat_AsDouble` failed: a non-number is a plain type mismatch; a number (a
/// complex, or one whose `__float__` raised) keeps the runtime's exception.
#[cold]
#[inline(never)]
fn not_a_float(obj: &Handle<'_>) -> Result<f64> {
    let cx = obj.context();
    // SAFETY: `obj` is open; `HPyNumber_Check` only inspects the type.
    if unsafe { call!(cx, ctx_Number_Check(obj.as_raw())) } != 0 {
        return Err(Error::already_set());
    }
    // SAFETY: the conversion's exception is replaced by the TypeError below.
    unsafe { call!(cx, ctx_Err_Clear()) };
    Err(Error::wrong_type("float", obj))
}

impl<'ctx> FromPy<'_, 'ctx> for f32 {
    /// Converted through `f64` and rounded, as Python's `struct` module does for `'f'`.
    #[inline]
    fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
        f64::from_py(obj).map(|v| v as f32)
    }
}

impl<'ctx> IntoPy<'ctx> for f64 {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        // SAFETY: creating a float has no preconditions.
        let raw = unsafe { call!(cx, ctx_Float_FromDouble(self)) };
        // SAFETY: a new handle, or NULL with an exception set.
        unsafe { Handle::from_raw_or_err(cx, raw) }
    }
}

impl<'ctx> IntoPy<'ctx> for f32 {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        f64::from(self).into_py(cx)
    }
}
