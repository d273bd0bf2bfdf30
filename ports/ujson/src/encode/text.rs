//! The UTF-8 of what the encoder writes as text: a `str` (through [`crate::utf8`]) or a
//! `bytes`.

use hpy::{BuiltinType, Handle, Result};

pub(super) use crate::utf8::with_str_utf8;

/// Calls `f` with the UTF-8 of a `str`, or the contents of a `bytes`: `__json__`'s result and
/// dict keys come as either.
#[inline]
pub fn with_text_utf8<'ctx, R>(
    obj: &Handle<'ctx>,
    f: impl FnOnce(&[u8]) -> Result<R>,
) -> Result<R> {
    if obj.is_instance_of(BuiltinType::UnicodeType) {
        with_str_utf8(obj, f)
    } else {
        f(obj.extract::<&[u8]>()?)
    }
}
