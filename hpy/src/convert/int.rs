//! Rust integers ↔ `int`.
//!
//! Extraction calls the matching HPy conversion directly (one context call on the fast path).
//! Only when that fails do we look closer: an `int` that does not fit keeps the
//! `OverflowError` the runtime raised; an object with `__index__` is converted through it; any
//! other object is a `TypeError` ("must be int, not float") — on every CPython version, 3.8
//! and 3.9 included, whose own conversions would take `__int__` (see `interpreter`).

use super::{FromPy, IntoPy, err_occurred, interpreter};
use crate::context::call;
use crate::exceptions::OverflowError;
use core::num::Wrapping;

use crate::{Context, Error, Handle, Result};

/// Whether `obj` is an `int` (or a subclass such as `bool`).
fn is_int(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    // SAFETY: `obj` is open and `h_LongType` is a type handle of the context.
    unsafe { call!(cx, ctx_TypeCheck(obj.as_raw(), cx.table().h_LongType)) != 0 }
}

/// The slow path after a native conversion of `obj` failed with an exception set.
///
/// An `int` that does not fit keeps its `OverflowError`, and any error other than a
/// `TypeError` (say, raised by `__index__`) stands. A `TypeError` means the object is not an
/// `int` and either has no `__index__` (a type mismatch, reported as such) or the native
/// conversion does not call it (HPy's unsigned and size conversions): then it is converted
/// through `__index__` here. Only an `__index__` that itself raises `TypeError` runs twice.
#[cold]
#[inline(never)]
fn retry_through_index<'ctx, T>(
    obj: &Handle<'ctx>,
    convert: fn(&Handle<'ctx>) -> Result<T>,
) -> Result<T> {
    let cx = obj.context();
    let type_error = cx.table().h_TypeError;
    // SAFETY: both checks only inspect types; `h_TypeError` is a constant handle.
    let keep = unsafe { is_int(obj) || call!(cx, ctx_Err_ExceptionMatches(type_error)) == 0 };
    if keep {
        return Err(Error::set());
    }
    // SAFETY: the TypeError is replaced by the outcome below.
    unsafe { call!(cx, ctx_Err_Clear()) };
    convert(&index_or_mismatch(obj)?)
}

/// On CPython < 3.10, whose conversions would take `__int__`: an object that is not an `int`
/// converted as 3.10 does (through `__index__`, or a type mismatch); `None` for an `int`,
/// which the native conversion takes. Out of line, so that newer versions pay one load and a
/// branch.
#[cold]
#[inline(never)]
fn before_3_10<'ctx, T>(
    obj: &Handle<'ctx>,
    convert: fn(&Handle<'ctx>) -> Result<T>,
) -> Option<Result<T>> {
    if is_int(obj) {
        return None;
    }
    Some(index_or_mismatch(obj).and_then(|i| convert(&i)))
}

/// `operator.index(obj)` for an object that is not an `int`: a `TypeError` naming `int` if it
/// has no `__index__`.
fn index_or_mismatch<'ctx>(obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    if !obj.hasattr(c"__index__") {
        return Err(Error::wrong_type("int", obj));
    }
    obj.index()
}

/// `None` for an `int`, else its `operator.index()` (or the type mismatch).
fn index_unless_int<'ctx>(obj: &Handle<'ctx>) -> Result<Option<Handle<'ctx>>> {
    match is_int(obj) {
        true => Ok(None),
        false => index_or_mismatch(obj).map(Some),
    }
}

/// Integers HPy converts natively: `(Rust type, HPyLong_As*, HPyLong_From*)`.
macro_rules! native_ints {
    ($($t:ty => $as_fn:ident, $from_fn:ident;)*) => {$(
        impl<'ctx> FromPy<'_, 'ctx> for $t {
            #[inline]
            fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
                let cx = obj.context();
                if interpreter::integers_call_int()
                    && let Some(result) = before_3_10(obj, |i| <$t as FromPy>::from_py(i))
                {
                    return result;
                }
                // SAFETY: `obj` is open for this call.
                let value = unsafe { call!(cx, $as_fn(obj.as_raw())) };
                // HPy signals failure with `(type)-1` plus an exception.
                if value != (-1i64 as $t) || !err_occurred(cx) {
                    return Ok(value);
                }
                retry_through_index(obj, |i| <$t as FromPy>::from_py(i))
            }
        }

        impl<'ctx> IntoPy<'ctx> for $t {
            #[inline]
            fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
                // SAFETY: creating an int has no preconditions.
                let raw = unsafe { call!(cx, $from_fn(self as _)) };
                // SAFETY: a new handle, or NULL with an exception set.
                unsafe { Handle::from_raw_or_err(cx, raw) }
            }
        }
    )*};
}

native_ints! {
    i32 => ctx_Long_AsInt32_t, ctx_Long_FromInt32_t;
    i64 => ctx_Long_AsInt64_t, ctx_Long_FromInt64_t;
    u64 => ctx_Long_AsUInt64_t, ctx_Long_FromUInt64_t;
    isize => ctx_Long_AsSsize_t, ctx_Long_FromSsize_t;
    usize => ctx_Long_AsSize_t, ctx_Long_FromSize_t;
}

/// Narrower integers go through a wider conversion plus a range check. Unsigned ones use the
/// 64-bit conversion: HPy 0.9's `HPyLong_AsUInt32_t` replaces CPython's "can't convert
/// negative int to unsigned" with a misleading "too large" error.
macro_rules! narrow_ints {
    ($($t:ty => $via:ty;)*) => {$(
        impl<'ctx> FromPy<'_, 'ctx> for $t {
            #[inline]
            fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
                let wide = <$via as FromPy>::from_py(obj)?;
                <$t>::try_from(wide).map_err(|_| out_of_range(stringify!($t)))
            }
        }

        impl<'ctx> IntoPy<'ctx> for $t {
            #[inline]
            fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
                <$via>::from(self).into_py(cx)
            }
        }
    )*};
}

narrow_ints! {
    i8 => i32;
    i16 => i32;
    u16 => u64;
    u32 => u64;
}

/// `u8` is narrow too, and it makes `Vec<u8>` and `&[u8]` mean `bytes`.
impl<'ctx> FromPy<'_, 'ctx> for u8 {
    #[inline]
    fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
        let wide = u64::from_py(obj)?;
        u8::try_from(wide).map_err(|_| out_of_range("u8"))
    }

    fn __vec_from_py(
        obj: &Handle<'ctx>,
        item: fn(&Handle<'ctx>) -> Result<Self>,
    ) -> Result<Vec<Self>> {
        super::bytes::vec_u8_from_py(obj, item)
    }
}

impl<'ctx> IntoPy<'ctx> for u8 {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        u64::from(self).into_py(cx)
    }

    fn __vec_into_py(items: Vec<Self>, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        super::bytes::slice_u8_into_py(&items, cx)
    }

    fn __slice_into_py(items: &[Self], cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        super::bytes::slice_u8_into_py(items, cx)
    }
}

#[cold]
fn out_of_range(rust_type: &str) -> Error {
    OverflowError::new_err(format!(
        "Python int too large to convert to Rust {rust_type}"
    ))
}

/// `i128`/`u128`: the 64-bit conversion when the value fits, else two 64-bit halves computed
/// with Python ints. A non-`int` goes through `__index__` first, exactly once.
macro_rules! wide_ints {
    ($($t:ty => $fast:ty, $high:ty;)*) => {$(
        impl<'ctx> FromPy<'_, 'ctx> for $t {
            fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
                let cx = obj.context();
                let index = index_unless_int(obj)?;
                let int = index.as_ref().unwrap_or(obj);
                match <$fast as FromPy>::from_py(int) {
                    Ok(v) => return Ok(v.into()),
                    Err(e) if e.matches(cx, OverflowError) => e.clear(cx),
                    Err(e) => return Err(e),
                }
                if <$t>::MIN == 0 && int.lt(0i32)? {
                    return Err(OverflowError::new_err("can't convert negative int to unsigned"));
                }
                let low: u64 = int.bit_and(u64::MAX)?.extract()?;
                let high: $high = match int.rshift(64i32)?.extract() {
                    Ok(high) => high,
                    Err(e) if e.matches(cx, OverflowError) => {
                        e.clear(cx);
                        return Err(out_of_range(stringify!($t)));
                    }
                    Err(e) => return Err(e),
                };
                Ok(((high as $t) << 64) | low as $t)
            }
        }

        impl<'ctx> IntoPy<'ctx> for $t {
            fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
                if let Ok(small) = <$fast>::try_from(self) {
                    return small.into_py(cx);
                }
                let high = ((self >> 64) as $high).into_py(cx)?;
                high.lshift(64i32)?.bit_or(self as u64)
            }
        }
    )*};
}

wide_ints! {
    i128 => i64, i64;
    u128 => u64, u64;
}

/// `Wrapping<T>`: any `int` (or `__index__` object) reduced modulo 2ⁿ for an n-bit `T`, as C
/// casts do, through HPy's masking conversions: `Wrapping<u8>` of `-1` is `255`, of
/// `2**64 + 3` is `3`. Never an `OverflowError`.
macro_rules! wrapping_ints {
    ($($t:ty => $mask_fn:ident;)*) => {$(
        impl<'ctx> FromPy<'_, 'ctx> for Wrapping<$t> {
            fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
                let cx = obj.context();
                let index = index_unless_int(obj)?;
                let int = index.as_ref().unwrap_or(obj);
                // SAFETY: `int` is an open handle to an `int`.
                let value = unsafe { call!(cx, $mask_fn(int.as_raw())) };
                // HPy signals failure with all bits set plus an exception.
                if value == !0 && err_occurred(cx) {
                    return Err(Error::set());
                }
                Ok(Wrapping(value as $t))
            }
        }

        impl<'ctx> IntoPy<'ctx> for Wrapping<$t> {
            fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
                self.0.into_py(cx)
            }
        }
    )*};
}

wrapping_ints! {
    u8 => ctx_Long_AsUInt32_tMask;
    u16 => ctx_Long_AsUInt32_tMask;
    u32 => ctx_Long_AsUInt32_tMask;
    i8 => ctx_Long_AsUInt32_tMask;
    i16 => ctx_Long_AsUInt32_tMask;
    i32 => ctx_Long_AsUInt32_tMask;
    u64 => ctx_Long_AsUInt64_tMask;
    i64 => ctx_Long_AsUInt64_tMask;
    usize => ctx_Long_AsUInt64_tMask;
    isize => ctx_Long_AsUInt64_tMask;
}
