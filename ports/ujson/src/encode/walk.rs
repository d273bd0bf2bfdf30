//! The walk over the object graph: C ujson's type tests, in an order that gives the same
//! answers (`bool` before `int`; the others are disjoint), containers item by item on a stack
//! of frames (no recursion), and the depth limit.
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

    /// Appends the JSON for `obj`, the document's top value.
    ///
    /// The dicts and lists being written are kept on a stack of `Frame`s on the heap, not in
    /// recursive calls: nesting never costs the thread's stack (a Python thread may have a
    /// small one), up to the depth limit.
    pub fn value(&mut self, obj: &Handle<'ctx>) -> Result<()> {
        let mut frames: Vec<Frame<'ctx>> = Vec::new();
        let mut next = Some((obj.clone(), 0));
        loop {
            if let Some((obj, depth)) = next.take()
                && let Some(frame) = self.start(&obj, depth)?
            {
                frames.push(frame);
            }
            let Some(frame) = frames.last_mut() else {
                return Ok(());
            };
            match self.next_child(frame)? {
                Some(child) => next = Some(child),
                None => {
                    frames.pop();
                }
            }
        }
    }

    /// Writes `obj`, found at nesting depth `depth`: all of it for a scalar, the opening of a
    /// dict or list, whose `Frame` is returned.
    fn start(&mut self, obj: &Handle<'ctx>, depth: usize) -> Result<Option<Frame<'ctx>>> {
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
                    return text::with_str_utf8(obj, |s| escaper.write(out, s)).map(|()| None);
                }
                Kind::Bool => return self.bool(obj).map(|()| None),
                Kind::Int => {
                    // The previous value's kind was tested first: `Int` takes bools too.
                    if obj.is_instance_of(BuiltinType::BoolType) {
                        self.last_kind = Kind::Bool;
                        return self.bool(obj).map(|()| None);
                    }
                    return int::write(&mut self.out, obj).map(|()| None);
                }
                Kind::Float => return self.float(obj).map(|()| None),
                Kind::Dict => return self.dict(obj, depth).map(Some),
                Kind::List => return self.sequence(obj, depth, true).map(Some),
                Kind::None => {
                    self.out.extend_from_slice(b"null");
                    return Ok(None);
                }
                Kind::Tuple => return self.sequence(obj, depth, false).map(Some),
                Kind::Other => {}
            }
            if !self.options.reject_bytes && obj.is_instance_of(BuiltinType::BytesType) {
                let bytes = obj.extract()?;
                return self
                    .options
                    .escaper
                    .write(&mut self.out, bytes)
                    .map(|()| None);
            }
            if self.is_decimal(obj)? {
                return self.float(obj).map(|()| None);
            }
            match hooks::fallback(obj, self.options, default_calls)? {
                Fallback::Dict(dict) => return self.dict(&dict, depth).map(Some),
                Fallback::Raw(raw) => {
                    let out = &mut self.out;
                    return text::with_text_utf8(&raw, |bytes| {
                        hpy::alloc::reserve(out, bytes.len())?;
                        out.extend_from_slice(bytes);
                        Ok(())
                    })
                    .map(|()| None);
                }
                Fallback::Default(new) => {
                    default_calls += 1;
                    replacement = Some(new);
                }
            }
        }
    }

    /// Writes what comes before `frame`'s next value (a separator, a dict's key) and returns
    /// the value with its depth; at the end, writes the closing bracket (`None`).
    fn next_child(&mut self, frame: &mut Frame<'ctx>) -> Result<Option<(Handle<'ctx>, usize)>> {
        let cx = self.cx;
        match frame {
            Frame::Sequence(seq) => {
                let item = match seq.next < seq.len {
                    true => match seq.items.get_item_index(seq.next as isize) {
                        Ok(item) => Some(item),
                        // A list shortened by Python code that ran meanwhile.
                        Err(e) if e.matches(cx, IndexError) => {
                            e.clear(cx);
                            None
                        }
                        Err(e) => return Err(e),
                    },
                    false => None,
                };
                let Some(item) = item else {
                    layout::before_close(&mut self.out, self.options, seq.count, seq.depth)?;
                    self.out.push(b']');
                    return Ok(None);
                };
                seq.next += 1;
                layout::before_item(&mut self.out, self.options, seq.count, seq.depth + 1)?;
                seq.count += 1;
                Ok(Some((item, seq.depth + 1)))
            }
            Frame::Dict(dict) => loop {
                let Some(key) = dict.names.get(dict.next) else {
                    layout::before_close(&mut self.out, self.options, dict.count, dict.depth)?;
                    self.out.push(b'}');
                    return Ok(None);
                };
                let i = dict.next;
                dict.next += 1;
                let value = match (&dict.values, &dict.get_item) {
                    (Some(values), _) => values.get_item_index(i as isize),
                    (None, None) => dict.dict.get_item(key),
                    (None, Some(get_item)) => get_item.call((&dict.dict, key)),
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
                layout::before_item(&mut self.out, self.options, dict.count, dict.depth + 1)?;
                self.key(key)?;
                dict.count += 1;
                return Ok(Some((value, dict.depth + 1)));
            },
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

    /// Opens a `dict` (or subclass) at `depth`: writes `{` and returns the frame whose
    /// `"key":value` pairs `next_child` writes.
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
    fn dict(&mut self, dict: &Handle<'ctx>, depth: usize) -> Result<Frame<'ctx>> {
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
        Ok(Frame::Dict(DictFrame {
            dict: dict.clone(),
            names,
            values,
            get_item,
            next: 0,
            count: 0,
            depth,
        }))
    }

    /// Opens a `list` or `tuple` (or subclass) at `depth`: writes `[` and returns the frame
    /// whose items `next_child` writes.
    fn sequence(&mut self, seq: &Handle<'ctx>, depth: usize, is_list: bool) -> Result<Frame<'ctx>> {
        let cx = self.cx;
        let ty = seq.get_type();
        let items = if is_list && !ty.is(&self.list_type) {
            // A subclass's storage: `list.copy(obj)`.
            let copy = crate::ujson::LIST_COPY
                .load(cx)
                .expect("stored when the module executed");
            copy.call((seq,))?
        } else if !is_list && !ty.is(&cx.builtin_type_ref(BuiltinType::TupleType)) {
            // A subclass's storage: `tuple.__add__(obj, ())` copies it into a tuple.
            let add = crate::ujson::TUPLE_ADD
                .load(cx)
                .expect("stored when the module executed");
            add.call((seq, ()))?
        } else {
            seq.clone()
        };
        self.out.push(b'[');
        Ok(Frame::Sequence(SequenceFrame {
            len: items.len()?,
            items,
            next: 0,
            count: 0,
            depth,
        }))
    }
}

/// A dict or list being written.
enum Frame<'ctx> {
    Dict(DictFrame<'ctx>),
    Sequence(SequenceFrame<'ctx>),
}

/// A dict being written: its keys (in storage or sorted order) and where its values come from.
struct DictFrame<'ctx> {
    dict: Handle<'ctx>,
    names: Vec<Handle<'ctx>>,
    /// The values in storage order, read with the keys; `None`: looked up by key.
    values: Option<Handle<'ctx>>,
    /// `dict.__getitem__`, for a subclass's lookups; `None`: `HPy_GetItem`.
    get_item: Option<Handle<'ctx>>,
    /// The index of the next key.
    next: usize,
    /// How many entries were written.
    count: usize,
    /// The dict's nesting depth.
    depth: usize,
}

/// A list or tuple being written (its storage: a subclass's is copied first).
struct SequenceFrame<'ctx> {
    items: Handle<'ctx>,
    /// Its length when it was opened.
    len: usize,
    /// The index of the next item.
    next: usize,
    /// How many items were written.
    count: usize,
    /// Its nesting depth.
    depth: usize,
}
