//! `dumps`'s options: parsed as C ujson's `PyArg_ParseTupleAndKeywords("O|ppppippOO")` parses
//! them, then checked (`indent`, `separators`) with C ujson's messages.

use hpy::exceptions::{OverflowError, TypeError, ValueError};
use hpy::{BuiltinType, FromPy, Handle, Result, VarKwargs};

use super::escape::Escaper;
use super::text;

/// The deepest nesting C ujson encodes (`JSON_MAX_RECURSION_DEPTH`).
pub const MAX_DEPTH: usize = 1024;

/// The largest `indent` C ujson accepts.
const MAX_INDENT: i32 = 1000;

/// A `p` option (truthiness, `PyObject_IsTrue`).
#[derive(Clone, Copy)]
pub struct Flag(pub bool);

impl<'a, 'ctx> FromPy<'a, 'ctx> for Flag {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        obj.is_truthy().map(Flag)
    }
}

/// The `indent` option, read as the C format `i` reads it: `__index__`, then the range of a
/// C `int`, with CPython's messages.
#[derive(Clone, Copy)]
pub struct Indent(pub i32);

impl<'a, 'ctx> FromPy<'a, 'ctx> for Indent {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        let cx = obj.context();
        let index = obj.index()?;
        let wide = index.extract::<i64>().map_err(|e| {
            e.clear(cx);
            OverflowError::new_err("Python int too large to convert to C long")
        })?;
        match i32::try_from(wide) {
            Ok(value) => Ok(Indent(value)),
            Err(_) if wide > 0 => Err(OverflowError::new_err(
                "signed integer is greater than maximum",
            )),
            Err(_) => Err(OverflowError::new_err(
                "signed integer is less than minimum",
            )),
        }
    }
}

/// The parameters of `dumps`, in C ujson's order.
const KEYWORDS: [&str; 10] = [
    "obj",
    "ensure_ascii",
    "encode_html_chars",
    "escape_forward_slashes",
    "sort_keys",
    "indent",
    "allow_nan",
    "reject_bytes",
    "default",
    "separators",
];

/// `dumps`'s options, as given.
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

impl<'a, 'ctx> OptionArgs<'a, 'ctx> {
    /// The defaults of `dumps`.
    fn defaults() -> Self {
        OptionArgs {
            ensure_ascii: Flag(true),
            encode_html_chars: Flag(false),
            escape_forward_slashes: Flag(true),
            sort_keys: Flag(false),
            indent: Indent(0),
            allow_nan: Flag(true),
            reject_bytes: Flag(true),
            default: None,
            separators: None,
        }
    }

    /// `obj` and the options of a call `dumps(*args, **kwargs)`, parsed as C ujson's
    /// `PyArg_ParseTupleAndKeywords(args, kwargs, "O|ppppippOO", kwlist)` parses them: the
    /// same order of conversions, the same messages.
    pub fn parse(
        args: &[&'a Handle<'ctx>],
        kwargs: Option<&'a VarKwargs<'ctx>>,
    ) -> Result<(&'a Handle<'ctx>, Self)> {
        let given = args.len() + kwargs.map_or(0, VarKwargs::len);
        if given > KEYWORDS.len() {
            return Err(TypeError::new_err(format!(
                "function takes at most {} arguments ({given} given)",
                KEYWORDS.len()
            )));
        }
        let get = |i: usize, name: &str| -> Result<Option<&'a Handle<'ctx>>> {
            match (args.get(i), kwargs) {
                (Some(&value), _) => Ok(Some(value)),
                (None, Some(kwargs)) => kwargs.get(name),
                (None, None) => Ok(None),
            }
        };
        let obj = get(0, KEYWORDS[0])?.ok_or_else(|| {
            TypeError::new_err("function missing required argument 'obj' (pos 1)")
        })?;
        let mut parsed = Self::defaults();
        for (i, name) in KEYWORDS.iter().enumerate().skip(1) {
            let Some(value) = get(i, name)? else {
                continue;
            };
            match *name {
                "ensure_ascii" => parsed.ensure_ascii = value.extract()?,
                "encode_html_chars" => parsed.encode_html_chars = value.extract()?,
                "escape_forward_slashes" => parsed.escape_forward_slashes = value.extract()?,
                "sort_keys" => parsed.sort_keys = value.extract()?,
                "indent" => parsed.indent = value.extract()?,
                "allow_nan" => parsed.allow_nan = value.extract()?,
                "reject_bytes" => parsed.reject_bytes = value.extract()?,
                "default" => parsed.default = Some(value),
                _ => parsed.separators = Some(value),
            }
        }
        if let Some(kwargs) = kwargs {
            check_keywords(args.len(), kwargs)?;
        }
        Ok((obj, parsed))
    }
}

/// After the conversions: no keyword may name a parameter also given by position, and every
/// keyword must name a parameter.
fn check_keywords(positional: usize, kwargs: &VarKwargs<'_>) -> Result<()> {
    for (i, name) in KEYWORDS.iter().enumerate().take(positional) {
        if kwargs.get(name)?.is_some() {
            return Err(TypeError::new_err(format!(
                "argument for function given by name ('{name}') and position ({})",
                i + 1
            )));
        }
    }
    for item in kwargs.iter() {
        let (name, _) = item?;
        let name: &str = name.extract()?;
        if !KEYWORDS.contains(&name) {
            return Err(TypeError::new_err(format!(
                "'{name}' is an invalid keyword argument for this function"
            )));
        }
    }
    Ok(())
}

/// The encoder's options, checked and ready: flags, the escaping table, the indentation and
/// the separators' bytes.
pub struct Options<'a, 'ctx> {
    pub sort_keys: bool,
    pub allow_nan: bool,
    pub reject_bytes: bool,
    /// Spaces per level; 0 or less: no newlines (a negative `indent` still means `": "`).
    pub indent: usize,
    pub default: Option<&'a Handle<'ctx>>,
    pub item_separator: Vec<u8>,
    pub key_separator: Vec<u8>,
    pub escaper: Escaper,
}

impl<'a, 'ctx> Options<'a, 'ctx> {
    /// Checks the arguments as C ujson does, in its order and with its messages.
    pub fn new(args: OptionArgs<'a, 'ctx>) -> Result<Self> {
        let indent = args.indent.0.max(-1);
        if indent > MAX_INDENT {
            return Err(ValueError::new_err("Maximum allowed indentation is 1000"));
        }
        let (item_separator, key_separator) = match args.separators {
            Some(seps) if !seps.is_none() => separators(seps)?,
            _ => (
                b",".to_vec(),
                if indent != 0 {
                    b": ".to_vec()
                } else {
                    b":".to_vec()
                },
            ),
        };
        Ok(Options {
            sort_keys: args.sort_keys.0,
            allow_nan: args.allow_nan.0,
            reject_bytes: args.reject_bytes.0,
            indent: usize::try_from(indent).unwrap_or(0),
            default: args.default.filter(|d| !d.is_none()),
            item_separator,
            key_separator,
            escaper: Escaper::new(
                args.ensure_ascii.0,
                args.encode_html_chars.0,
                args.escape_forward_slashes.0,
            ),
        })
    }
}

/// `separators=(item, key)`: a tuple of two `str`s, kept as their UTF-8 (lone surrogates
/// kept, as `surrogatepass` keeps them) and written verbatim.
fn separators(seps: &Handle<'_>) -> Result<(Vec<u8>, Vec<u8>)> {
    if !seps.is_instance_of(BuiltinType::TupleType) {
        return Err(TypeError::new_err("expected tuple or None as separator"));
    }
    if seps.len()? != 2 {
        return Err(ValueError::new_err("expected tuple of size 2 as separator"));
    }
    let item = seps.get_item_index(0)?;
    if !item.is_instance_of(BuiltinType::UnicodeType) {
        return Err(TypeError::new_err("expected str as item separator"));
    }
    let key = seps.get_item_index(1)?;
    if !key.is_instance_of(BuiltinType::UnicodeType) {
        return Err(TypeError::new_err("expected str as key separator"));
    }
    let item = text::with_str_utf8(&item, |b| Ok(b.to_vec()))?;
    let key = text::with_str_utf8(&key, |b| Ok(b.to_vec()))?;
    Ok((item, key))
}
