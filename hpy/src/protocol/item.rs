//! Item access: `self[key]`, `self[key] = value`, `del self[key]`, `key in self`.

use super::{owned, status};
use crate::context::call;
use crate::convert::IntoPy;
use crate::{Handle, Result};

impl<'ctx> Handle<'ctx> {
    /// `self[key]`.
    pub fn get_item(&self, key: impl IntoPy<'ctx>) -> Result<Handle<'ctx>> {
        let cx = self.context();
        let key = key.__to_object(cx)?;
        // SAFETY: both handles are open.
        owned(cx, unsafe {
            call!(cx, ctx_GetItem(self.as_raw(), key.as_raw()))
        })
    }

    /// `self[index]` for an integer index (negative indices count from the end, as in Python).
    #[inline]
    pub fn get_item_index(&self, index: isize) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` is open.
        owned(cx, unsafe {
            call!(cx, ctx_GetItem_i(self.as_raw(), index))
        })
    }

    /// `self[key] = value`.
    pub fn set_item(&self, key: impl IntoPy<'ctx>, value: impl IntoPy<'ctx>) -> Result<()> {
        let cx = self.context();
        let (key, value) = (key.__to_object(cx)?, value.__to_object(cx)?);
        // SAFETY: all three handles are open; HPy_SetItem does not steal them.
        status(unsafe { call!(cx, ctx_SetItem(self.as_raw(), key.as_raw(), value.as_raw())) })
    }

    /// `self[index] = value` for an integer index.
    pub fn set_item_index(&self, index: isize, value: impl IntoPy<'ctx>) -> Result<()> {
        let cx = self.context();
        let value = value.__to_object(cx)?;
        // SAFETY: both handles are open; HPy_SetItem_i does not steal the value.
        status(unsafe { call!(cx, ctx_SetItem_i(self.as_raw(), index, value.as_raw())) })
    }

    /// `del self[key]`.
    pub fn del_item(&self, key: impl IntoPy<'ctx>) -> Result<()> {
        let cx = self.context();
        let key = key.__to_object(cx)?;
        // SAFETY: both handles are open.
        status(unsafe { call!(cx, ctx_DelItem(self.as_raw(), key.as_raw())) })
    }

    /// `del self[index]` for an integer index.
    pub fn del_item_index(&self, index: isize) -> Result<()> {
        let cx = self.context();
        // SAFETY: `self` is open.
        status(unsafe { call!(cx, ctx_DelItem_i(self.as_raw(), index)) })
    }

    /// `item in self`.
    pub fn contains(&self, item: impl IntoPy<'ctx>) -> Result<bool> {
        let cx = self.context();
        let item = item.__to_object(cx)?;
        // SAFETY: both handles are open.
        let code = unsafe { call!(cx, ctx_Contains(self.as_raw(), item.as_raw())) };
        status(code).map(|()| code != 0)
    }
}
