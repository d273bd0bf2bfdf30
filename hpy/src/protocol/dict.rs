//! `dict`s: the check, the keys, an empty one (HPy's `HPyDict_Check`, `HPyDict_Keys`,
//! `HPyDict_New`). Reading any mapping into Rust is `FromPy` for maps; writing one,
//! `IntoPy`.

use super::owned;
use crate::context::call;
use crate::{Context, Error, Handle, Result};

impl<'ctx> Handle<'ctx> {
    /// Whether the object is a `dict` (or a subclass): one context call, where
    /// `is_instance` needs the type object (HPy 0.9's context has no handle to `dict`).
    #[inline]
    pub fn is_dict(&self) -> bool {
        let cx = self.context();
        // SAFETY: `self` is open; the check only inspects its type.
        unsafe { call!(cx, ctx_Dict_Check(self.as_raw())) != 0 }
    }

    /// A new `list` of a `dict`'s keys, in its order, read from its storage (a subclass's
    /// `keys()` or `__iter__` is not called). Not a `dict`: `TypeError`.
    pub fn dict_keys(&self) -> Result<Handle<'ctx>> {
        if !self.is_dict() {
            return Err(Error::wrong_type("dict", self));
        }
        let cx = self.context();
        // SAFETY: `self` is an open dict; the result is a new handle or NULL.
        owned(cx, unsafe { call!(cx, ctx_Dict_Keys(self.as_raw())) })
    }
}

impl<'ctx> Context<'ctx> {
    /// A new, empty `dict`.
    #[inline]
    pub fn new_dict(self) -> Result<Handle<'ctx>> {
        crate::convert::new_dict(self)
    }
}
