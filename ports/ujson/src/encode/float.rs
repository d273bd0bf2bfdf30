//! Doubles as C ujson writes them: Google double-conversion's `ToShortest` with the flags
//! `EMIT_TRAILING_DECIMAL_POINT | EMIT_TRAILING_ZERO_AFTER_POINT |
//! EMIT_POSITIVE_EXPONENT_SIGN`, exponent character `e`, and decimal notation for decimal
//! exponents in `[-4, 16)` (`DCONV_DECIMAL_IN_SHORTEST_LOW`/`HIGH`); `Infinity`, `-Infinity`
//! and `NaN` (never signed) unless `allow_nan=False`.
//!
//! The shortest round-tripping digits come from `ryu` (the same digits double-conversion
//! finds: the shortest string that reads back as the same double, the closest one when
//! several are as short); only their layout is double-conversion's:
//! `1.0`, `0.1`, `-0.0`, `1000000000000000.0`, `1e+16`, `0.0001`, `1e-5`, `5e-324`,
//! `1.7976931348623157e+308`.

use hpy::Result;
use hpy::exceptions::OverflowError;

/// double-conversion's `decimal_in_shortest_low`: smaller exponents use `e` notation.
const DECIMAL_LOW: i32 = -4;
/// double-conversion's `decimal_in_shortest_high`: this exponent and larger use `e` notation.
const DECIMAL_HIGH: i32 = 16;

/// Appends `value` to `out`.
pub fn write(out: &mut Vec<u8>, value: f64, allow_nan: bool) -> Result<()> {
    if !value.is_finite() {
        if !allow_nan {
            return Err(OverflowError::new_err("Invalid value when encoding double"));
        }
        out.extend_from_slice(match value {
            v if v.is_nan() => b"NaN",
            v if v > 0.0 => b"Infinity",
            _ => b"-Infinity",
        });
        return Ok(());
    }
    if value.is_sign_negative() {
        out.push(b'-');
    }
    if value == 0.0 {
        out.extend_from_slice(b"0.0");
        return Ok(());
    }
    let mut buffer = ryu::Buffer::new();
    let shortest = Shortest::parse(buffer.format_finite(value.abs()));
    shortest.layout(out);
    Ok(())
}

/// A positive double's shortest digits: `0.d₁d₂…dₙ × 10^point`.
struct Shortest {
    /// Room for `ryu`'s longest decimal form (`0.0000` then 17 digits).
    digits: [u8; 32],
    len: usize,
    /// Where the decimal point goes, counted in digits from the left (may be ≤ 0 or > len).
    point: i32,
}

impl Shortest {
    /// Reads `ryu`'s output for a positive finite double (`123.45`, `0.001`, `1e16`,
    /// `1.5e-7`, `100.0`): its significant digits and where its decimal point stands.
    fn parse(text: &str) -> Self {
        let (mantissa, exponent) = match text.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits = [0u8; 32];
        let mut len = 0;
        let mut point = int.len() as i32 + exponent;
        for &d in int.as_bytes().iter().chain(frac.as_bytes()) {
            if len == 0 && d == b'0' {
                // A leading zero only moves the point.
                point -= 1;
            } else if len < digits.len() {
                digits[len] = d;
                len += 1;
            }
        }
        while len > 1 && digits[len - 1] == b'0' {
            len -= 1;
        }
        Shortest { digits, len, point }
    }

    /// double-conversion's `ToShortest` layout of the digits (sign already written).
    fn layout(&self, out: &mut Vec<u8>) {
        let digits = &self.digits[..self.len];
        let len = self.len as i32;
        let exponent = self.point - 1;
        if (DECIMAL_LOW..DECIMAL_HIGH).contains(&exponent) {
            if self.point <= 0 {
                out.extend_from_slice(b"0.");
                out.resize(out.len() + (-self.point) as usize, b'0');
                out.extend_from_slice(digits);
            } else if self.point >= len {
                out.extend_from_slice(digits);
                out.resize(out.len() + (self.point - len) as usize, b'0');
                out.extend_from_slice(b".0");
            } else {
                let (int, frac) = digits.split_at(self.point as usize);
                out.extend_from_slice(int);
                out.push(b'.');
                out.extend_from_slice(frac);
            }
        } else {
            out.push(digits[0]);
            if digits.len() > 1 {
                out.push(b'.');
                out.extend_from_slice(&digits[1..]);
            }
            out.push(b'e');
            if exponent < 0 {
                out.push(b'-');
            } else {
                out.push(b'+');
            }
            out.extend_from_slice(
                itoa::Buffer::new()
                    .format(exponent.unsigned_abs())
                    .as_bytes(),
            );
        }
    }
}
