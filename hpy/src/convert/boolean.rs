//! `bool` ↔ `bool`, and `()` → `None`.

use super::{FromPy, IntoPy, ObjectRef};
use crate::context::call;
use crate::{Constant, Context, Error, Handle, Result};

impl<'ctx> FromPy<'_, 'ctx> for bool {
    /// Only `True` and `False` convert (use [`Handle::is_truthy`] for Python's truth test).
    fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
        let cx = obj.context();
        let table = cx.table();
        // SAFETY: `obj` is open; `h_True`/`h_False` are constant handles of the context.
        if unsafe { call!(cx, ctx_Is(obj.as_raw(), table.h_True)) } != 0 {
            return Ok(true);
        }
        // SAFETY: as above.
        if unsafe { call!(cx, ctx_Is(obj.as_raw(), table.h_False)) } != 0 {
            return Ok(false);
        }
        Err(Error::wrong_type("bool", obj))
    }
}

impl<'ctx> IntoPy<'ctx> for bool {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(if self { cx.True() } else { cx.False() })
    }

    #[inline]
    fn __to_object<'a>(self, cx: Context<'ctx>) -> Result<ObjectRef<'a, 'ctx>> {
        let constant = if self {
            Constant::True
        } else {
            Constant::False
        };
        Ok(ObjectRef::Lent(cx.constant(constant)))
    }
}
