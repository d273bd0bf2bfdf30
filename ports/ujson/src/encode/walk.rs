//! The walk over the object graph: C ujson's type tests, in an order that gives the same
//! answers (`bool` before `int`; the others are disjoint), containers item by item on a stack
//! of frames (no recursion), and the depth limit.
//!
//! Containers are read as C ujson reads them — their storage, not a subclass's
//! `__len__`/`__getitem__`/`__iter__` — and Python code run meanwhile (`default`, `toDict`,
//! `__json__`, a key's `__str__`) may change them without harm: a dict is walked over a
//! snapshot of its keys (a key deleted meanwhile is skipped), a list over a snapshot of its
//! items, read in one call (`Handle::items_into`). Every object is held by a handle while in
//! use.

use hpy::exceptions::{KeyError, OverflowError};
use hpy::{BuiltinType, Constant, Context, Global, Handle, Result};

use super::hooks::{self, Fallback};
use super::options::MAX_DEPTH;
use super::{Options, float, int, layout, text};

/// One encoding: the options, the output, and the types it compares against.
pub struct Encoder<'o, 'a, 'ctx> {
    cx: Context<'ctx>,
    pub(super) options: &'o Options<'a, 'ctx>,
    pub(super) out: Vec<u8>,
    dict_type: Handle<'ctx>,
    /// Emptied vectors of finished frames, reused by the next ones (no allocation per
    /// container).
    spare: Vec<Vec<Handle<'ctx>>>,
    /// `decimal.Decimal`, loaded at the first object that is no builtin JSON type (`None`
    /// inside: it could not be imported, so nothing is a `Decimal`).
    decimal_type: Option<Option<Handle<'ctx>>>,
    /// The kind of the last value whose kind was found (while a container is written: of its
    /// previous value).
    last_kind: Kind,
    /// The kinds of the values of the last dict written, by place: the first guesses for the
    /// next dict (dicts of one shape tend to follow each other).
    dict_shape: Vec<Kind>,
    /// Shapes no dict uses, reused.
    spare_shapes: Vec<Vec<Kind>>,
    /// The kind of the last value written in a list or tuple: the first guess for the next
    /// one.
    last_in_sequence: Kind,
}

/// The builtin JSON types, as C ujson tests them (subclasses included).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    True,
    False,
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
    /// Every kind but `True`, `False` and `Other`, most common first. Any order gives the
    /// same answers: the types are disjoint, `bool` aside, which `Int` takes too and tells
    /// apart (a `bool` is then the previous kind, tested first, in one call, for the next
    /// value).
    const ALL: [Kind; 7] = [
        Kind::Str,
        Kind::Int,
        Kind::Float,
        Kind::Dict,
        Kind::List,
        Kind::None,
        Kind::Tuple,
    ];

    /// Whether it is a string, a number, `True`, `False` or `None`: written whole, without
    /// running Python code or opening a container.
    fn is_scalar(self) -> bool {
        !matches!(self, Kind::Dict | Kind::List | Kind::Tuple | Kind::Other)
    }

    /// Whether `obj` is of this kind (one context call).
    #[inline(always)]
    fn matches(self, obj: &Handle<'_>) -> bool {
        match self {
            // `bool` has no subclasses: its two objects are all there is.
            Kind::True => obj.is(&obj.context().constant(Constant::True)),
            Kind::False => obj.is(&obj.context().constant(Constant::False)),
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
            dict_type: crate::ujson::DICT_TYPE
                .load(cx)
                .expect("stored when the module executed"),
            spare: Vec::new(),
            decimal_type: None,
            last_kind: Kind::Str,
            dict_shape: Vec::new(),
            spare_shapes: Vec::new(),
            last_in_sequence: Kind::Str,
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
        self.start(obj, 0, &mut frames)?;
        while let Some(frame) = frames.last_mut() {
            if matches!(frame.items, Items::Sequence(_)) && frame.last_kind.is_scalar() {
                self.scalars_in_a_row(frame)?;
            }
            match self.next_child(frame)? {
                Some((child, depth)) => {
                    // The kind tested first: in a dict, that of the value at the same place
                    // in the previous dict; else the container's previous value's (values
                    // of one kind tend to follow each other).
                    let index = frame.count - 1;
                    self.last_kind = frame.shape.get(index).copied().unwrap_or(frame.last_kind);
                    let parent = frames.len() - 1;
                    self.start(&child, depth, &mut frames)?;
                    let parent = &mut frames[parent];
                    parent.last_kind = self.last_kind;
                    match parent.items {
                        Items::Dict(_) => match parent.shape.get_mut(index) {
                            Some(kind) => *kind = self.last_kind,
                            None => parent.shape.push(self.last_kind),
                        },
                        Items::Sequence(_) => self.last_in_sequence = self.last_kind,
                    }
                }
                None => {
                    if let Some(frame) = frames.pop() {
                        self.recycle(frame);
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes `obj`, found at nesting depth `depth`: all of it for a scalar, the opening of a
    /// dict or list, whose `Frame` is pushed onto `frames`. The builtin JSON types are
    /// written here; anything else by [`other`](Self::other).
    #[inline(always)]
    fn start(
        &mut self,
        obj: &Handle<'ctx>,
        depth: usize,
        frames: &mut Vec<Frame<'ctx>>,
    ) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(OverflowError::new_err("Maximum recursion level reached"));
        }
        match self.kind(obj) {
            Kind::Dict => self.dict(obj, depth, frames),
            Kind::List | Kind::Tuple => self.sequence(obj, depth, frames),
            Kind::Other => self.other(obj, depth, frames),
            scalar => self.scalar(obj, scalar),
        }
    }

    /// Writes `obj`, of the scalar kind `kind` (a string, a number, `true`, `false` or
    /// `null`), whose depth was checked.
    #[inline(always)]
    fn scalar(&mut self, obj: &Handle<'ctx>, kind: Kind) -> Result<()> {
        match kind {
            Kind::Str => {
                let (escaper, out) = (&self.options.escaper, &mut self.out);
                text::with_str_utf8(obj, |s| escaper.write(out, s))
            }
            Kind::True => {
                self.out.extend_from_slice(b"true");
                Ok(())
            }
            Kind::False => {
                self.out.extend_from_slice(b"false");
                Ok(())
            }
            // The previous value's kind was tested first: `Int` takes bools too.
            Kind::Int if obj.is_instance_of(BuiltinType::BoolType) => {
                let is_true = obj.is(&self.cx.constant(Constant::True));
                self.last_kind = if is_true { Kind::True } else { Kind::False };
                let text: &[u8] = if is_true { b"true" } else { b"false" };
                self.out.extend_from_slice(text);
                Ok(())
            }
            Kind::Int => int::write(&mut self.out, obj),
            Kind::Float => self.float(obj),
            Kind::None => {
                self.out.extend_from_slice(b"null");
                Ok(())
            }
            Kind::Dict | Kind::List | Kind::Tuple | Kind::Other => {
                unreachable!("containers and other objects are not scalars")
            }
        }
    }

    /// Writes the scalars at the front of a list's or tuple's remaining items in a row,
    /// without a round through [`value`](Self::value)'s frame loop per item; stops at the
    /// first container or other object (left for that loop), and at the end. Only after a
    /// scalar: a list of containers never tests an item twice.
    #[inline(never)]
    fn scalars_in_a_row(&mut self, frame: &mut Frame<'ctx>) -> Result<()> {
        let Items::Sequence(items) = &mut frame.items else {
            return Ok(());
        };
        // Its items are at `depth + 1`: within the limit, or left for `start` to refuse.
        if frame.depth >= MAX_DEPTH || !frame.last_kind.is_scalar() {
            return Ok(());
        }
        self.last_kind = frame.last_kind;
        while let Some(item) = items.last() {
            let kind = self.kind(item);
            if !kind.is_scalar() {
                break;
            }
            layout::before_item(&mut self.out, self.options, frame.count, frame.depth + 1)?;
            frame.count += 1;
            self.scalar(item, kind)?;
            frame.last_kind = self.last_kind;
            self.last_in_sequence = self.last_kind;
            items.pop();
        }
        Ok(())
    }

    /// Writes `obj` of no builtin JSON type: `bytes`, a `Decimal`, or what `toDict`,
    /// `__json__` or `default` make of it.
    #[cold]
    #[inline(never)]
    fn other(
        &mut self,
        obj: &Handle<'ctx>,
        depth: usize,
        frames: &mut Vec<Frame<'ctx>>,
    ) -> Result<()> {
        let mut replacement: Option<Handle<'ctx>> = None;
        let mut default_calls = 0;
        loop {
            let obj = replacement.as_ref().unwrap_or(obj);
            if default_calls > 0 && self.kind(obj) != Kind::Other {
                return self.start(obj, depth, frames);
            }
            if !self.options.reject_bytes && obj.is_instance_of(BuiltinType::BytesType) {
                let bytes = obj.extract()?;
                return self.options.escaper.write(&mut self.out, bytes);
            }
            if self.is_decimal(obj)? {
                return self.float(obj);
            }
            match hooks::fallback(obj, self.options, default_calls)? {
                Fallback::Dict(dict) => return self.dict(&dict, depth, frames),
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

    /// Writes what comes before `frame`'s next value (a separator, a dict's key) and returns
    /// the value with its depth; at the end, writes the closing bracket (`None`).
    fn next_child(&mut self, frame: &mut Frame<'ctx>) -> Result<Option<(Handle<'ctx>, usize)>> {
        let cx = self.cx;
        let depth = frame.depth;
        match &mut frame.items {
            Items::Sequence(items) => {
                let Some(item) = items.pop() else {
                    layout::before_close(&mut self.out, self.options, frame.count, depth)?;
                    self.out.push(b']');
                    return Ok(None);
                };
                layout::before_item(&mut self.out, self.options, frame.count, depth + 1)?;
                frame.count += 1;
                Ok(Some((item, depth + 1)))
            }
            Items::Dict(dict) => loop {
                let Some(key) = dict.names.pop() else {
                    layout::before_close(&mut self.out, self.options, frame.count, depth)?;
                    self.out.push(b'}');
                    return Ok(None);
                };
                let value = match (dict.values.pop(), &dict.lookup) {
                    (Some(value), _) => Ok(value),
                    (
                        None,
                        Some(Lookup {
                            dict,
                            get_item: None,
                        }),
                    ) => dict.get_item(&key),
                    (
                        None,
                        Some(Lookup {
                            dict,
                            get_item: Some(get_item),
                        }),
                    ) => get_item.call((dict, &key)),
                    (None, None) => unreachable!("a value for every key, or a lookup"),
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
                layout::before_item(&mut self.out, self.options, frame.count, depth + 1)?;
                self.key(&key)?;
                frame.count += 1;
                return Ok(Some((value, depth + 1)));
            },
        }
    }

    /// Puts a finished frame's vectors aside for the next frames.
    fn recycle(&mut self, frame: Frame<'ctx>) {
        match frame.items {
            Items::Sequence(items) => self.spare.push(items),
            Items::Dict(dict) => {
                self.spare.extend([dict.names, dict.values]);
                let previous = core::mem::replace(&mut self.dict_shape, frame.shape);
                if previous.capacity() > 0 {
                    self.spare_shapes.push(previous);
                }
            }
        }
    }

    /// An empty vector, reused if one is spare.
    fn vector(&mut self) -> Vec<Handle<'ctx>> {
        self.spare.pop().unwrap_or_default()
    }

    /// Which of the builtin JSON types `obj` is (`Int` may be a `bool`: see `Kind::ALL`). The kind of the
    /// previous value is tested first: values of one kind tend to follow each other, and each
    /// test is a context call.
    #[inline(always)]
    fn kind(&mut self, obj: &Handle<'ctx>) -> Kind {
        if self.last_kind.matches(obj) {
            return self.last_kind;
        }
        self.new_kind(obj)
    }

    /// [`kind`](Self::kind) when it is not the previous value's.
    #[inline(never)]
    fn new_kind(&mut self, obj: &Handle<'ctx>) -> Kind {
        for kind in Kind::ALL {
            if kind != self.last_kind && kind.matches(obj) {
                self.last_kind = kind;
                return kind;
            }
        }
        Kind::Other
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

    /// Opens a `dict` (or subclass) at `depth`: writes `{` and pushes the frame whose
    /// `"key":value` pairs `next_child` writes.
    ///
    /// As C ujson reads it: the pairs in storage order (`PyDict_Next`, which
    /// `Handle::dict_items_into` stands for), a subclass's `keys()`/`__getitem__`/`__iter__`
    /// never called; with `sort_keys`, the keys sorted by `list.sort` and each value looked
    /// up (`PyList_Sort`, `PyDict_GetItem`; a subclass's storage through
    /// `dict.__getitem__`).
    fn dict(
        &mut self,
        dict: &Handle<'ctx>,
        depth: usize,
        frames: &mut Vec<Frame<'ctx>>,
    ) -> Result<()> {
        let cx = self.cx;
        let global =
            |global: &'static Global| global.load(cx).expect("stored when the module executed");
        let mut names = self.vector();
        let mut values = self.vector();
        let mut lookup = None;
        if self.options.sort_keys {
            let keys = dict.dict_keys()?;
            global(&crate::ujson::LIST_SORT).call((&keys,))?;
            keys.items_into(&mut names)?;
            lookup = Some(Lookup {
                dict: dict.clone(),
                get_item: (!dict.get_type().is(&self.dict_type))
                    .then(|| global(&crate::ujson::DICT_GETITEM)),
            });
        } else {
            dict.dict_items_into(&mut names, &mut values)?;
            values.reverse();
        }
        names.reverse();
        // The previous dict's shape, taken (a dict inside this one starts from a shape of
        // its own).
        let shape = match self.dict_shape.is_empty() {
            false => core::mem::take(&mut self.dict_shape),
            true => self.spare_shapes.pop().unwrap_or_default(),
        };
        self.out.push(b'{');
        frames.push(Frame {
            items: Items::Dict(DictItems {
                names,
                values,
                lookup,
            }),
            count: 0,
            depth,
            last_kind: Kind::Str,
            shape,
        });
        Ok(())
    }

    /// Opens a `list` or `tuple` (or subclass) at `depth`: writes `[` and pushes the frame
    /// whose items `next_child` writes (read from the storage, as C ujson reads them).
    fn sequence(
        &mut self,
        seq: &Handle<'ctx>,
        depth: usize,
        frames: &mut Vec<Frame<'ctx>>,
    ) -> Result<()> {
        let mut items = self.vector();
        seq.items_into(&mut items)?;
        items.reverse();
        self.out.push(b'[');
        frames.push(Frame {
            items: Items::Sequence(items),
            count: 0,
            depth,
            last_kind: self.last_in_sequence,
            shape: Vec::new(),
        });
        Ok(())
    }
}

/// A dict or list being written.
struct Frame<'ctx> {
    items: Items<'ctx>,
    /// How many entries were written.
    count: usize,
    /// The container's nesting depth.
    depth: usize,
    /// The kind of its previous value.
    last_kind: Kind,
    /// A dict's: the kinds of its values by place, those not written yet guessed from a
    /// previous dict's (empty for a list or tuple).
    shape: Vec<Kind>,
}

/// What is left to write of a container.
enum Items<'ctx> {
    /// A list's or tuple's items (a snapshot of its storage), last first.
    Sequence(Vec<Handle<'ctx>>),
    Dict(DictItems<'ctx>),
}

/// What is left of a dict: its keys (in storage or sorted order) and where its values come
/// from.
struct DictItems<'ctx> {
    /// The keys not written yet, last first.
    names: Vec<Handle<'ctx>>,
    /// Their values in storage order, read with the keys, last first; empty with
    /// `sort_keys`: looked up by key.
    values: Vec<Handle<'ctx>>,
    /// With `sort_keys`, where the values are looked up.
    lookup: Option<Lookup<'ctx>>,
}

/// The dict whose sorted keys' values are looked up, and how.
struct Lookup<'ctx> {
    dict: Handle<'ctx>,
    /// `dict.__getitem__`, for a subclass's lookups; `None`: `HPy_GetItem`.
    get_item: Option<Handle<'ctx>>,
}
