//! Between `str` and `bytes`: encoding, decoding, `bytes(obj)`, and `str` slices by code
//! point (HPy's `HPyUnicode_As*String`, `HPyUnicode_DecodeLatin1`,
//! `HPyUnicode_FromEncodedObject`, `HPyUnicode_Substring`, `HPy_Bytes`).

use std::ffi::CString;

use super::owned;
use crate::context::call;
use crate::exceptions::ValueError;
use crate::{BuiltinType, Context, Error, Handle, Result};

impl<'ctx> Handle<'ctx> {
    /// `self.encode("utf-8")`: a `bytes` object (a `str` with lone surrogates raises
    /// `UnicodeEncodeError`; a non-`str` `TypeError`).
    pub fn encode_utf8(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` is open; the result is a new handle or NULL with an exception set.
        owned(cx, unsafe {
            call!(cx, ctx_Unicode_AsUTF8String(self.as_raw()))
        })
    }

    /// `self.encode("ascii")`: a `bytes` object, or `UnicodeEncodeError`.
    pub fn encode_ascii(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: as in `encode_utf8`.
        owned(cx, unsafe {
            call!(cx, ctx_Unicode_AsASCIIString(self.as_raw()))
        })
    }

    /// `self.encode("latin-1")`: a `bytes` object, or `UnicodeEncodeError`.
    pub fn encode_latin1(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: as in `encode_utf8`.
        owned(cx, unsafe {
            call!(cx, ctx_Unicode_AsLatin1String(self.as_raw()))
        })
    }

    /// `str(self, encoding, errors)` for a bytes-like object: its contents decoded with the
    /// codec `encoding` (`"utf-8"` when `None`) and the error handler `errors` (`"strict"`
    /// when `None`). A `str` is a `TypeError` ("decoding str is not supported").
    pub fn decode(&self, encoding: Option<&str>, errors: Option<&str>) -> Result<Handle<'ctx>> {
        let cx = self.context();
        let c_string = |text: Option<&str>, what: &str| {
            text.map(CString::new)
                .transpose()
                .map_err(|_| ValueError::new_err(format!("{what} contains a NUL character")))
        };
        let encoding = c_string(encoding, "encoding")?;
        let errors = c_string(errors, "errors")?;
        let ptr = |s: &Option<CString>| s.as_ref().map_or(core::ptr::null(), |s| s.as_ptr());
        // SAFETY: `self` is open; the names are NUL-terminated or NULL (the defaults); the
        // result is a new handle or NULL with an exception set.
        owned(cx, unsafe {
            call!(
                cx,
                ctx_Unicode_FromEncodedObject(self.as_raw(), ptr(&encoding), ptr(&errors))
            )
        })
    }

    /// `self[start:end]` of a `str`, by code points, without a slice object: indices past
    /// the end are clipped, and `start >= end` gives `""`. A non-`str` is a `TypeError`.
    pub fn substring(&self, start: usize, end: usize) -> Result<Handle<'ctx>> {
        let cx = self.context();
        if !self.is_instance_of(BuiltinType::UnicodeType) {
            // CPython's `PyUnicode_Substring` does not check (a `SystemError` at best).
            return Err(Error::wrong_type("str", self));
        }
        let clip = |i: usize| isize::try_from(i).unwrap_or(isize::MAX);
        // SAFETY: `self` is open; the result is a new handle or NULL with an exception set.
        owned(cx, unsafe {
            call!(
                cx,
                ctx_Unicode_Substring(self.as_raw(), clip(start), clip(end))
            )
        })
    }

    /// `bytes(self)` as the C API computes it (`PyObject_Bytes`): the object's `__bytes__`,
    /// a copy of its buffer, or the `bytes` of an iterable of integers in `range(256)`. Unlike
    /// the `bytes` constructor, an `int` is a `TypeError` rather than that many zero bytes.
    pub fn to_bytes(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` is open; the result is a new handle or NULL with an exception set.
        owned(cx, unsafe { call!(cx, ctx_Bytes(self.as_raw())) })
    }
}

impl<'ctx> Context<'ctx> {
    /// A `str` of the Latin-1 bytes `text` (each byte is the code point of the same value).
    pub fn str_from_latin1(self, text: &[u8]) -> Result<Handle<'ctx>> {
        let len = isize::try_from(text.len()).unwrap_or(isize::MAX);
        // SAFETY: `text` is valid for `len` bytes; a NULL `errors` means "strict" (Latin-1
        // decoding cannot fail); the result is a new handle or NULL with an exception set.
        owned(self, unsafe {
            call!(
                self,
                ctx_Unicode_DecodeLatin1(text.as_ptr().cast(), len, core::ptr::null())
            )
        })
    }
}
