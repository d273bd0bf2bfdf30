//! What the interpreter's own conversions do that differs between the CPython versions hpy 0.9
//! supports, learned once when a module executes.
//!
//! Before 3.10, CPython converts an object with `__int__` but no `__index__` (a `float`, a
//! `Decimal`) to an integer, with a `DeprecationWarning` (HPy's `HPyLong_As*` call
//! `PyLong_AsLong` & co), and `complex` has a `__float__` that raises "can't convert complex
//! to float"; 3.10 accepts only `__index__` for integers and has no `complex.__float__`.
//! hpy-rs gives every version 3.10's behaviour: on the older ones, a parameter that is not an
//! `int` goes through `__index__` (never `__int__`), and a `complex` is refused as a real
//! number with 3.10's message.

use core::sync::atomic::{AtomicBool, Ordering};

use crate::{Context, Result};

/// Whether the interpreter is a CPython older than 3.10.
static BEFORE_3_10: AtomicBool = AtomicBool::new(false);

/// Learns the interpreter's version (at each module's exec: every call into the library comes
/// after one).
pub(crate) fn note_interpreter(cx: Context<'_>) -> Result<()> {
    let sys = cx.import("sys")?;
    let implementation: String = sys
        .getattr(c"implementation")?
        .getattr(c"name")?
        .extract()?;
    let (major, minor): (u32, u32) = {
        let version = sys.getattr(c"version_info")?;
        (
            version.get_item_index(0)?.extract()?,
            version.get_item_index(1)?.extract()?,
        )
    };
    let older = implementation == "cpython" && (major, minor) < (3, 10);
    BEFORE_3_10.store(older, Ordering::Relaxed);
    Ok(())
}

/// Whether the interpreter's integer conversions call `__int__` (CPython before 3.10).
#[inline(always)]
pub(crate) fn integers_call_int() -> bool {
    BEFORE_3_10.load(Ordering::Relaxed)
}

/// Whether `complex` has a `__float__` that raises (CPython before 3.10).
#[inline(always)]
pub(crate) fn complex_has_float() -> bool {
    BEFORE_3_10.load(Ordering::Relaxed)
}
