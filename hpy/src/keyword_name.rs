//! Matching a keyword name (a `str` handle) against a Rust string: in debug mode code point by
//! code point through the API, else by borrowing its UTF-8. Shared by the argument binder and
//! the `**kwargs` view.

use crate::context::call;
use crate::{BuiltinType, Error, Handle, Result};

/// Whether the keyword name `name` (a `str`) is `text`, read the cheapest way for the context.
pub(crate) fn name_is(name: &Handle<'_>, text: &str) -> Result<bool> {
    let cx = name.context();
    if cx.is_debug_mode() {
        return str_equals(name, text);
    }
    match name.extract::<&str>() {
        Ok(name) => Ok(name == text),
        Err(e) => {
            // Not a `str`, or one with lone surrogates: not `text` either way.
            e.clear(cx);
            Ok(false)
        }
    }
}

/// Whether `name` is a `str` (or subclass) with exactly the code points of `text`.
pub(crate) fn str_equals(name: &Handle<'_>, text: &str) -> Result<bool> {
    let cx = name.context();
    if !name.is_instance_of(BuiltinType::UnicodeType) {
        return Ok(false);
    }
    match name.len() {
        Ok(len) if len == text.chars().count() => {}
        Ok(_) => return Ok(false),
        Err(e) => {
            e.clear(cx); // a subclass's `__len__` failed
            return Ok(false);
        }
    }
    for (i, c) in text.chars().enumerate() {
        // SAFETY: `name` is an open `str`; the result is a code point, or `(HPy_UCS4)-1` with
        // an exception set (only if a subclass's `__len__` lied about the length).
        let code_point = unsafe { call!(cx, ctx_Unicode_ReadChar(name.as_raw(), i as isize)) };
        if code_point == u32::MAX {
            Error::set().clear(cx);
            return Ok(false);
        }
        if code_point != c as u32 {
            return Ok(false);
        }
    }
    Ok(true)
}
