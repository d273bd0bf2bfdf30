//! The UTF-8 of a `str` as C ujson reads it, encoding and decoding alike:
//! `str.encode("utf-8", "surrogatepass")`, so a lone surrogate is the 3-byte sequence
//! `ED A0 80`…`ED BF BF` rather than an error.

use hpy::exceptions::UnicodeEncodeError;
use hpy::{BuiltinType, Handle, Result};

/// Calls `f` with the UTF-8 bytes of the `str` (or `str` subclass) `s`.
///
/// The common case borrows the object's own UTF-8 (`&str`, no copy). A string holding lone
/// surrogates has none; it is encoded with `surrogatepass` through `str.encode` itself (the
/// unbound method, so that a subclass's `encode` is not called, as C ujson calls none).
#[inline]
pub(crate) fn with_str_utf8<'ctx, R>(
    s: &Handle<'ctx>,
    f: impl FnOnce(&[u8]) -> Result<R>,
) -> Result<R> {
    match s.extract::<&str>() {
        Ok(text) => f(text.as_bytes()),
        Err(err) => surrogates(s, err, f),
    }
}

#[cold]
#[inline(never)]
fn surrogates<'ctx, R>(
    s: &Handle<'ctx>,
    err: hpy::Error,
    f: impl FnOnce(&[u8]) -> Result<R>,
) -> Result<R> {
    let cx = s.context();
    if !err.matches(cx, UnicodeEncodeError) {
        return Err(err);
    }
    err.clear(cx);
    let bytes = cx
        .builtin_type(BuiltinType::UnicodeType)
        .call_method(c"encode", (s, "utf-8", "surrogatepass"))?;
    f(bytes.extract::<&[u8]>()?)
}
