//! Strings: the bytes between the quotes, UTF-8 and escapes decoded as ujson 6.1.0 does.
//!
//! ujson's UTF-8 decoder is its own: it accepts encoded surrogates (so a `str` with lone
//! surrogates, encoded with `surrogatepass`, decodes back to itself), rejects overlong forms
//! and code points past U+10FFFF, and pairs a `\uD8xx` escape with a `\uDCxx` escape only
//! when the second immediately follows the first.

use super::error::messages;
use super::text::Text;

/// A decoded string.
#[derive(Debug, PartialEq)]
pub(super) enum Decoded<'a> {
    /// ASCII without escapes: the bytes between the quotes, as they are in the input.
    Ascii(&'a [u8]),
    /// Valid UTF-8 (not all ASCII) without escapes, as it is in the input.
    Utf8(&'a str),
    /// Anything else: its code points (surrogates included) are in the buffer passed to
    /// [`string`]; `max` is the largest.
    CodePoints { max: u32 },
}

/// Reads the string whose opening quote is at the current position and moves past its
/// closing quote. `buffer` receives the code points of a string that is not plain ASCII.
#[inline]
pub(super) fn string<'a>(
    text: &mut Text<'a>,
    buffer: &mut Vec<u32>,
) -> Result<Decoded<'a>, &'static str> {
    let start = text.pos() + 1;
    let rest = &text.bytes()[start..];
    let plain = plain_ascii_len(rest);
    if rest.get(plain) == Some(&b'"') {
        text.set_pos(start + plain + 1);
        return Ok(Decoded::Ascii(&rest[..plain]));
    }
    if let Some(utf8) = plain_utf8(&rest[plain..]) {
        let len = plain + utf8;
        if let Ok(valid) = core::str::from_utf8(&rest[..len]) {
            text.set_pos(start + len + 1);
            return Ok(Decoded::Utf8(valid));
        }
    }
    buffer.clear();
    buffer.extend(rest[..plain].iter().map(|&b| u32::from(b)));
    text.set_pos(start + plain);
    let max = decode_rest(text, buffer)?;
    Ok(Decoded::CodePoints { max })
}

/// How many bytes at the start of `s` are ASCII other than `"`, `\` and NUL.
#[inline(always)]
fn plain_ascii_len(s: &[u8]) -> usize {
    // Eight bytes at a time: a word has a byte to stop at if one is >= 0x80, or equals `"`,
    // `\` or 0 (the classic "has zero byte" test on the word xor each of them).
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS;
    let mut n = 0;
    for chunk in s.chunks_exact(8) {
        let w = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
        let stop = (w & HIGHS)
            | has_zero(w)
            | has_zero(w ^ (ONES * u64::from(b'"')))
            | has_zero(w ^ (ONES * u64::from(b'\\')));
        if stop != 0 {
            break;
        }
        n += 8;
    }
    n + s[n..]
        .iter()
        .position(|&b| b >= 0x80 || b == b'"' || b == b'\\' || b == 0)
        .unwrap_or(s.len() - n)
}

/// The length of `s` up to its first `"`, if no `\` or NUL comes first (the string may
/// then be valid UTF-8 without escapes).
#[inline]
fn plain_utf8(s: &[u8]) -> Option<usize> {
    let stop = s.iter().position(|&b| b == b'"' || b == b'\\' || b == 0)?;
    (s[stop] == b'"').then_some(stop)
}

/// Decodes up to and past the closing quote, appending code points; returns the largest
/// code point of the whole string.
#[cold]
#[inline(never)]
fn decode_rest(text: &mut Text<'_>, out: &mut Vec<u32>) -> Result<u32, &'static str> {
    let mut pos = text.pos();
    // Where the last `\uD800`-`\uDBFF` escape ended: a low surrogate escape starting exactly
    // there combines with it.
    let mut high_surrogate_end = None;
    loop {
        let byte = text.at(pos);
        match byte {
            0 => return Err(messages::UNMATCHED_QUOTE),
            b'"' => {
                text.set_pos(pos + 1);
                return Ok(out.iter().copied().max().unwrap_or(0));
            }
            b'\\' => {
                let escape_start = pos;
                pos += 2;
                let decoded = match text.at(escape_start + 1) {
                    b'\\' => u32::from(b'\\'),
                    b'"' => u32::from(b'"'),
                    b'/' => u32::from(b'/'),
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'n' => u32::from(b'\n'),
                    b'r' => u32::from(b'\r'),
                    b't' => u32::from(b'\t'),
                    b'u' => {
                        let unit = hex4(text, pos)?;
                        pos += 4;
                        let last = out.last_mut();
                        match last {
                            Some(high)
                                if unit & 0xfc00 == 0xdc00
                                    && high_surrogate_end == Some(escape_start) =>
                            {
                                *high = (((*high - 0xd800) << 10) | (unit - 0xdc00)) + 0x10000;
                            }
                            _ => out.push(unit),
                        }
                        if unit & 0xfc00 == 0xd800 {
                            high_surrogate_end = Some(pos);
                        }
                        continue;
                    }
                    0 => return Err(messages::ESCAPE_UNTERMINATED),
                    _ => return Err(messages::ESCAPE_UNRECOGNIZED),
                };
                out.push(decoded);
            }
            0x01..=0x7f => {
                out.push(u32::from(byte));
                pos += 1;
            }
            0x80..=0xbf => return Err(messages::UTF8_STRAY_CONTINUATION),
            0xc0..=0xdf => {
                let code = multi_byte(text, pos, 2, 0x80, messages::UTF8_OVERLONG_2)?;
                out.push(code);
                pos += 2;
            }
            0xe0..=0xef => {
                let code = multi_byte(text, pos, 3, 0x800, messages::UTF8_OVERLONG_3)?;
                out.push(code);
                pos += 3;
            }
            0xf0..=0xf4 => {
                let code = multi_byte(text, pos, 4, 0x10000, messages::UTF8_OVERLONG_4)?;
                if code > 0x10ffff {
                    return Err(messages::UTF8_TOO_LARGE);
                }
                out.push(code);
                pos += 4;
            }
            0xf5..=0xf7 => return Err(messages::UTF8_TOO_LARGE),
            0xf8..=0xff => return Err(messages::UTF8_LENGTH),
        }
    }
}

/// The code point of the `len`-byte UTF-8 sequence at `pos` (its lead byte already
/// classified), or `overlong` if it is below `min`.
#[inline(always)]
fn multi_byte(
    text: &Text<'_>,
    pos: usize,
    len: usize,
    min: u32,
    overlong: &'static str,
) -> Result<u32, &'static str> {
    let mut code = u32::from(text.at(pos) & (0x7f >> len));
    for i in 1..len {
        code = (code << 6) | continuation(text.at(pos + i))?;
    }
    match code < min {
        true => Err(overlong),
        false => Ok(code),
    }
}

/// The six payload bits of a UTF-8 continuation byte.
#[inline(always)]
fn continuation(byte: u8) -> Result<u32, &'static str> {
    match byte & 0xc0 {
        0x80 => Ok(u32::from(byte & 0x3f)),
        _ => Err(messages::UTF8_CONTINUATION),
    }
}

/// The four hex digits of a `\u` escape at `pos`.
#[inline(always)]
fn hex4(text: &Text<'_>, pos: usize) -> Result<u32, &'static str> {
    if let Some(&[a, b, c, d]) = text.bytes().get(pos..pos + 4) {
        let digits = [a, b, c, d].map(|x| HEX_DIGITS[usize::from(x)]);
        if digits.iter().all(|&x| x != NOT_HEX) {
            return Ok(digits.iter().fold(0, |unit, &x| (unit << 4) | u32::from(x)));
        }
    }
    hex4_error(text, pos)
}

/// ujson's error for the `\u` escape at `pos`: the first byte that is not a hex digit is
/// the end of the text (or a NUL), or something else.
#[cold]
fn hex4_error(text: &Text<'_>, pos: usize) -> Result<u32, &'static str> {
    for i in 0..4 {
        match text.at(pos + i) {
            0 => return Err(messages::UNICODE_UNTERMINATED),
            b if HEX_DIGITS[usize::from(b)] == NOT_HEX => {
                return Err(messages::UNICODE_BAD_DIGIT);
            }
            _ => {}
        }
    }
    unreachable!("hex4_error is called on an invalid escape")
}

const NOT_HEX: u8 = 0xff;

/// The value of each byte as a hex digit, or `NOT_HEX`.
static HEX_DIGITS: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &[u8]) -> (Result<Vec<u32>, &'static str>, usize) {
        let mut text = Text::new(s);
        let mut buffer = Vec::new();
        let result = string(&mut text, &mut buffer).map(|d| match d {
            Decoded::Ascii(b) => b.iter().map(|&b| u32::from(b)).collect(),
            Decoded::Utf8(s) => s.chars().map(u32::from).collect(),
            Decoded::CodePoints { .. } => buffer.clone(),
        });
        (result, text.pos())
    }

    fn units(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    #[test]
    fn ascii_and_escapes() {
        assert_eq!(
            read(b"\"abcdefghijklmnop\" "),
            (Ok(units("abcdefghijklmnop")), 18)
        );
        assert_eq!(read(b"\"a\\n\\u00e9\""), (Ok(units("a\n\u{e9}")), 11));
        assert_eq!(read(b"\"\\ud83d\\ude00\""), (Ok(vec![0x1f600]), 14));
        assert_eq!(read(b"\"\\ude00\\ud83d\""), (Ok(vec![0xde00, 0xd83d]), 14));
        assert_eq!(read(b"\"\xed\xa0\x80\""), (Ok(vec![0xd800]), 5));
        assert_eq!(read(b"\"\xc3\xa9\x01\""), (Ok(vec![0xe9, 1]), 5));
    }

    #[test]
    fn errors() {
        assert_eq!(read(b"\"abc").0, Err(messages::UNMATCHED_QUOTE));
        assert_eq!(read(b"\"ab\0c\"").0, Err(messages::UNMATCHED_QUOTE));
        assert_eq!(read(b"\"\\u12").0, Err(messages::UNICODE_UNTERMINATED));
        assert_eq!(read(b"\"\\u12x4\"").0, Err(messages::UNICODE_BAD_DIGIT));
        assert_eq!(read(b"\"\\").0, Err(messages::ESCAPE_UNTERMINATED));
        assert_eq!(read(b"\"\\x\"").0, Err(messages::ESCAPE_UNRECOGNIZED));
        assert_eq!(read(b"\"\xc0\x80\"").0, Err(messages::UTF8_OVERLONG_2));
        assert_eq!(read(b"\"\xf8\"").0, Err(messages::UTF8_LENGTH));
        assert_eq!(read(b"\"\x80\"").0, Err(messages::UTF8_STRAY_CONTINUATION));
        assert_eq!(
            read(b"\"\xf4\x90\x80\x80\"").0,
            Err(messages::UTF8_TOO_LARGE)
        );
    }
}
