//! The conversions of special methods' results into what their slots return.

use core::ffi::c_int;

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

/// What `__hash__` may return.
pub trait HashValue {
    /// The hash as `tp_hash` returns it.
    fn hash_value(self) -> Result<ffi::HPy_hash_t>;
}

macro_rules! hash_ints {
    ($($t:ty),*) => {$(
        impl HashValue for $t {
            #[inline]
            fn hash_value(self) -> Result<ffi::HPy_hash_t> {
                // -1 means "error" to `tp_hash`; Python hashes -1 as -2 too.
                let h = self as ffi::HPy_hash_t;
                Ok(if h == -1 { -2 } else { h })
            }
        }
    )*};
}

hash_ints!(isize, usize, i64, u64, i32, u32);

impl<T: HashValue, E: Into<Error>> HashValue for core::result::Result<T, E> {
    fn hash_value(self) -> Result<ffi::HPy_hash_t> {
        self.map_err(Into::into)?.hash_value()
    }
}

/// `__hash__`'s result for `tp_hash`.
pub fn hash_value(value: impl HashValue) -> Result<ffi::HPy_hash_t> {
    value.hash_value()
}

/// What `__len__` may return.
pub trait LenValue {
    /// The length as `mp_length` returns it.
    fn len_value(self) -> Result<ffi::HPy_ssize_t>;
}

impl LenValue for usize {
    fn len_value(self) -> Result<ffi::HPy_ssize_t> {
        ffi::HPy_ssize_t::try_from(self)
            .map_err(|_| OverflowError::new_err("cannot fit 'int' into an index-sized integer"))
    }
}

impl<T: LenValue, E: Into<Error>> LenValue for core::result::Result<T, E> {
    fn len_value(self) -> Result<ffi::HPy_ssize_t> {
        self.map_err(Into::into)?.len_value()
    }
}

/// `__len__`'s result for `mp_length`.
pub fn len_value(value: impl LenValue) -> Result<ffi::HPy_ssize_t> {
    value.len_value()
}

/// What `__bool__` and `__contains__` may return.
pub trait BoolValue {
    /// `1` or `0`.
    fn bool_value(self) -> Result<c_int>;
}

impl BoolValue for bool {
    fn bool_value(self) -> Result<c_int> {
        Ok(c_int::from(self))
    }
}

impl<T: BoolValue, E: Into<Error>> BoolValue for core::result::Result<T, E> {
    fn bool_value(self) -> Result<c_int> {
        self.map_err(Into::into)?.bool_value()
    }
}

/// `__bool__`'s or `__contains__`'s result.
pub fn bool_value(value: impl BoolValue) -> Result<c_int> {
    value.bool_value()
}

/// What setters, `__setitem__`, `__delitem__` and in-place operators may return: nothing, or
/// a `Result` of nothing.
pub trait IntoStatus {
    /// `0`, or the error.
    fn into_status(self) -> Result<c_int>;
}

impl IntoStatus for () {
    #[inline]
    fn into_status(self) -> Result<c_int> {
        Ok(0)
    }
}

impl<E: Into<Error>> IntoStatus for core::result::Result<(), E> {
    #[inline]
    fn into_status(self) -> Result<c_int> {
        self.map_err(Into::into).map(|()| 0)
    }
}
