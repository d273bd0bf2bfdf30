//! Python objects → JSON text: `dumps`/`encode` and `dump`, byte for byte as ujson 6.1.0.
//!
//! * [`options`]: the arguments, parsed and checked with C ujson's messages;
//! * [`walk`]: the object walk — type tests, containers, the recursion limit;
//! * [`hooks`]: `toDict()`, `__json__()`, `default` and "is not JSON serializable";
//! * [`keys`]: how a dict key becomes a name;
//! * [`text`]: the UTF-8 of a `str` (lone surrogates included);
//! * [`escape`]: string escaping (`ensure_ascii`, `encode_html_chars`,
//!   `escape_forward_slashes`);
//! * [`float`]: double-conversion's shortest format, from `ryu`'s digits;
//! * [`int`]: 64-bit and arbitrary-size integers;
//! * [`layout`]: separators and indentation;
//! * [`output`]: the bytes → `str`;

mod escape;
mod float;
mod hooks;
mod int;
mod keys;
mod layout;
mod options;
mod output;
mod text;
mod walk;

use hpy::exceptions::TypeError;
use hpy::{Handle, Result, VarArgs, VarKwargs};

use options::{OptionArgs, Options};

/// `ujson.dumps(obj, ...)` (and `ujson.encode`), its arguments as given.
pub fn dumps<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<Handle<'ctx>> {
    let args: Vec<&Handle<'ctx>> = args.iter().collect();
    let (obj, options) = OptionArgs::parse(&args, Some(kwargs))?;
    encode(obj, &Options::new(options)?)
}

/// The JSON text of `obj`.
fn encode<'ctx>(obj: &Handle<'ctx>, options: &Options<'_, 'ctx>) -> Result<Handle<'ctx>> {
    let cx = obj.context();
    let mut encoder = walk::Encoder::new(cx, options)?;
    encoder.value(obj)?;
    output::into_str(cx, encoder.output())
}

/// `ujson.dump(obj, fp, **options)`: `fp.write(dumps(obj, **options))`. As in C ujson, it
/// takes exactly two positional arguments, `fp` must have a callable `write` (else
/// `TypeError: expected file`), checked before the options are read.
pub fn dump<'ctx>(args: &VarArgs<'ctx>, kwargs: &VarKwargs<'ctx>) -> Result<()> {
    let (Some(obj), Some(fp), 2) = (args.get(0), args.get(1), args.len()) else {
        return Err(TypeError::new_err(format!(
            "function takes exactly 2 arguments ({} given)",
            args.len()
        )));
    };
    if !fp.hasattr(c"write") {
        return Err(TypeError::new_err("expected file"));
    }
    let write = fp.getattr(c"write")?;
    if !write.is_callable() {
        return Err(TypeError::new_err("expected file"));
    }
    let (obj, options) = OptionArgs::parse(&[obj], Some(kwargs))?;
    let text = encode(obj, &Options::new(options)?)?;
    write.call((text,))?;
    Ok(())
}
