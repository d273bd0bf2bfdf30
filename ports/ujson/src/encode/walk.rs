//! The walk over the object graph: C ujson's type tests, in an order that gives the same
//! answers (`bool` before `int`; the others are disjoint), containers item by item, and the
//! recursion limit.
//!
//! Containers are read as C ujson reads them — their storage, not a subclass's
//! `__len__`/`__getitem__`/`__iter__` — and Python code run meanwhile (`default`, `toDict`,
//! `__json__`, a key's `__str__`) may change them without harm: a dict is walked over a
//! snapshot of its keys (a key deleted meanwhile is skipped), a list by index until its end
//! (a list that shrinks ends early). Every object is held by a handle while in use.

use hpy::exceptions::{IndexError, KeyError, OverflowError};
use hpy::{BuiltinType, Constant, Context, Global, Handle, Result};

use super::hooks::{self, Fallback};
use super::options::MAX_DEPTH;
use super::{Options, float, int, layout, text};

/// One encoding: the options, the output, and the types it compares against.
pub struct Encoder<'o, 'a, 'ctx> {
    cx: Context<'ctx>,
    pub(super) options: &'o Options<'a, 'ctx>,
    pub(super) out: Vec<u8>,
    list_type: Handle<'ctx>,
    dict_type: Handle<'ctx>,
    /// `decimal.Decimal`, loaded at the first object that is no builtin JSON type (`None`
    /// inside: it could not be imported, so nothing is a `Decimal`).
    decimal_type: Option<Option<Handle<'ctx>>>,
    /// The kind of the last value whose kind was found.
    last_kind: Kind,
}

/// The builtin JSON types, as C ujson tests them (subclasses included).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Str,
    Int,
    Float,
    Dict,
    List,
    None,
    Tuple,
    Other,
}

impl Kind {
    /// Every kind but `Bool` and `Other`, most common first. Any order gives the same
    /// answers: the types are disjoint, `bool` aside, which `Int` takes too and tells apart
    /// (a `bool` is then the previous kind, tested first, in one call, for the next value).
    const ALL: [Kind; 7] = [
        Kind::Str,
        Kind::Int,
        Kind::Float,
        Kind::Dict,
        Kind::List,
        Kind::None,
        Kind::Tuple,
    ];

    /// Whether `obj` is of this kind (one context call; two for `False`).
    #[inline]
    fn matches(self, obj: &Handle<'_>) -> bool {
        match self {
            // `bool` has no subclasses: its two objects are all there is.
            Kind::Bool => {
                let cx = obj.context();
                obj.is(&cx.constant(Constant::True)) || obj.is(&cx.constant(Constant::False))
            }
            Kind::Str => obj.is_instance_of(BuiltinType::UnicodeType),
            Kind::Int => obj.is_instance_of(BuiltinType::LongType),
            Kind::Float => obj.is_instance_of(BuiltinType::FloatType),
            Kind::Dict => obj.is_dict(),
            Kind::List => obj.is_instance_of(BuiltinType::ListType),
            Kind::None => obj.is_none(),
            Kind::Tuple => obj.is_instance_of(BuiltinType::TupleType),
            Kind::Other => false,
        }
    }
}

impl<'o, 'a, 'ctx> Encoder<'o, 'a, 'ctx> {
    /// An encoder with an empty output.
    pub fn new(cx: Context<'ctx>, options: &'o Options<'a, 'ctx>) -> Result<Self> {
        Ok(Encoder {
            cx,
            options,
            out: Vec::with_capacity(256),
            list_type: cx.builtin_type(BuiltinType::ListType),
            dict_type: crate::ujson::DICT_TYPE
                .load(cx)
                .expect("stored when the module executed"),
            decimal_type: None,
            last_kind: Kind::Str,
        })
    }

    /// The output so far.
    pub fn output(&self) -> &[u8] {
        &self.out
    }

    /// Appends the JSON for `obj`, found at nesting depth `depth` (0 for the top).
    pub fn value(&mut self, obj: &Handle<'ctx>, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(OverflowError::new_err("Maximum recursion level reached"));
        }
        let mut replacement: Option<Handle<'ctx>> = None;
        let mut default_calls = 0;
        loop {
            let obj = replacement.as_ref().unwrap_or(obj);
            match self.kind(obj) {
                Kind::Str => {
                    let (escaper, out) = (&self.options.escaper, &mut self.out);
                    return text::with_str_utf8(obj, |s| escaper.write(out, s));
                }
                Kind::Bool => return self.bool(obj),
                Kind::Int => {
                    // The previous value's kind was tested first: `Int` takes bools too.
                    if obj.is_instance_of(BuiltinType::BoolType) {
                        self.last_kind = Kind::Bool;
                        return self.bool(obj);
                    }
                    return int::write(&mut self.out, obj);
                }
                Kind::Float => return self.float(obj),
                Kind::Dict => return self.dict(obj, depth),
                Kind::List => return self.sequence(obj, depth, true),
                Kind::None => {
                    self.out.extend_from_slice(b"null");
                    return Ok(());
                }
                Kind::Tuple => return self.sequence(obj, depth, false),
                Kind::Other => {}
            }
            if !self.options.reject_bytes && obj.is_instance_of(BuiltinType::BytesType) {
                return self.options.escaper.write(&mut self.out, obj.extract()?);
            }
            if self.is_decimal(obj)? {
                return self.float(obj);
            }
            match hooks::fallback(obj, self.options, default_calls)? {
                Fallback::Dict(dict) => return self.dict(&dict, depth),
                Fallback::Raw(raw) => {
                    let out = &mut self.out;
                    return text::with_text_utf8(&raw, |bytes| {
                        hpy::alloc::reserve(out, bytes.len())?;
                        out.extend_from_slice(bytes);
                        Ok(())
                    });
                }
                Fallback::Default(new) => {
                    default_calls += 1;
                    replacement = Some(new);
                }
            }
        }
    }

    /// Which of the builtin JSON types `obj` is (`Int` may be a `bool`: see `Kind::ALL`). The kind of the
    /// previous value is tested first: values of one kind tend to follow each other, and each
    /// test is a context call.
    #[inline]
    fn kind(&mut self, obj: &Handle<'ctx>) -> Kind {
        if self.last_kind.matches(obj) {
            return self.last_kind;
        }
        for kind in Kind::ALL {
            if kind != self.last_kind && kind.matches(obj) {
                self.last_kind = kind;
                return kind;
            }
        }
        Kind::Other
    }

    /// `True` or `False`.
    fn bool(&mut self, obj: &Handle<'ctx>) -> Result<()> {
        let is_true = obj.is(&self.cx.constant(Constant::True));
        self.out
            .extend_from_slice(if is_true { b"true" } else { b"false" });
        Ok(())
    }

    /// A `float` (or subclass) or a `Decimal`, through `PyFloat_AsDouble` as in C ujson.
    fn float(&mut self, obj: &Handle<'ctx>) -> Result<()> {
        float::write(&mut self.out, obj.extract()?, self.options.allow_nan)
    }

    /// Whether `obj` is a `decimal.Decimal` (the type C ujson, and this module, look up once).
    fn is_decimal(&mut self, obj: &Handle<'ctx>) -> Result<bool> {
        let cx = self.cx;
        let decimal = self
            .decimal_type
            .get_or_insert_with(|| crate::ujson::DECIMAL_TYPE.load(cx));
        match decimal {
            None => Ok(false),
            Some(ty) => obj.is_instance(ty).or_else(|e| {
                e.clear(cx);
                Ok(false)
            }),
        }
    }

    /// A `dict` (or subclass) at `depth`: `{`, `"key":value` pairs, `}`.
    ///
    /// As C ujson reads it: the pairs in storage order (`PyDict_Next`), a subclass's
    /// `keys()`/`__getitem__`/`__iter__` never called; with `sort_keys`, the keys sorted by
    /// `list.sort` and each value looked up (`PyList_Sort`, `PyDict_GetItem`). HPy 0.9 has no
    /// `PyDict_Next`: the keys come from `HPyDict_Keys`; the values are looked up by key where
    /// that cannot differ from storage (an exact dict whose keys are all exact `str`s, whose
    /// hash and equality no Python code can change), else read from `dict.values` alongside,
    /// before any Python code runs (a lookup would call a key's `__hash__`/`__eq__` again,
    /// which may have changed: C ujson never does). The lookup is the cheaper: callgrind
    /// counts 25 % fewer instructions on dict-heavy encodes than with `dict.values` always.
    fn dict(&mut self, dict: &Handle<'ctx>, depth: usize) -> Result<()> {
        let cx = self.cx;
        let global =
            |global: &'static Global| global.load(cx).expect("stored when the module executed");
        let exact = dict.get_type().is(&self.dict_type);
        let keys = dict.dict_keys()?;
        if self.options.sort_keys {
            global(&crate::ujson::LIST_SORT).call((&keys,))?;
        }
        let len = keys.len()?;
        let mut names = Vec::with_capacity(len);
        for i in 0..len {
            names.push(keys.get_item_index(i as isize)?);
        }
        let str_type = cx.builtin_type_ref(BuiltinType::UnicodeType);
        let by_lookup =
            self.options.sort_keys || exact && names.iter().all(|key| key.get_type().is(&str_type));
        let values = match by_lookup {
            true => None,
            false => {
                let view = global(&crate::ujson::DICT_VALUES).call((dict,))?;
                Some(self.list_type.call((view,))?)
            }
        };
        let get_item = (!exact).then(|| global(&crate::ujson::DICT_GETITEM));
        self.out.push(b'{');
        let mut count = 0;
        for (i, key) in names.iter().enumerate() {
            let value = match (&values, &get_item) {
                (Some(values), _) => values.get_item_index(i as isize),
                (None, None) => dict.get_item(key),
                (None, Some(get_item)) => get_item.call((dict, key)),
            };
            let value = match value {
                Ok(value) => value,
                // Deleted by Python code that ran meanwhile.
                Err(e) if e.matches(cx, KeyError) => {
                    e.clear(cx);
                    continue;
                }
                Err(e) => return Err(e),
            };
            layout::before_item(&mut self.out, self.options, count, depth + 1)?;
            self.key(key)?;
            self.value(&value, depth + 1)?;
            count += 1;
        }
        layout::before_close(&mut self.out, self.options, count, depth)?;
        self.out.push(b'}');
        Ok(())
    }

    /// A `list` or `tuple` (or subclass) at `depth`: `[`, the items, `]`.
    fn sequence(&mut self, seq: &Handle<'ctx>, depth: usize, is_list: bool) -> Result<()> {
        let cx = self.cx;
        let snapshot;
        let ty = seq.get_type();
        let items = if is_list && !ty.is(&self.list_type) {
            // A subclass's storage: `list.copy(obj)`.
            let copy = crate::ujson::LIST_COPY
                .load(cx)
                .expect("stored when the module executed");
            snapshot = copy.call((seq,))?;
            &snapshot
        } else if !is_list && !ty.is(&cx.builtin_type_ref(BuiltinType::TupleType)) {
            // A subclass's storage: `tuple.__add__(obj, ())` copies it into a tuple.
            let add = crate::ujson::TUPLE_ADD
                .load(cx)
                .expect("stored when the module executed");
            snapshot = add.call((seq, ()))?;
            &snapshot
        } else {
            seq
        };
        self.out.push(b'[');
        let mut count = 0;
        for i in 0..items.len()? {
            let item = match items.get_item_index(i as isize) {
                Ok(item) => item,
                // A list shortened by Python code that ran meanwhile.
                Err(e) if e.matches(cx, IndexError) => {
                    e.clear(cx);
                    break;
                }
                Err(e) => return Err(e),
            };
            layout::before_item(&mut self.out, self.options, count, depth + 1)?;
            self.value(&item, depth + 1)?;
            count += 1;
        }
        layout::before_close(&mut self.out, self.options, count, depth)?;
        self.out.push(b']');
        Ok(())
    }
}
