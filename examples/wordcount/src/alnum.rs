//! Which characters `str.isalnum()` accepts, read once from the running interpreter.
//!
//! Python's answer depends on the Unicode version of its `unicodedata` (12.1 in Python 3.8,
//! 15.1 in 3.13), and a Rust table would carry another. So the first time a text is not all
//! ASCII, this asks Python: `re`'s `[^\W_]` is exactly `str.isalnum()` (CPython's `\w` for
//! `str` patterns is `isalnum()` or `_`), and one `finditer` over a string of every non-ASCII
//! code point returns the runs of alphanumeric characters (about a thousand ranges, in some
//! 30 ms). Lookups are then pure Rust, so tokenizing runs without the interpreter.

use std::sync::OnceLock;

use hpy::{Context, Result};

/// The non-ASCII alphanumeric code points, as sorted, disjoint `start..end` ranges.
static RANGES: OnceLock<Box<[(u32, u32)]>> = OnceLock::new();

/// The first code point after the ASCII range.
const FIRST: u32 = 0x80;
/// The surrogates, which a Rust string cannot hold (and which are not alphanumeric).
const SURROGATES: core::ops::Range<u32> = 0xD800..0xE000;

/// Which characters are alphanumeric: ASCII ones by their code, others in the table.
#[derive(Clone, Copy)]
pub struct Alnum(&'static [(u32, u32)]);

impl Alnum {
    /// The classifier for `texts`: when one is not all ASCII, the table is read from the
    /// interpreter (once per process).
    pub fn for_texts<'t>(
        cx: Context<'_>,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Result<Self> {
        if texts.into_iter().all(str::is_ascii) {
            return Ok(Alnum(&[]));
        }
        match RANGES.get() {
            Some(ranges) => Ok(Alnum(ranges)),
            None => {
                let ranges = load(cx)?;
                Ok(Alnum(RANGES.get_or_init(|| ranges)))
            }
        }
    }

    /// Whether `c.isalnum()` is true in Python (for a non-ASCII `c`, when the classifier
    /// was made for a text containing it).
    #[inline]
    pub fn is_alnum(self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric();
        }
        let c = u32::from(c);
        let after = self.0.partition_point(|&(start, _)| start <= c);
        after > 0 && c < self.0[after - 1].1
    }
}

/// Reads the ranges from the interpreter.
fn load(cx: Context<'_>) -> Result<Box<[(u32, u32)]>> {
    // Every non-ASCII code point in order, with one space standing for the surrogates: the
    // space is not alphanumeric, so no run crosses the gap.
    let text: String = (FIRST..SURROGATES.start)
        .chain([u32::from(b' ')])
        .chain(SURROGATES.end..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .collect();
    let gap = (SURROGATES.start - FIRST) as usize;
    let code_point = |index: usize| -> u32 {
        if index < gap {
            index as u32 + FIRST
        } else {
            (index - gap - 1) as u32 + SURROGATES.end
        }
    };
    let pattern = cx.import("re")?.getattr(c"compile")?.call((r"[^\W_]+",))?;
    let mut ranges = Vec::new();
    for found in pattern
        .getattr(c"finditer")?
        .call((text.as_str(),))?
        .iter()?
    {
        let (start, end): (usize, usize) = found?.getattr(c"span")?.call(())?.extract()?;
        ranges.push((code_point(start), code_point(end - 1) + 1));
    }
    Ok(ranges.into_boxed_slice())
}
