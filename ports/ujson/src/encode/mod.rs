//! Python objects → JSON text (`dumps`, `encode`, `dump`). PLACEHOLDER until the encoder lands.

use hpy::exceptions::NotImplementedError;
use hpy::{FromPy, Handle, Result};

/// A `p` (truthiness) option of `dumps`.
pub struct Flag(pub bool);

impl<'a, 'ctx> FromPy<'a, 'ctx> for Flag {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        obj.is_truthy().map(Flag)
    }
}

/// The `indent` option of `dumps` (a C `int`).
pub struct Indent(pub i32);

impl<'a, 'ctx> FromPy<'a, 'ctx> for Indent {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        obj.extract().map(Indent)
    }
}

/// `dumps`'s keyword arguments, as given.
pub struct OptionArgs<'a, 'ctx> {
    pub ensure_ascii: Flag,
    pub encode_html_chars: Flag,
    pub escape_forward_slashes: Flag,
    pub sort_keys: Flag,
    pub indent: Indent,
    pub allow_nan: Flag,
    pub reject_bytes: Flag,
    pub default: Option<&'a Handle<'ctx>>,
    pub separators: Option<&'a Handle<'ctx>>,
}

/// The encoder's options, checked.
pub struct Options;

impl Options {
    /// Checks the arguments.
    pub fn new(args: OptionArgs<'_, '_>) -> Result<Self> {
        let _ = args;
        Ok(Options)
    }
}

/// `ujson.dumps(obj, ...)`.
pub fn dumps<'ctx>(obj: &Handle<'ctx>, options: &Options) -> Result<Handle<'ctx>> {
    let _ = (obj, options);
    Err(NotImplementedError::new_err(
        "the encoder is not written yet",
    ))
}
