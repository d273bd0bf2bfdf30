//! Attribute access: `getattr`, `setattr`, `delattr`, `hasattr`.

use core::ffi::{CStr, c_char};

use super::{owned, status};
use crate::context::call;
use crate::convert::{IntoPy, new_str};
use crate::{Handle, Result, ffi};

/// An attribute or method name: a `&str`, a `&CStr` (`c"name"`, the cheapest: passed through
/// as is) or a `str` object.
#[derive(Clone, Copy, Debug)]
pub enum Name<'n, 'ctx> {
    /// A Rust string; copied into a NUL-terminated buffer on the stack when short.
    Str(&'n str),
    /// A C string literal.
    CStr(&'n CStr),
    /// A Python `str` object.
    Object(&'n Handle<'ctx>),
}

impl<'n> From<&'n str> for Name<'n, '_> {
    fn from(s: &'n str) -> Self {
        Name::Str(s)
    }
}

impl<'n> From<&'n String> for Name<'n, '_> {
    fn from(s: &'n String) -> Self {
        Name::Str(s)
    }
}

impl<'n> From<&'n CStr> for Name<'n, '_> {
    fn from(s: &'n CStr) -> Self {
        Name::CStr(s)
    }
}

impl<'n, 'ctx> From<&'n Handle<'ctx>> for Name<'n, 'ctx> {
    fn from(h: &'n Handle<'ctx>) -> Self {
        Name::Object(h)
    }
}

/// How a name reaches an HPy function: as a C string (`*_s` variants) or as an object.
pub(crate) enum RawName {
    CStr(*const c_char),
    Object(ffi::HPy),
}

/// Longest name copied to the stack; longer ones are allocated.
const STACK_NAME: usize = 128;

impl<'ctx> Name<'_, 'ctx> {
    /// Runs `f` with the name in the cheapest raw form.
    pub(crate) fn with_raw<R>(self, obj: &Handle<'ctx>, f: impl FnOnce(RawName) -> R) -> Result<R> {
        match self {
            Name::CStr(c) => Ok(f(RawName::CStr(c.as_ptr()))),
            Name::Object(h) => Ok(f(RawName::Object(h.as_raw()))),
            Name::Str(s) if s.as_bytes().contains(&0) => {
                // A C string would be cut at the NUL: use a `str` object.
                let h = new_str(obj.context(), s)?;
                Ok(f(RawName::Object(h.as_raw())))
            }
            Name::Str(s) if s.len() < STACK_NAME => {
                let mut buf = [0u8; STACK_NAME];
                buf[..s.len()].copy_from_slice(s.as_bytes());
                Ok(f(RawName::CStr(buf.as_ptr().cast())))
            }
            Name::Str(s) => {
                let c = std::ffi::CString::new(s).expect("NUL bytes are handled above");
                Ok(f(RawName::CStr(c.as_ptr())))
            }
        }
    }

    /// The name as a `str` object.
    pub(crate) fn to_object(self, obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        let cx = obj.context();
        match self {
            Name::Object(h) => Ok(h.clone()),
            Name::Str(s) => new_str(cx, s),
            Name::CStr(c) => match c.to_str() {
                Ok(s) => new_str(cx, s),
                Err(_) => Err(crate::exceptions::ValueError::new_err(
                    "attribute name is not valid UTF-8",
                )),
            },
        }
    }
}

impl<'ctx> Handle<'ctx> {
    /// `getattr(self, name)`.
    pub fn getattr<'n>(&self, name: impl Into<Name<'n, 'ctx>>) -> Result<Handle<'ctx>>
    where
        'ctx: 'n,
    {
        let cx = self.context();
        let raw = name.into().with_raw(self, |name| match name {
            // SAFETY: `self` is open; `s` is NUL-terminated and outlives the call.
            RawName::CStr(s) => unsafe { call!(cx, ctx_GetAttr_s(self.as_raw(), s)) },
            // SAFETY: both handles are open.
            RawName::Object(n) => unsafe { call!(cx, ctx_GetAttr(self.as_raw(), n)) },
        })?;
        owned(cx, raw)
    }

    /// `setattr(self, name, value)`.
    pub fn setattr<'n>(
        &self,
        name: impl Into<Name<'n, 'ctx>>,
        value: impl IntoPy<'ctx>,
    ) -> Result<()>
    where
        'ctx: 'n,
    {
        let cx = self.context();
        let value = value.__to_object(cx)?;
        let v = value.as_raw();
        let code = name.into().with_raw(self, |name| match name {
            // SAFETY: `self` and `v` are open; `s` is NUL-terminated.
            RawName::CStr(s) => unsafe { call!(cx, ctx_SetAttr_s(self.as_raw(), s, v)) },
            // SAFETY: all three handles are open.
            RawName::Object(n) => unsafe { call!(cx, ctx_SetAttr(self.as_raw(), n, v)) },
        })?;
        status(code)
    }

    /// `delattr(self, name)` (HPy deletes by setting `HPy_NULL`).
    pub fn delattr<'n>(&self, name: impl Into<Name<'n, 'ctx>>) -> Result<()>
    where
        'ctx: 'n,
    {
        let cx = self.context();
        let null = ffi::HPy_NULL;
        let code = name.into().with_raw(self, |name| match name {
            // SAFETY: `self` is open; `s` is NUL-terminated; NULL value means delete.
            RawName::CStr(s) => unsafe { call!(cx, ctx_SetAttr_s(self.as_raw(), s, null)) },
            // SAFETY: both handles are open; NULL value means delete.
            RawName::Object(n) => unsafe { call!(cx, ctx_SetAttr(self.as_raw(), n, null)) },
        })?;
        status(code)
    }

    /// `hasattr(self, name)`. Like Python's `hasattr`, any exception raised while looking the
    /// attribute up counts as "no".
    pub fn hasattr<'n>(&self, name: impl Into<Name<'n, 'ctx>>) -> bool
    where
        'ctx: 'n,
    {
        let cx = self.context();
        let found = name.into().with_raw(self, |name| match name {
            // SAFETY: `self` is open; `s` is NUL-terminated.
            RawName::CStr(s) => unsafe { call!(cx, ctx_HasAttr_s(self.as_raw(), s)) },
            // SAFETY: both handles are open.
            RawName::Object(n) => unsafe { call!(cx, ctx_HasAttr(self.as_raw(), n)) },
        });
        match found {
            Ok(found) => found != 0,
            Err(e) => {
                e.clear(cx);
                false
            }
        }
    }
}
