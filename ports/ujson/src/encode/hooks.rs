//! What C ujson does with an object that is none of the JSON types, in its order: call its
//! `toDict()` (a dict to encode), else its `__json__()` (raw JSON text, inserted as is),
//! else `default(obj)` (encoded in its place, at most three times in a row), else raise
//! `TypeError: <repr> is not JSON serializable`.

use hpy::exceptions::TypeError;
use hpy::{BuiltinType, Handle, Result};

use super::Options;

/// How many `default` results in a row may themselves need `default` (`DEFAULT_FN_MAX_DEPTH`).
const MAX_DEFAULT_CALLS: usize = 3;

/// The replacement of an object that is not a JSON type.
pub enum Fallback<'ctx> {
    /// `toDict()`'s dict, encoded as an object.
    Dict(Handle<'ctx>),
    /// `__json__()`'s `str` or `bytes`, written verbatim.
    Raw(Handle<'ctx>),
    /// `default(obj)`, encoded instead of `obj`.
    Default(Handle<'ctx>),
}

/// The fallback for `obj`, `default_calls` being how many `default` results led to it.
pub fn fallback<'ctx>(
    obj: &Handle<'ctx>,
    options: &Options<'_, 'ctx>,
    default_calls: usize,
) -> Result<Fallback<'ctx>> {
    if obj.hasattr(c"toDict") {
        let dict = call_method(obj, c"toDict")?;
        if !dict.is_dict() {
            return Err(TypeError::new_err(format!(
                "toDict() should return a dict, got {}",
                dict.type_name()
            )));
        }
        return Ok(Fallback::Dict(dict));
    }
    if obj.hasattr(c"__json__") {
        let raw = call_method(obj, c"__json__")?;
        if !raw.is_instance_of(BuiltinType::BytesType)
            && !raw.is_instance_of(BuiltinType::UnicodeType)
        {
            return Err(TypeError::new_err(format!(
                "__json__() should return str or bytes, got {}",
                raw.type_name()
            )));
        }
        return Ok(Fallback::Raw(raw));
    }
    if let Some(default) = options.default {
        if default_calls >= MAX_DEFAULT_CALLS {
            return Err(TypeError::new_err("maximum recursion depth exceeded"));
        }
        return default.call((obj,)).map(Fallback::Default);
    }
    Err(not_serializable(obj))
}

/// `obj.name()` as C ujson calls it (`PyObject_CallMethod`): an attribute that is not
/// callable is CPython's `TypeError: attribute of type 'int' is not callable`.
fn call_method<'ctx>(obj: &Handle<'ctx>, name: &core::ffi::CStr) -> Result<Handle<'ctx>> {
    let method = obj.getattr(name)?;
    if !method.is_callable() {
        return Err(TypeError::new_err(format!(
            "attribute of type '{}' is not callable",
            method.type_name()
        )));
    }
    method.call(())
}

/// `TypeError: <repr(obj)> is not JSON serializable` (a `repr` that raises, or that cannot
/// be encoded as UTF-8, raises that instead).
#[cold]
fn not_serializable(obj: &Handle<'_>) -> hpy::Error {
    let repr = match obj.repr() {
        Ok(repr) => repr,
        Err(err) => return err,
    };
    match repr.extract::<&str>() {
        Ok(text) => TypeError::new_err(format!("{text} is not JSON serializable")),
        Err(err) => err,
    }
}
