//! What `loads` accepts: `str` (read as UTF-8, lone surrogates encoded with
//! `surrogatepass`), `bytes` and `bytearray` (and their subclasses); other buffers and
//! other types are ujson's `TypeError`s.

use hpy::prelude::*;

/// Runs `decode` on the JSON bytes of `obj`.
pub(super) fn with_json_bytes<'ctx, R>(
    obj: &Handle<'ctx>,
    decode: impl FnOnce(&[u8]) -> Result<R>,
) -> Result<R> {
    let cx = obj.context();
    if obj.is_instance_of(BuiltinType::BytesType) {
        return decode(obj.extract::<&[u8]>()?);
    }
    if obj.is_instance_of(BuiltinType::UnicodeType) {
        // CPython's UTF-8 form of the string, no copy; lone surrogates encoded with
        // `surrogatepass`, as ujson does, so they decode back to themselves.
        return crate::utf8::with_str_utf8(obj, decode);
    }
    if obj.is_instance(&cx.builtin("bytearray")?)? {
        // HPy 0.9 cannot borrow a bytearray's memory (it has no buffer consumer API): copy.
        let bytes = obj.to_bytes()?;
        return decode(bytes.extract::<&[u8]>()?);
    }
    Err(unsupported(obj))
}

/// ujson's error for anything else: a C-contiguous buffer (`memoryview`, `array`, …) is
/// refused by name, other objects as not text.
#[cold]
fn unsupported(obj: &Handle<'_>) -> Error {
    let cx = obj.context();
    let c_contiguous = cx
        .builtin_type(BuiltinType::MemoryViewType)
        .call((obj,))
        .and_then(|view| view.getattr("c_contiguous")?.is_truthy());
    match c_contiguous {
        Ok(true) => TypeError::new_err(
            "Arbitrary bytes-like objects are no longer supported. Use either string, bytes, \
             or bytearray.",
        ),
        Ok(false) => TypeError::new_err("Expected string, bytes, or bytearray"),
        Err(error) => {
            error.clear(cx);
            TypeError::new_err("Expected string, bytes, or bytearray")
        }
    }
}

/// The text `load` decodes: `fp.read()`.
pub(super) fn read<'ctx>(fp: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    let expected_file = || TypeError::new_err("expected file");
    if !fp.hasattr("read") {
        return Err(expected_file());
    }
    let read = fp.getattr("read")?;
    if !read.is_callable() {
        return Err(expected_file());
    }
    read.call(())
}
