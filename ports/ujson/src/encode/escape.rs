//! Strings → JSON string literals, escaped as C ujson escapes them.
//!
//! One table, built per call from the options, classifies every byte: copied as is, escaped
//! (`\"`, `\\`, `\/`, `\b` … or `\u00XX`), or — with `ensure_ascii` — the lead byte of a
//! UTF-8 sequence to decode and write as `\uXXXX` (a surrogate pair above U+FFFF). Runs of
//! bytes to copy are copied at once.
//!
//! With `ensure_ascii`, C ujson validates the sequences it decodes (and fails with
//! `OverflowError` and its own messages) but copies stray continuation bytes and `FE`/`FF`
//! verbatim; the final UTF-8 decoding of the output then rejects those, as it rejects every
//! invalid byte when `ensure_ascii` is off (see `output.rs`). Lone surrogates (`ED A0 80` …,
//! which `surrogatepass` makes) decode to `\ud800` … like any 3-byte sequence.

use hpy::Result;
use hpy::exceptions::OverflowError;

/// Copied verbatim.
const COPY: u8 = 0;
/// An ASCII byte written as an escape.
const ESCAPE: u8 = 1;
/// The lead byte of a UTF-8 sequence of 2, 3 or 4 bytes (or 5, 6: refused), `ensure_ascii`.
const LEAD2: u8 = 2;
const LEAD3: u8 = 3;
const LEAD4: u8 = 4;
const LEAD_UNSUPPORTED: u8 = 5;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The byte classes for one set of options.
pub struct Escaper {
    class: [u8; 256],
}

impl Escaper {
    /// The table for `ensure_ascii`, `encode_html_chars` and `escape_forward_slashes`.
    pub fn new(ensure_ascii: bool, html: bool, slashes: bool) -> Self {
        let mut class = [COPY; 256];
        class[..0x20].fill(ESCAPE);
        class[usize::from(b'"')] = ESCAPE;
        class[usize::from(b'\\')] = ESCAPE;
        if slashes {
            class[usize::from(b'/')] = ESCAPE;
        }
        if html {
            for b in [b'<', b'>', b'&'] {
                class[usize::from(b)] = ESCAPE;
            }
        }
        if ensure_ascii {
            // 0x80..=0xBF (stray continuation bytes) and 0xFE, 0xFF stay COPY, as in C ujson.
            class[0xC0..0xE0].fill(LEAD2);
            class[0xE0..0xF0].fill(LEAD3);
            class[0xF0..0xF8].fill(LEAD4);
            class[0xF8..0xFE].fill(LEAD_UNSUPPORTED);
        }
        Escaper { class }
    }

    /// Appends `"text"`, escaped, to `out`.
    pub fn write(&self, out: &mut Vec<u8>, text: &[u8]) -> Result<()> {
        hpy::alloc::reserve(out, text.len() + 2)?;
        out.push(b'"');
        let mut start = 0;
        let mut i = 0;
        loop {
            i += self.copied(&text[i..]);
            let Some(&b) = text.get(i) else {
                break;
            };
            let class = self.class[usize::from(b)];
            out.extend_from_slice(&text[start..i]);
            i += match class {
                ESCAPE => {
                    escape_ascii(out, text[i]);
                    1
                }
                _ => escape_sequence(out, &text[i..], class)?,
            };
            start = i;
        }
        out.extend_from_slice(&text[start..]);
        out.push(b'"');
        Ok(())
    }

    /// How many bytes at the start of `text` are copied as they are: eight bytes are
    /// classified at a time.
    #[inline]
    fn copied(&self, text: &[u8]) -> usize {
        let class = |b: u8| self.class[usize::from(b)];
        let mut chunks = text.chunks_exact(8);
        let mut n = 0;
        for chunk in &mut chunks {
            if chunk.iter().fold(COPY, |any, &b| any | class(b)) != COPY {
                break;
            }
            n += 8;
        }
        n + text[n..].iter().take_while(|&&b| class(b) == COPY).count()
    }
}

/// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, or `\u00XX` for the other bytes.
#[inline]
fn escape_ascii(out: &mut Vec<u8>, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b)]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[inline]
fn hex(nibble: u8) -> u8 {
    HEX[usize::from(nibble & 0xF)]
}

/// Appends `\uXXXX`.
#[inline]
fn escape_unit(out: &mut Vec<u8>, unit: u32) {
    out.extend_from_slice(&[
        b'\\',
        b'u',
        hex((unit >> 12) as u8),
        hex((unit >> 8) as u8),
        hex((unit >> 4) as u8),
        hex(unit as u8),
    ]);
}

/// Decodes the UTF-8 sequence at the start of `s` (its lead byte of class `class`) with C
/// ujson's checks, in its order and with its messages, and appends its escape; returns the
/// sequence's length.
fn escape_sequence(out: &mut Vec<u8>, s: &[u8], class: u8) -> Result<usize> {
    let len = match class {
        LEAD2 => 2,
        LEAD3 => 3,
        LEAD4 => 4,
        _ => return Err(invalid("Unsupported UTF-8 sequence length")),
    };
    if s.len() < len {
        return Err(invalid("Unterminated UTF-8 sequence"));
    }
    if s[1..len].iter().any(|&b| b & 0xC0 != 0x80) {
        return Err(OverflowError::new_err(format!(
            "Invalid continuation byte in {len}-byte UTF-8 sequence detected when encoding string"
        )));
    }
    let tail = |i: usize| u32::from(s[i] & 0x3F);
    let (ucs, min) = match len {
        2 => ((u32::from(s[0] & 0x1F) << 6) | tail(1), 0x80),
        3 => (
            (u32::from(s[0] & 0x0F) << 12) | (tail(1) << 6) | tail(2),
            0x800,
        ),
        _ => {
            if (s[0] >= 0xF4 && s[1] >= 0x90) || s[0] >= 0xF5 {
                return Err(OverflowError::new_err(
                    ">U+10FFFF in 4-byte UTF-8 sequence detected when encoding string",
                ));
            }
            (
                (u32::from(s[0] & 0x07) << 18) | (tail(1) << 12) | (tail(2) << 6) | tail(3),
                0x10000,
            )
        }
    };
    if ucs < min {
        return Err(OverflowError::new_err(format!(
            "Overlong {len}-byte UTF-8 sequence detected when encoding string"
        )));
    }
    if ucs >= 0x10000 {
        let v = ucs - 0x10000;
        escape_unit(out, 0xD800 + (v >> 10));
        escape_unit(out, 0xDC00 + (v & 0x3FF));
    } else {
        escape_unit(out, ucs);
    }
    Ok(len)
}

#[cold]
fn invalid(what: &str) -> hpy::Error {
    OverflowError::new_err(format!("{what} when encoding string"))
}
