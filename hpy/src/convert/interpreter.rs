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

use crate::exceptions::ImportError;
use crate::{Context, Result};

/// Whether the interpreter is a CPython older than 3.10.
static BEFORE_3_10: AtomicBool = AtomicBool::new(false);

/// Whether the interpreter runs garbage collections only between bytecodes (CPython 3.12 and
/// later), never inside an allocation a C function makes; `false` until learnt.
static COLLECTS_BETWEEN_BYTECODES: AtomicBool = AtomicBool::new(false);

/// Learns the interpreter's version (at each module's exec: every call into the library comes
/// after one), and refuses CPython 3.13 and later.
///
/// HPy 0.9's runtime marks the types it creates with type flag bit 2
/// (`HPy_TPFLAGS_INTERNAL_IS_HPY_TYPE`, `hpy/devel/src/runtime/ctx_type.c:25`), which CPython
/// 3.13 took for `Py_TPFLAGS_INLINE_VALUES` (`Include/object.h:639`): 3.13 then reads an HPy
/// object's payload as inline attribute values and the word before the object as its
/// `__dict__`, so a method call on an instance crashes or writes into another heap block.
/// hpy-rs cannot change the flags through HPy's API, so a module refuses to load there.
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
    if implementation == "cpython" && (major, minor) >= (3, 13) {
        return Err(ImportError::new_err(format!(
            "hpy-rs modules do not run on CPython {major}.{minor}: HPy 0.9 supports CPython 3.8 \
             to 3.12 (its runtime marks its types with type flag bit 2, which CPython 3.13 uses \
             for Py_TPFLAGS_INLINE_VALUES: method calls on instances would crash)"
        )));
    }
    // (`PyInit_<name>` refused any other CPython version before anything ran.)
    #[cfg(feature = "abi-cpython")]
    if implementation != "cpython" {
        let (built_major, built_minor) = crate::ffi::cpython_capi::PY_VERSION;
        return Err(ImportError::new_err(format!(
            "this module was built for the CPython ABI of CPython {built_major}.{built_minor}, \
             not for {implementation} {major}.{minor}: build it for this interpreter, or for \
             HPy's universal ABI"
        )));
    }
    let older = implementation == "cpython" && (major, minor) < (3, 10);
    BEFORE_3_10.store(older, Ordering::Relaxed);
    let deferred = implementation == "cpython" && (major, minor) >= (3, 12);
    COLLECTS_BETWEEN_BYTECODES.store(deferred, Ordering::Relaxed);
    Ok(())
}

/// Whether no garbage collection (so no finalizer) can start inside a C function's
/// allocations: CPython 3.12 and later start them at the next bytecode boundary (gh-97922).
/// (The universal ABI's dict reader asks; the CPython ABI reads dicts itself.)
#[cfg(not(feature = "abi-cpython"))]
#[inline(always)]
pub(crate) fn collects_between_bytecodes() -> bool {
    COLLECTS_BETWEEN_BYTECODES.load(Ordering::Relaxed)
}

/// Whether the interpreter's integer conversions call `__int__` (CPython before 3.10).
#[inline(always)]
pub(crate) fn integers_call_int() -> bool {
    #[cfg(feature = "abi-cpython")]
    return crate::ffi::cpython_capi::PY_VERSION.1 < 10;
    #[cfg(not(feature = "abi-cpython"))]
    BEFORE_3_10.load(Ordering::Relaxed)
}

/// Whether `complex` has a `__float__` that raises (CPython before 3.10).
#[inline(always)]
pub(crate) fn complex_has_float() -> bool {
    integers_call_int()
}
