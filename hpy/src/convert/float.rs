//! `f64`/`f32` ↔ `float`.
//!
//! Like Python's own float parameters, extraction accepts `float`, `int` and anything with
//! `__float__` or `__index__`; other objects get CPython's "must be real number, not str".

use super::{FromPy, IntoPy, err_occurred, interpreter};
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

/// After `HPyFloat_AsDouble` failed: errors other than `TypeError` stand (a `__float__` that
/// raised, an `int` too large); a `TypeError` on an object with neither `__float__` nor
/// `__index__` is a type mismatch, named like CPython's ("must be real number, not str").
/// Only a `__float__` that itself raises `TypeError` runs twice.
#[cold]
#[inline(never)]
fn not_a_float(obj: &Handle<'_>) -> Result<f64> {
    let cx = obj.context();
    let type_error = cx.table().h_TypeError;
    // SAFETY: matching the current exception against a constant type handle.
    if unsafe { call!(cx, ctx_Err_ExceptionMatches(type_error)) } == 0 {
        return Err(Error::set());
    }
    // SAFETY: the TypeError is replaced by the outcome below.
    unsafe { call!(cx, ctx_Err_Clear()) };
    // `complex.__float__` only raises (CPython < 3.10; 3.10 removed it).
    let complex = interpreter::complex_has_float() && is_complex(obj);
    if complex || (!obj.hasattr(c"__float__") && !obj.hasattr(c"__index__")) {
        return Err(Error::wrong_type("real number", obj));
    }
    // SAFETY: `obj` is open.
    let value = unsafe { call!(cx, ctx_Float_AsDouble(obj.as_raw())) };
    if value == -1.0 && err_occurred(cx) {
        return Err(Error::set());
    }
    Ok(value)
}

/// Whether `obj` is a `complex` (or a subclass).
fn is_complex(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    // SAFETY: `obj` is open and `h_ComplexType` is a type handle of the context.
    unsafe { call!(cx, ctx_TypeCheck(obj.as_raw(), cx.table().h_ComplexType)) != 0 }
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
