//! `int`s (and subclasses: `IntEnum`, …) as C ujson writes them: through `int64_t` when the
//! value fits, `uint64_t` when it fits that, else its decimal text (`PyNumber_ToBase(obj,
//! 10)`, which respects `sys.set_int_max_str_digits`). A subclass's `__str__`/`__repr__` are
//! never called.

use hpy::exceptions::OverflowError;
use hpy::{Handle, Result};

/// Appends the decimal value of the `int` (or subclass) `obj`.
#[inline]
pub fn write(out: &mut Vec<u8>, obj: &Handle<'_>) -> Result<()> {
    let cx = obj.context();
    match obj.extract::<i64>() {
        Ok(v) => {
            out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
            Ok(())
        }
        Err(err) if err.matches(cx, OverflowError) => {
            err.clear(cx);
            wide(out, obj)
        }
        Err(err) => Err(err),
    }
}

/// Beyond `i64`: `u64`, else the exact `int`'s decimal text.
#[cold]
#[inline(never)]
fn wide(out: &mut Vec<u8>, obj: &Handle<'_>) -> Result<()> {
    let cx = obj.context();
    match obj.extract::<u64>() {
        Ok(v) => {
            out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
            return Ok(());
        }
        Err(err) if err.matches(cx, OverflowError) => err.clear(cx),
        Err(err) => return Err(err),
    }
    // `operator.index` gives an exact `int` (a subclass is copied), whose `str` is
    // `int.__repr__`: the same digits as `PyNumber_ToBase(obj, 10)`, the same limit.
    let text = obj.index()?.str()?;
    out.extend_from_slice(text.extract::<&str>()?.as_bytes());
    Ok(())
}
