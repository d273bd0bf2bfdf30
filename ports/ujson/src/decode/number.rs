//! Numbers: `-?[0-9]+` integers (exact, whatever their size), floats, `NaN`, `Infinity`
//! and `-Infinity`, with ujson 6.1.0's leniency (`-` alone is `0`, leading zeros are allowed,
//! `1.` is `1.0`).
//!
//! ujson scans the integer part itself and hands anything with a `.` or an exponent to
//! double-conversion's `StringToDouble` (with `ALLOW_TRAILING_JUNK`), which converts the longest
//! prefix it accepts, correctly rounded. [`float_prefix`] finds that same prefix; Rust's
//! `f64::from_str`, also correctly rounded for any number of digits, converts it, so every
//! float is the one C ujson returns.

use super::error::messages;
use super::text::Text;

/// A decoded number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number<'a> {
    /// An integer that fits 64 bits signed.
    Int(i64),
    /// An integer in `i64::MAX + 1 ..= u64::MAX`.
    UInt(u64),
    /// An integer past 64 bits: its text, sign included, for Python's `int()`.
    Big(&'a [u8]),
    Float(f64),
}

/// Reads the number at the current position, which starts with `-`, a digit, `I` or `N`.
/// A float prefix double-conversion rejects (`-.`, `-e`) is `0.0` and consumes nothing, as in
/// ujson (the caller then fails on the character that follows).
pub(super) fn number<'a>(text: &mut Text<'a>) -> Result<Number<'a>, &'static str> {
    let start = text.pos();
    let mut pos = start;
    let negative = text.at(pos) == b'-';
    if negative {
        pos += 1;
    }
    match text.at(pos) {
        b'I' => return infinity(text, pos, negative),
        b'N' if !negative => return nan(text, pos),
        _ => {}
    }
    // ujson's limits: 2^64 - 1 for positive numbers, 2^63 for the magnitude of negative ones.
    let limit: u64 = if negative { 1 << 63 } else { u64::MAX };
    let mut magnitude: u64 = 0;
    let mut overflow = false;
    loop {
        match text.at(pos) {
            digit @ b'0'..=b'9' => {
                match magnitude
                    .checked_mul(10)
                    .and_then(|m| m.checked_add(u64::from(digit - b'0')))
                {
                    Some(m) if m <= limit => magnitude = m,
                    _ => overflow = true,
                }
                pos += 1;
            }
            b'.' | b'e' | b'E' => return Ok(float(text)),
            _ => break,
        }
    }
    text.set_pos(pos);
    Ok(if overflow {
        Number::Big(&text.bytes()[start..pos])
    } else if negative {
        // `magnitude <= 2^63`: `0 - magnitude` fits (and `-0` is `0`).
        Number::Int(0i64.wrapping_sub_unsigned(magnitude))
    } else {
        match i64::try_from(magnitude) {
            Ok(value) => Number::Int(value),
            Err(_) => Number::UInt(magnitude),
        }
    })
}

/// `Infinity` or `-Infinity`; `pos` is at the `I`.
fn infinity<'a>(
    text: &mut Text<'a>,
    pos: usize,
    negative: bool,
) -> Result<Number<'a>, &'static str> {
    expect_word(
        text,
        pos,
        b"Infinity",
        if negative {
            messages::NEG_INFINITY
        } else {
            messages::INFINITY
        },
    )?;
    Ok(Number::Float(if negative {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    }))
}

/// `NaN`; `pos` is at the `N`.
fn nan<'a>(text: &mut Text<'a>, pos: usize) -> Result<Number<'a>, &'static str> {
    expect_word(text, pos, b"NaN", messages::NAN)?;
    Ok(Number::Float(f64::NAN))
}

/// Checks that `word` is at `pos` (its first byte already seen) and moves past it.
#[inline(always)]
pub(super) fn expect_word(
    text: &mut Text<'_>,
    pos: usize,
    word: &[u8],
    error: &'static str,
) -> Result<(), &'static str> {
    if text.bytes().get(pos..pos + word.len()) == Some(word) {
        text.set_pos(pos + word.len());
        return Ok(());
    }
    // Byte by byte, as ujson does: its NUL terminator (our `0` past the end) never matches.
    for (i, &expected) in word.iter().enumerate().skip(1) {
        if text.at(pos + i) != expected {
            return Err(error);
        }
    }
    text.set_pos(pos + word.len());
    Ok(())
}

/// The float at the current position (ujson's `decodeDouble`).
#[cold]
#[inline(never)]
fn float<'a>(text: &mut Text<'a>) -> Number<'a> {
    let rest = &text.bytes()[text.pos()..];
    let Some(len) = float_prefix(rest) else {
        return Number::Float(0.0); // double-conversion's "junk" value; nothing consumed
    };
    text.advance(len);
    // The prefix is ASCII in a grammar `f64::from_str` accepts (`1.`, `-.5`, `0.e5` included).
    // A disagreement would be a bug here: it panics (a Python exception), never a wrong value.
    let value = core::str::from_utf8(&rest[..len])
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .expect("double-conversion's float grammar is a subset of f64::from_str's");
    Number::Float(value)
}

/// The length of the longest prefix of `s` that double-conversion's `StringToDouble` converts
/// with ujson's flags (`ALLOW_TRAILING_JUNK` only; `s` starts with `-` or a digit and holds a
/// `.` or an exponent), or `None` where it returns its junk value.
fn float_prefix(s: &[u8]) -> Option<usize> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let digits_from = |mut i: usize| {
        while at(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = usize::from(at(0) == b'-');
    let leading_zero = at(i) == b'0';
    let int_end = digits_from(i);
    let mut has_digits = int_end > i;
    i = int_end;
    if at(i) == b'.' {
        let fraction_end = digits_from(i + 1);
        has_digits |= fraction_end > i + 1;
        i = fraction_end;
    }
    if !leading_zero && !has_digits {
        return None;
    }
    if matches!(at(i), b'e' | b'E') {
        let mut j = i + 1;
        if matches!(at(j), b'+' | b'-') {
            j += 1;
        }
        let exponent_end = digits_from(j);
        if exponent_end > j {
            i = exponent_end;
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (Result<Number<'_>, &'static str>, usize) {
        let mut text = Text::new(s.as_bytes());
        let n = number(&mut text);
        (n, text.pos())
    }

    #[test]
    fn integers() {
        assert_eq!(read("0"), (Ok(Number::Int(0)), 1));
        assert_eq!(read("-0"), (Ok(Number::Int(0)), 2));
        assert_eq!(read("-"), (Ok(Number::Int(0)), 1));
        assert_eq!(read("007]"), (Ok(Number::Int(7)), 3));
        assert_eq!(read("9223372036854775808"), (Ok(Number::UInt(1 << 63)), 19));
        assert_eq!(
            read("18446744073709551615"),
            (Ok(Number::UInt(u64::MAX)), 20)
        );
        assert_eq!(
            read("18446744073709551616"),
            (Ok(Number::Big(b"18446744073709551616")), 20)
        );
        assert_eq!(
            read("-9223372036854775808"),
            (Ok(Number::Int(i64::MIN)), 20)
        );
        assert_eq!(
            read("-9223372036854775809"),
            (Ok(Number::Big(b"-9223372036854775809")), 20)
        );
    }

    #[test]
    fn floats() {
        assert_eq!(read("1.5,"), (Ok(Number::Float(1.5)), 3));
        assert_eq!(read("1.]"), (Ok(Number::Float(1.0)), 2));
        assert_eq!(read("-.5"), (Ok(Number::Float(-0.5)), 3));
        assert_eq!(read("-."), (Ok(Number::Float(0.0)), 0));
        assert_eq!(read("-e5"), (Ok(Number::Float(0.0)), 0));
        assert_eq!(read("1e"), (Ok(Number::Float(1.0)), 1));
        assert_eq!(read("1e+"), (Ok(Number::Float(1.0)), 1));
        assert_eq!(read("1E400"), (Ok(Number::Float(f64::INFINITY)), 5));
        assert_eq!(read("0.e5x"), (Ok(Number::Float(0.0)), 4));
        assert_eq!(read("-Infinity"), (Ok(Number::Float(f64::NEG_INFINITY)), 9));
        assert_eq!(read("Infinit"), (Err(messages::INFINITY), 0));
        assert_eq!(read("NaX"), (Err(messages::NAN), 0));
    }
}
