//! Handles convert to themselves.

use super::{FromPy, IntoPy, ObjectRef};
use crate::{Context, Handle, Result};

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

    /// A list of the handles themselves: no conversion, and no second vector.
    fn __vec_into_py(items: Vec<Self>, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        super::list::list_of(cx, &items)
    }

    /// A list of the handles themselves, none duplicated first.
    fn __slice_into_py(items: &[Self], cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        super::list::list_of(cx, items)
    }
}

impl<'ctx> IntoPy<'ctx> for &Handle<'ctx> {
    #[inline]
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self.clone())
    }

    #[inline]
    fn __to_object<'a>(self, _cx: Context<'ctx>) -> Result<ObjectRef<'a, 'ctx>>
    where
        Self: 'a,
    {
        Ok(ObjectRef::Borrowed(self))
    }
}
