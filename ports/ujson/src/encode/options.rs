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

/// The option names of `dumps` (after `obj`), in C ujson's order.
const KEYWORDS: [&str; 9] = [
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

    /// The options of `dump(obj, fp, **kwargs)`, which C ujson hands to `dumps` as keywords:
    /// the same names, conversions and messages as `dumps`'s own parser.
    pub fn from_kwargs(kwargs: &'a VarKwargs<'ctx>) -> Result<Self> {
        // `PyArg_ParseTupleAndKeywords` converts in the order of its keyword list, then
        // refuses the names it does not know.
        if kwargs.get("obj")?.is_some() {
            return Err(TypeError::new_err(
                "argument for function given by name ('obj') and position (1)",
            ));
        }
        let mut args = Self::defaults();
        let flags: [(&str, &mut Flag); 4] = [
            ("ensure_ascii", &mut args.ensure_ascii),
            ("encode_html_chars", &mut args.encode_html_chars),
            ("escape_forward_slashes", &mut args.escape_forward_slashes),
            ("sort_keys", &mut args.sort_keys),
        ];
        for (name, flag) in flags {
            if let Some(value) = kwargs.get(name)? {
                *flag = value.extract()?;
            }
        }
        if let Some(value) = kwargs.get("indent")? {
            args.indent = value.extract()?;
        }
        for (name, flag) in [
            ("allow_nan", &mut args.allow_nan),
            ("reject_bytes", &mut args.reject_bytes),
        ] {
            if let Some(value) = kwargs.get(name)? {
                *flag = value.extract()?;
            }
        }
        args.default = kwargs.get("default")?;
        args.separators = kwargs.get("separators")?;
        for item in kwargs.iter() {
            let (name, _) = item?;
            let name: &str = name.extract()?;
            if !KEYWORDS.contains(&name) {
                return Err(TypeError::new_err(format!(
                    "'{name}' is an invalid keyword argument for this function"
                )));
            }
        }
        Ok(args)
    }
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
