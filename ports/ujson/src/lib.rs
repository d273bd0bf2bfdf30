//! `ujson`: ujson 6.1.0 ported to hpy-rs — the same functions, options, output (byte for
//! byte) and exceptions, as one universal HPy binary. See `README.md` for what was ported and
//! how, and `tests/` for the run of ujson's own test suite against it.

mod decode;
mod encode;
mod utf8;

use hpy::exceptions::ValueError;
use hpy::prelude::*;
use hpy::{VarArgs, VarKwargs};

#[hpy::module]
/// ujson 6.1.0 ported to hpy-rs: ultra fast JSON encoding and decoding.
mod ujson {
    use super::*;

    /// The version of ujson this module behaves as.
    #[hpy::constant(name = "__version__")]
    const VERSION: &str = "6.1.0";

    /// Raised for JSON text that cannot be decoded.
    #[hpy::exception(base = ValueError)]
    pub struct JSONDecodeError;

    /// `decimal.Decimal`, looked up once when the module executes, as C ujson does (left
    /// empty when `decimal` cannot be imported: then nothing is a `Decimal`).
    pub static DECIMAL_TYPE: Global = Global::new();

    /// The builtin `dict` type (HPy 0.9's context has no handle to it).
    pub static DICT_TYPE: Global = Global::new();

    /// The methods of the builtin containers the encoder calls in place of the C API
    /// functions HPy 0.9 lacks, looked up once: calling them then looks nothing up by name
    /// (a fresh name per call would be slow, and churns CPython's type-attribute cache).
    /// `list.sort` (`PyList_Sort`).
    pub static LIST_SORT: Global = Global::new();
    /// `dict.__getitem__` (a dict subclass's storage, as `PyDict_GetItem` reads it).
    pub static DICT_GETITEM: Global = Global::new();

    #[hpy::init]
    fn init<'ctx>(cx: Context<'ctx>, _module: &Handle<'ctx>) -> Result<()> {
        match cx.import("decimal").and_then(|m| m.getattr(c"Decimal")) {
            Ok(decimal) => DECIMAL_TYPE.store(&decimal),
            Err(err) => err.clear(cx),
        }
        let (dict, list) = (cx.builtin("dict")?, cx.builtin_type(BuiltinType::ListType));
        DICT_TYPE.store(&dict);
        LIST_SORT.store(&list.getattr(c"sort")?);
        DICT_GETITEM.store(&dict.getattr(c"__getitem__")?);
        Ok(())
    }

    /// Converts arbitrary object recursively into JSON. Use ensure_ascii=false to output
    /// UTF-8. Set encode_html_chars=True to encode < > & as unicode escape sequences. Set
    /// escape_forward_slashes=False to prevent escaping / characters.Set allow_nan=False to
    /// raise an exception when NaN or Infinity would be serialized.Set reject_bytes=True to
    /// raise TypeError on bytes.
    ///
    /// (`obj, ensure_ascii=True, encode_html_chars=False, escape_forward_slashes=True,
    /// sort_keys=False, indent=0, allow_nan=True, reject_bytes=True, default=None,
    /// separators=None`, parsed as C ujson parses them, with its messages.)
    #[hpy::function(signature = (*args, **kwargs), annotations(return = "str"))]
    fn dumps<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
        encode::dumps(args, kwargs)
    }

    /// Converts arbitrary object recursively into JSON. Use ensure_ascii=false to output
    /// UTF-8. Set encode_html_chars=True to encode < > & as unicode escape sequences. Set
    /// escape_forward_slashes=False to prevent escaping / characters.Set allow_nan=False to
    /// raise an exception when NaN or Infinity would be serialized.Set reject_bytes=True to
    /// raise TypeError on bytes.
    #[hpy::function(name = "encode", signature = (*args, **kwargs), annotations(return = "str"))]
    fn encode_<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
        encode::dumps(args, kwargs)
    }

    /// Converts arbitrary object recursively into JSON file. Use ensure_ascii=false to output
    /// UTF-8. Set encode_html_chars=True to encode < > & as unicode escape sequences. Set
    /// escape_forward_slashes=False to prevent escaping / characters.Set allow_nan=False to
    /// raise an exception when NaN or Infinity would be serialized.Set reject_bytes=True to
    /// raise TypeError on bytes.
    #[hpy::function(signature = (*args, **kwargs))]
    fn dump<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<()> {
        encode::dump(args, kwargs)
    }

    // ---- decoding (owned by src/decode/) ----

    /// Converts JSON as string to dict object structure.
    #[hpy::function(signature = (*args, **kwargs), annotations(return = "Any"))]
    fn loads<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
        decode::loads(decode::args::loads_argument(args, kwargs)?)
    }

    /// Converts JSON as string to dict object structure.
    #[hpy::function(name = "decode", signature = (*args, **kwargs), annotations(return = "Any"))]
    fn decode_<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
        decode::loads(decode::args::loads_argument(args, kwargs)?)
    }

    /// Converts JSON as file to dict object structure.
    #[hpy::function(signature = (*args, **kwargs), annotations(return = "Any"))]
    fn load<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
        decode::load(decode::args::load_argument(args)?, kwargs)
    }
}
