//! Item access: `self[key]`, `self[key] = value`, `del self[key]`, `key in self`.

use super::{owned, status};
use crate::context::call;
use crate::convert::IntoPy;
use crate::{Handle, Result};

impl<'ctx> Handle<'ctx> {
    /// `self[key]`.
    pub fn get_item(&self, key: impl IntoPy<'ctx>) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` and `k` are open for the call.
        let raw = key.__with_raw(cx, |k| unsafe { call!(cx, ctx_GetItem(self.as_raw(), k)) })?;
        owned(cx, raw)
    }

    /// `self[index]` for an integer index (negative indices count from the end, as in Python).
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
        let code = key.__with_raw(cx, |k| {
            // SAFETY: `self`, `k` and `v` are open; HPy_SetItem does not steal them.
            value.__with_raw(cx, |v| unsafe {
                call!(cx, ctx_SetItem(self.as_raw(), k, v))
            })
        })??;
        status(code)
    }

    /// `self[index] = value` for an integer index.
    pub fn set_item_index(&self, index: isize, value: impl IntoPy<'ctx>) -> Result<()> {
        let cx = self.context();
        // SAFETY: `self` and `v` are open.
        let code = value.__with_raw(cx, |v| unsafe {
            call!(cx, ctx_SetItem_i(self.as_raw(), index, v))
        })?;
        status(code)
    }

    /// `del self[key]`.
    pub fn del_item(&self, key: impl IntoPy<'ctx>) -> Result<()> {
        let cx = self.context();
        // SAFETY: `self` and `k` are open.
        let code = key.__with_raw(cx, |k| unsafe { call!(cx, ctx_DelItem(self.as_raw(), k)) })?;
        status(code)
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
        // SAFETY: `self` and `i` are open.
        let code = item.__with_raw(cx, |i| unsafe { call!(cx, ctx_Contains(self.as_raw(), i)) })?;
        status(code).map(|()| code != 0)
    }
}
