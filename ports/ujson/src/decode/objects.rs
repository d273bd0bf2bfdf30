//! Building the Python objects: `str` (the fastest constructor for each kind of text), `int`
//! of any size, `float`, `list`, `dict`, and a cache of object keys.

use hpy::exceptions::TypeError;
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

    /// A `str` of UTF-8 text without NULs.
    pub(super) fn utf8(&mut self, text: &str) -> Result<Handle<'ctx>> {
        // HPy 0.9's only UTF-8 decoder is `HPyUnicode_FromString` (CPython's, fast), which
        // wants a NUL-terminated copy; the safe API's `str` constructor would re-encode the
        // text as `wchar_t` first.
        self.latin1.clear();
        self.latin1.extend_from_slice(text.as_bytes());
        self.latin1.push(0);
        let from_string = self
            .cx
            .table()
            .ctx_Unicode_FromString
            .ok_or_else(|| TypeError::new_err("the HPy context lacks HPyUnicode_FromString"))?;
        // SAFETY: the context is this call's; the buffer is UTF-8 with a single NUL, at its
        // end (the decoder passes no text with a NUL here); the result is a new handle or
        // NULL with an exception set.
        unsafe {
            Handle::from_raw_or_err(
                self.cx,
                from_string(self.cx.as_raw(), self.latin1.as_ptr().cast()),
            )
        }
    }

    /// A `str` of code points (lone surrogates included); `max` is the largest.
    pub(super) fn code_points(&mut self, code_points: &[u32], max: u32) -> Result<Handle<'ctx>> {
        if max < 0x100 {
            self.latin1.clear();
            self.latin1
                .extend(code_points.iter().map(|&c| c.to_le_bytes()[0]));
            return self.cx.str_from_latin1(&self.latin1);
        }
        str_from_ucs4(self.cx, code_points)
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

    /// A `list` of `items`.
    ///
    /// Through HPy's list builder straight from the parser's stack of items: the safe API
    /// builds lists from an owned `Vec` (`IntoPy`), which it copies into another before
    /// building, two allocations and copies per array that this avoids.
    #[inline]
    pub(super) fn list(&self, items: &[Handle<'ctx>]) -> Result<Handle<'ctx>> {
        let table = self.cx.table();
        let (Some(new), Some(set), Some(build)) = (
            table.ctx_ListBuilder_New,
            table.ctx_ListBuilder_Set,
            table.ctx_ListBuilder_Build,
        ) else {
            return Err(TypeError::new_err("the HPy context lacks the list builder"));
        };
        let raw = self.cx.as_raw();
        // A slice never holds more than `isize::MAX` items.
        let len = items.len() as isize;
        // SAFETY: the context is this call's. The builder is made for `len` items, every slot
        // is set (`Set` does not steal the handle, which stays open in `items`), and it is
        // built exactly once, with nothing else running meanwhile (on CPython an unbuilt
        // builder is a list with NULL slots that Python code must not see). `Build` returns
        // a new handle or NULL with an exception set.
        unsafe {
            let builder = new(raw, len);
            for (i, item) in items.iter().enumerate() {
                set(raw, builder, i as isize, item.as_raw());
            }
            Handle::from_raw_or_err(self.cx, build(raw, builder))
        }
    }

    /// An empty `dict`.
    #[inline]
    pub(super) fn dict(&self) -> Result<Handle<'ctx>> {
        // The safe API makes an empty dict from an empty map.
        self.cx.to_py(std::collections::HashMap::<(), ()>::new())
    }
}

/// A `str` of UCS-4 code points, lone surrogates included.
///
/// Where `wchar_t` is UCS-4 (Linux, macOS) that is `HPyUnicode_FromWideChar` on the code
/// points themselves, which the safe API does not offer (its `str` constructor takes Rust
/// text, which cannot hold a surrogate, and re-encodes it as `wchar_t`). Elsewhere the code
/// points go through UTF-8 with `surrogatepass`, which keeps surrogates apart as they are.
fn str_from_ucs4<'ctx>(cx: Context<'ctx>, code_points: &[u32]) -> Result<Handle<'ctx>> {
    if size_of::<libc::wchar_t>() != size_of::<u32>() {
        return str_through_surrogatepass(cx, code_points);
    }
    let from_wide_char = cx
        .table()
        .ctx_Unicode_FromWideChar
        .ok_or_else(|| TypeError::new_err("the HPy context lacks HPyUnicode_FromWideChar"))?;
    // A slice never holds more than `isize::MAX` bytes.
    let len = code_points.len() as isize;
    // SAFETY: the context is this call's; `code_points` is valid for `len` `wchar_t`s (same
    // size as `u32`, checked above, and any value is allowed: CPython rejects those above
    // U+10FFFF itself, and the decoder never produces one); the result is a new handle or
    // NULL with an exception set.
    unsafe {
        Handle::from_raw_or_err(
            cx,
            from_wide_char(cx.as_raw(), code_points.as_ptr().cast(), len),
        )
    }
}

/// `bytes(utf8).decode("utf-8", "surrogatepass")`, the UTF-8 written here.
#[cold]
fn str_through_surrogatepass<'ctx>(cx: Context<'ctx>, code_points: &[u32]) -> Result<Handle<'ctx>> {
    let mut utf8 = hpy::alloc::vec_with_capacity::<u8>(code_points.len() * 4)?;
    for &c in code_points {
        // The generic UTF-8 encoding, which surrogates go through unchanged.
        let bytes = c.to_be_bytes();
        match c {
            0..=0x7f => utf8.push(bytes[3]),
            0x80..=0x7ff => utf8.extend([0xc0 | (c >> 6) as u8, 0x80 | (c & 0x3f) as u8]),
            0x800..=0xffff => utf8.extend([
                0xe0 | (c >> 12) as u8,
                0x80 | ((c >> 6) & 0x3f) as u8,
                0x80 | (c & 0x3f) as u8,
            ]),
            _ => utf8.extend([
                0xf0 | (c >> 18) as u8,
                0x80 | ((c >> 12) & 0x3f) as u8,
                0x80 | ((c >> 6) & 0x3f) as u8,
                0x80 | (c & 0x3f) as u8,
            ]),
        }
    }
    cx.to_py(utf8.as_slice())?
        .decode(Some("utf-8"), Some("surrogatepass"))
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
