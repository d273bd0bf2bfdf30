//! `&str`, `String`, `char` ↔ `str`.
//!
//! `&str` is borrowed straight from the object's UTF-8 representation: no copy, and the
//! borrow checker keeps it from outliving the handle it came from.

use std::borrow::Cow;

use super::{FromPy, IntoPy};
use crate::context::call;
use crate::{Context, Error, Handle, Result};

/// Creates a Python `str` from any Rust string (embedded NULs included).
///
/// HPy 0.9 has no "from UTF-8 and size" constructor. ASCII text goes through
/// `HPyUnicode_DecodeASCII` (one pass, no copy); other text through `HPyUnicode_FromString`
/// (CPython's UTF-8 decoder) from a NUL-terminated copy — on the stack when it is short —, and
/// text with an embedded NUL, which a C string cannot hold, is re-encoded as `wchar_t` for
/// `HPyUnicode_FromWideChar` (4 to 12 times slower: measured 2.4 µs against 0.2 µs for 1000
/// characters, 540 ns against 130 ns for 30 CJK characters).
pub(crate) fn new_str<'ctx>(cx: Context<'ctx>, s: &str) -> Result<Handle<'ctx>> {
    let raw = if s.is_ascii() {
        // SAFETY: `s` is valid for `s.len()` bytes of ASCII; a NULL `errors` means "strict".
        unsafe {
            call!(
                cx,
                ctx_Unicode_DecodeASCII(s.as_ptr().cast(), s.len() as isize, core::ptr::null())
            )
        }
    } else if !s.as_bytes().contains(&0) {
        return with_nul_terminated(s, |text| {
            // SAFETY: `text` is `s` plus a NUL, valid UTF-8 without another NUL.
            let raw = unsafe { call!(cx, ctx_Unicode_FromString(text.as_ptr().cast())) };
            // SAFETY: a new handle, or NULL with an exception set.
            unsafe { Handle::from_raw_or_err(cx, raw) }
        });
    } else {
        return from_wide(cx, &to_wide(s.chars().map(u32::from)));
    };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// Calls `f` with `s`'s bytes followed by a NUL: copied to the stack when short, else to
/// the heap (a `MemoryError` if that fails).
fn with_nul_terminated<T>(s: &str, f: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
    const ON_STACK: usize = 256;
    if s.len() < ON_STACK {
        let mut buffer = [0u8; ON_STACK];
        buffer[..s.len()].copy_from_slice(s.as_bytes());
        return f(&buffer[..=s.len()]);
    }
    let mut buffer = Vec::new();
    buffer.try_reserve_exact(s.len() + 1)?;
    buffer.extend_from_slice(s.as_bytes());
    buffer.push(0);
    f(&buffer)
}

impl<'ctx> Context<'ctx> {
    /// A `str` of the code points `chars`, lone surrogates (`U+D800`–`U+DFFF`) included,
    /// which no Rust string can hold (JSON's `"\ud800"`, `surrogateescape`d file names). A
    /// value past `U+10FFFF` is a `ValueError`. Where `wchar_t` has 16 bits (Windows), a high
    /// surrogate followed by a low one becomes the character they encode.
    pub fn str_from_code_points(self, chars: &[u32]) -> Result<Handle<'ctx>> {
        if let Some(&bad) = chars.iter().find(|&&c| c > 0x10FFFF) {
            return Err(crate::exceptions::ValueError::new_err(format!(
                "character U+{bad:x} is not in range [U+0000; U+10ffff]"
            )));
        }
        from_wide(self, &to_wide(chars.iter().copied()))
    }
}

/// Code points as `wchar_t` code units: UTF-32 where `wchar_t` has 32 bits, UTF-16 elsewhere
/// (where a lone surrogate is one unit).
fn to_wide(code_points: impl Iterator<Item = u32>) -> Vec<libc::wchar_t> {
    if size_of::<libc::wchar_t>() == 4 {
        return code_points.map(|c| c as libc::wchar_t).collect();
    }
    let mut units = Vec::new();
    for c in code_points {
        match char::from_u32(c) {
            Some(ch) => {
                let mut pair = [0u16; 2];
                units.extend(
                    ch.encode_utf16(&mut pair)
                        .iter()
                        .map(|&u| u as libc::wchar_t),
                );
            }
            None => units.push(c as libc::wchar_t), // a surrogate: one unit
        }
    }
    units
}

/// `HPyUnicode_FromWideChar` of `wide`.
fn from_wide<'ctx>(cx: Context<'ctx>, wide: &[libc::wchar_t]) -> Result<Handle<'ctx>> {
    // SAFETY: `wide` holds `wide.len()` valid `wchar_t` code units.
    let raw = unsafe {
        call!(
            cx,
            ctx_Unicode_FromWideChar(wide.as_ptr(), wide.len() as isize)
        )
    };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

impl<'a> FromPy<'a, '_> for &'a str {
    #[inline]
    fn from_py(obj: &'a Handle<'_>) -> Result<Self> {
        let cx = obj.context();
        let mut size: isize = 0;
        // SAFETY: `obj` is open; `size` is a valid out-pointer.
        let data = unsafe { call!(cx, ctx_Unicode_AsUTF8AndSize(obj.as_raw(), &mut size)) };
        if data.is_null() {
            return Err(not_a_str(obj));
        }
        // SAFETY: HPy returns the object's UTF-8 buffer of `size` bytes, valid while the handle
        // is open, which the `'a` borrow of the handle guarantees. CPython's buffer is valid
        // UTF-8 (strings with lone surrogates fail above with UnicodeEncodeError).
        Ok(unsafe {
            core::str::from_utf8_unchecked(core::slice::from_raw_parts(data.cast(), size as usize))
        })
    }
}

/// Whether `obj` is a `str` (or a subclass).
pub(super) fn is_str(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    // SAFETY: `obj` is open; the check only inspects its type.
    unsafe { call!(cx, ctx_Unicode_Check(obj.as_raw())) != 0 }
}

/// After `HPyUnicode_AsUTF8AndSize` failed: a `str` keeps its UnicodeEncodeError (lone
/// surrogates), anything else is a type mismatch.
#[cold]
#[inline(never)]
fn not_a_str(obj: &Handle<'_>) -> Error {
    if is_str(obj) {
        return Error::set();
    }
    let cx = obj.context();
    // SAFETY: the conversion's exception is replaced by the TypeError below.
    unsafe { call!(cx, ctx_Err_Clear()) };
    Error::wrong_type("str", obj)
}

impl FromPy<'_, '_> for String {
    #[inline]
    fn from_py(obj: &Handle<'_>) -> Result<Self> {
        let text = <&str>::from_py(obj)?;
        let mut owned = String::new();
        owned.try_reserve_exact(text.len())?;
        owned.push_str(text);
        Ok(owned)
    }
}

impl<'a> FromPy<'a, '_> for Cow<'a, str> {
    #[inline]
    fn from_py(obj: &'a Handle<'_>) -> Result<Self> {
        <&str>::from_py(obj).map(Cow::Borrowed)
    }
}

impl FromPy<'_, '_> for char {
    /// A `str` of exactly one character; anything else is CPython's "must be a unicode
    /// character, not str".
    fn from_py(obj: &Handle<'_>) -> Result<Self> {
        let s = <&str>::from_py(obj).map_err(|e| match e.is_already_set() {
            true => e,
            false => Error::wrong_type("a unicode character", obj),
        })?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(Error::wrong_type("a unicode character", obj)),
        }
    }
}

impl<'ctx> IntoPy<'ctx> for &str {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_str(cx, self)
    }
}

impl<'ctx> IntoPy<'ctx> for String {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_str(cx, &self)
    }
}

impl<'ctx> IntoPy<'ctx> for &String {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_str(cx, self)
    }
}

impl<'ctx> IntoPy<'ctx> for Cow<'_, str> {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_str(cx, &self)
    }
}

impl<'ctx> IntoPy<'ctx> for char {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_str(cx, self.encode_utf8(&mut [0; 4]))
    }
}
