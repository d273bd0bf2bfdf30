//! `&[u8]`, `Vec<u8>` ↔ `bytes`.

use super::FromPy;
use crate::context::call;
use crate::{Context, Error, Handle, Result};

/// Whether `obj` is a `bytes` object (or subclass).
fn is_bytes(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    // SAFETY: `obj` is open; the check only inspects its type.
    unsafe { call!(cx, ctx_Bytes_Check(obj.as_raw())) != 0 }
}

/// The contents of a `bytes` object, borrowed for as long as its handle.
fn bytes_contents<'a>(obj: &'a Handle<'_>) -> &'a [u8] {
    let cx = obj.context();
    // SAFETY: `obj` is an open `bytes` object (checked by the callers).
    let (data, len) = unsafe {
        (
            call!(cx, ctx_Bytes_AS_STRING(obj.as_raw())),
            call!(cx, ctx_Bytes_GET_SIZE(obj.as_raw())),
        )
    };
    // SAFETY: a bytes object's buffer holds `len` bytes and stays valid while the handle is
    // open, which the `'a` borrow guarantees.
    unsafe { core::slice::from_raw_parts(data.cast(), len as usize) }
}

/// Creates a `bytes` object holding a copy of `data`.
fn new_bytes<'ctx>(cx: Context<'ctx>, data: &[u8]) -> Result<Handle<'ctx>> {
    // SAFETY: `data` is valid for `data.len()` bytes, which HPy copies.
    let raw = unsafe {
        call!(
            cx,
            ctx_Bytes_FromStringAndSize(data.as_ptr().cast(), data.len() as isize)
        )
    };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

impl<'a> FromPy<'a, '_> for &'a [u8] {
    #[inline]
    fn from_py(obj: &'a Handle<'_>) -> Result<Self> {
        if is_bytes(obj) {
            Ok(bytes_contents(obj))
        } else {
            Err(Error::wrong_type("bytes", obj))
        }
    }
}

/// `u8` overrides the sequence hooks so that `Vec<u8>` and `&[u8]` mean `bytes`.
pub(super) fn vec_u8_from_py<'ctx>(
    obj: &Handle<'ctx>,
    item: fn(&Handle<'ctx>) -> Result<u8>,
) -> Result<Vec<u8>> {
    if is_bytes(obj) {
        let contents = bytes_contents(obj);
        let mut vec = crate::alloc::vec_with_capacity(contents.len())?;
        vec.extend_from_slice(contents);
        Ok(vec)
    } else if super::string::is_str(obj) {
        Err(Error::wrong_type("bytes", obj))
    } else {
        // A bytearray, a list of ints, a generator...: the items as ints in 0..=255.
        super::list::extract_sequence(obj, item)
    }
}

pub(super) fn slice_u8_into_py<'ctx>(items: &[u8], cx: Context<'ctx>) -> Result<Handle<'ctx>> {
    new_bytes(cx, items)
}
