//! JSON text → Python objects: `loads`, `decode` and `load`, as ujson 6.1.0 decodes.
//!
//! - [`args`]: the functions' arguments, bound as ujson binds them;
//! - [`input`]: which Python objects are JSON text, and their bytes;
//! - [`text`]: the bytes as ujson's C decoder sees them (NUL-terminated);
//! - [`parser`]: the grammar, nesting limit and structural errors;
//! - [`number`], [`string`]: numbers and strings (pure Rust, unit-tested);
//! - [`objects`]: the Python objects they become;
//! - [`error`]: ujson's messages and how they are raised.

pub mod args;
mod error;
mod input;
mod number;
mod objects;
mod parser;
mod string;
mod text;

use hpy::{Handle, Result, VarKwargs};

/// `ujson.loads(obj)` (and `ujson.decode`).
pub fn loads<'ctx>(obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    let cx = obj.context();
    input::with_json_bytes(obj, |json| parser::parse(cx, json))
}

/// `ujson.load(fp)`: `loads(fp.read())` (`kwargs`, which ujson passes on to `loads`, are
/// checked once the file is read).
pub fn load<'ctx>(fp: &Handle<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
    let text = input::read(fp)?;
    args::load_keywords(kwargs)?;
    loads(&text)
}
