//! Building the Python objects: `str` (the fastest constructor for each kind of text), `int`
//! of any size, `float`, `list`, `dict`, and a cache of object keys.

use hpy::prelude::*;

use super::number::Number;

/// The constructors, with the scratch space and key cache they reuse across one call.
pub(super) struct Objects<'a, 'ctx> {
    cx: Context<'ctx>,
    /// Latin-1 bytes of a string whose code points are all below 256.
    latin1: Vec<u8>,
    keys: KeyCache<'a, 'ctx>,
}

impl<'a, 'ctx> Objects<'a, 'ctx> {
    pub(super) fn new(cx: Context<'ctx>) -> Self {
        Objects {
            cx,
            latin1: Vec::new(),
            keys: KeyCache::new(),
        }
    }

    /// The context of the call.
    #[inline(always)]
    pub(super) fn cx(&self) -> Context<'ctx> {
        self.cx
    }

    /// A `str` of ASCII bytes.
    #[inline]
    pub(super) fn ascii(&mut self, text: &'a [u8]) -> Result<Handle<'ctx>> {
        // Latin-1 decoding of ASCII is a copy; CPython's `PyUnicode_DecodeLatin1` is the
        // cheapest constructor HPy 0.9 has for text of known length.
        self.cx.str_from_latin1(text)
    }

    /// A `str` used as an object key, ASCII without escapes: the same object for the same
    /// text within one call (its hash is computed once, its memory shared).
    #[inline]
    pub(super) fn ascii_key(&mut self, text: &'a [u8]) -> Result<Handle<'ctx>> {
        self.keys
            .get_or_insert(text, |text| self.cx.str_from_latin1(text))
    }

    /// A `str` of UTF-8 text.
    #[inline]
    pub(super) fn utf8(&mut self, text: &str) -> Result<Handle<'ctx>> {
        self.cx.to_py(text)
    }

    /// A `str` of code points (lone surrogates included); `max` is the largest.
    pub(super) fn code_points(&mut self, code_points: &[u32], max: u32) -> Result<Handle<'ctx>> {
        if max < 0x100 {
            self.latin1.clear();
            self.latin1
                .extend(code_points.iter().map(|&c| c.to_le_bytes()[0]));
            return self.cx.str_from_latin1(&self.latin1);
        }
        self.cx.str_from_code_points(code_points)
    }

    /// An `int` or a `float`.
    #[inline]
    pub(super) fn number(&self, number: Number<'_>) -> Result<Handle<'ctx>> {
        match number {
            Number::Int(value) => self.cx.to_py(value),
            Number::UInt(value) => self.cx.to_py(value),
            Number::Float(value) => self.cx.to_py(value),
            Number::Big(digits) => self.big_int(digits),
        }
    }

    /// `int(digits)`: exact, and with Python's limit on the number of digits
    /// (`sys.set_int_max_str_digits`), whose `ValueError` ujson raises too.
    #[cold]
    #[inline(never)]
    fn big_int(&self, digits: &[u8]) -> Result<Handle<'ctx>> {
        let text = self.cx.str_from_latin1(digits)?;
        self.cx.builtin_type(BuiltinType::LongType).call((&text,))
    }

    /// A `list` of `items` (the list builder reads the slice: nothing is copied).
    #[inline]
    pub(super) fn list(&self, items: &[Handle<'ctx>]) -> Result<Handle<'ctx>> {
        self.cx.to_py(items)
    }

    /// An empty `dict`.
    #[inline]
    pub(super) fn dict(&self) -> Result<Handle<'ctx>> {
        self.cx.new_dict()
    }
}

/// Object keys already made in this call: a direct-mapped table from the key's bytes in the
/// input to its `str`. Short ASCII keys only; a collision replaces the entry.
///
/// Keys that do not repeat (every key different) would only pay for the cache, so it turns
/// itself off once most lookups miss.
struct KeyCache<'a, 'ctx> {
    slots: Vec<Option<(&'a [u8], Handle<'ctx>)>>,
    lookups: u32,
    hits: u32,
    off: bool,
}

impl<'a, 'ctx> KeyCache<'a, 'ctx> {
    const SLOTS: usize = 1024;
    const MAX_LEN: usize = 64;
    /// After this many lookups, the cache stays on only if at least a quarter hit.
    const TRIAL: u32 = 256;

    fn new() -> Self {
        KeyCache {
            slots: Vec::new(),
            lookups: 0,
            hits: 0,
            off: false,
        }
    }

    #[inline]
    fn get_or_insert(
        &mut self,
        key: &'a [u8],
        make: impl FnOnce(&[u8]) -> Result<Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        if key.len() > Self::MAX_LEN || self.off {
            return make(key);
        }
        if self.slots.is_empty() {
            self.slots = hpy::alloc::vec_with_capacity(Self::SLOTS)?;
            self.slots.resize_with(Self::SLOTS, || None);
        }
        self.lookups += 1;
        if self.lookups == Self::TRIAL && self.hits < Self::TRIAL / 4 {
            self.off = true;
            self.slots = Vec::new();
            return make(key);
        }
        let slot = &mut self.slots[hash(key) & (Self::SLOTS - 1)];
        if let Some((cached, handle)) = slot
            && *cached == key
        {
            self.hits += 1;
            return Ok(handle.clone());
        }
        let handle = make(key)?;
        *slot = Some((key, handle.clone()));
        Ok(handle)
    }
}

/// FNV-1a: short keys, no need for DoS resistance (a collision only costs a `str`).
#[inline(always)]
fn hash(key: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as usize
}
