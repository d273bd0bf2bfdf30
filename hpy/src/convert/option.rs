//! `Option<T>` ↔ `T | None`.

use super::{FromPy, IntoPy};
use crate::{Context, Handle, Result};

impl<'a, 'ctx, T: FromPy<'a, 'ctx>> FromPy<'a, 'ctx> for Option<T> {
    #[inline]
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            T::from_py(obj).map(Some)
        }
    }
}

impl<'ctx, T: IntoPy<'ctx>> IntoPy<'ctx> for Option<T> {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        match self {
            Some(value) => value.into_py(cx),
            None => Ok(cx.None()),
        }
    }
}
