//! Handles convert to themselves.

use super::{FromPy, IntoPy};
use crate::{Context, Handle, Result, ffi};

impl<'a, 'ctx> FromPy<'a, 'ctx> for &'a Handle<'ctx> {
    #[inline]
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        Ok(obj)
    }
}

impl<'ctx> FromPy<'_, 'ctx> for Handle<'ctx> {
    #[inline]
    fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
        Ok(obj.clone())
    }
}

impl<'ctx> IntoPy<'ctx> for Handle<'ctx> {
    #[inline]
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self)
    }
}

impl<'ctx> IntoPy<'ctx> for &Handle<'ctx> {
    #[inline]
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self.clone())
    }

    #[inline]
    fn __with_raw<R>(self, _cx: Context<'ctx>, f: impl FnOnce(ffi::HPy) -> R) -> Result<R> {
        Ok(f(self.as_raw()))
    }
}
