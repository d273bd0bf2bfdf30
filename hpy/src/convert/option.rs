//! `Option<T>` ↔ `T | None`.

use super::{FromPy, IntoPy, ObjectRef};
use crate::{Constant, Context, Handle, Result};

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

    #[inline]
    fn __to_object<'a>(self, cx: Context<'ctx>) -> Result<ObjectRef<'a, 'ctx>>
    where
        Self: 'a,
    {
        match self {
            Some(value) => value.__to_object(cx),
            None => Ok(ObjectRef::Lent(cx.constant(Constant::None))),
        }
    }
}
