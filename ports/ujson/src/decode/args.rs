//! The arguments of `loads` and `load`, bound as ujson's C functions bind them, with the
//! messages of CPython's `PyArg_ParseTupleAndKeywords(args, kwargs, "O", {"obj"})` (`loads`)
//! and `PyArg_ParseTuple(args, "O")` (`load`), which name no function.

use hpy::prelude::*;
use hpy::{VarArgs, VarKwargs};

/// `loads`'s one argument, `obj`, by position or by name.
pub fn loads_argument<'a, 'ctx>(
    args: &'a VarArgs<'ctx>,
    kwargs: &'a VarKwargs<'ctx>,
) -> Result<&'a Handle<'ctx>> {
    at_most_one(args.len() + kwargs.len())?;
    match args.get(0) {
        Some(obj) => Ok(obj),
        None => kwargs
            .get("obj")?
            .ok_or_else(|| TypeError::new_err("function missing required argument 'obj' (pos 1)")),
    }
}

/// `load`'s one positional argument (its keyword arguments are checked once the file is read,
/// as ujson passes them on to `loads`: see [`load_keywords`]).
pub fn load_argument<'a, 'ctx>(args: &'a VarArgs<'ctx>) -> Result<&'a Handle<'ctx>> {
    match args.get(0) {
        Some(fp) if args.len() == 1 => Ok(fp),
        _ => Err(TypeError::new_err(format!(
            "function takes exactly 1 argument ({} given)",
            args.len()
        ))),
    }
}

/// `load`'s keyword arguments, which ujson hands to `loads` with the text read: any is one
/// argument too many.
pub fn load_keywords(kwargs: &VarKwargs<'_>) -> Result<()> {
    at_most_one(1 + kwargs.len())
}

fn at_most_one(given: usize) -> Result<()> {
    match given {
        0 | 1 => Ok(()),
        _ => Err(TypeError::new_err(format!(
            "function takes at most 1 argument ({given} given)"
        ))),
    }
}
