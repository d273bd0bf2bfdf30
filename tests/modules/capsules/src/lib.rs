//! `capsules`: capsules that own Rust values. It exports `capsules.api`, a capsule of a
//! `#[repr(C)]` struct of data and `extern "C"` functions that the `capsule_user` extension
//! imports by name and calls through; makes capsules whose `Drop` counts (or panics); and
//! exposes the raw-pointer API for capsules of C code (CPython's `datetime.datetime_CAPI`).
//! Tested by `tests/test_*.py` in universal and debug mode.

use core::ffi::{CStr, c_void};
use std::ffi::CString;
use std::sync::atomic::{AtomicUsize, Ordering};

use hpy::prelude::*;
use hpy::{Capsule, CapsuleValue};

/// What `capsules` shares with other extensions, as the capsule `capsules.api`
/// (`capsule_user` declares the same struct).
#[repr(C)]
pub struct Api {
    /// The version of this struct.
    pub version: u32,
    /// What `scale` multiplies by.
    pub factor: i64,
    /// `a + b`.
    pub add: extern "C" fn(i64, i64) -> i64,
    /// `x * api.factor`.
    pub scale: extern "C" fn(&Api, i64) -> i64,
}

// SAFETY: every capsule named `capsules.api` holds an `Api`: this module makes one (at
// exec), of this `#[repr(C)]` layout, which `capsule_user` repeats field by field.
unsafe impl CapsuleValue for Api {
    const NAME: &'static CStr = c"capsules.api";
}

extern "C" fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

extern "C" fn scale(api: &Api, x: i64) -> i64 {
    x.wrapping_mul(api.factor)
}

/// How many [`Counted`] values were dropped.
static DROPS: AtomicUsize = AtomicUsize::new(0);

/// A value that counts its drops in [`DROPS`].
struct Counted(u64);

impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: only `make_counted` makes capsules of this name, each of a `Counted`.
unsafe impl CapsuleValue for Counted {
    const NAME: &'static CStr = c"capsules.counted";
}

/// A zero-sized value whose `Drop` panics.
struct Panicky;

impl Drop for Panicky {
    fn drop(&mut self) {
        panic!("Panicky::drop panicked");
    }
}

// SAFETY: only `make_panicky` makes capsules of this name, each of a `Panicky`.
unsafe impl CapsuleValue for Panicky {
    const NAME: &'static CStr = c"capsules.panicky";
}

/// The start of CPython's `PyDateTime_CAPI` (`Include/datetime.h`): its first two members.
#[repr(C)]
struct DateTimeCApiStart {
    date_type: *const c_void,
    datetime_type: *const c_void,
}

/// A capsule name from Python (`None`: no name).
fn c_name(name: Option<&str>) -> Result<Option<CString>> {
    Ok(name.map(CString::new).transpose()?)
}

#[hpy::module]
mod capsules {
    use super::*;

    /// Exports `capsules.api`.
    #[hpy::init]
    fn init<'ctx>(_cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
        let api = Api {
            version: 1,
            factor: 3,
            add,
            scale,
        };
        module.setattr("api", Capsule::new(api))
    }

    /// `a + b` through the `Api` of a capsule named `capsules.api`.
    #[hpy::function]
    fn api_add(api: &Handle<'_>, a: i64, b: i64) -> Result<i64> {
        let api: &Api = api.capsule()?;
        Ok((api.add)(a, b))
    }

    /// A new capsule owning a `Counted(n)`.
    #[hpy::function]
    fn make_counted(n: u64) -> Capsule<Counted> {
        Capsule::new(Counted(n))
    }

    /// The `n` of a `capsules.counted` capsule.
    #[hpy::function]
    fn counted_value(capsule: &Handle<'_>) -> Result<u64> {
        Ok(capsule.capsule::<Counted>()?.0)
    }

    /// How many `Counted` values were dropped.
    #[hpy::function]
    fn drops() -> usize {
        DROPS.load(Ordering::Relaxed)
    }

    /// A new capsule owning a value whose `Drop` panics.
    #[hpy::function]
    fn make_panicky() -> Capsule<Panicky> {
        Capsule::new(Panicky)
    }

    /// The pointer of a capsule named `name`, as an integer.
    #[hpy::function]
    fn pointer(capsule: &Handle<'_>, name: Option<&str>) -> Result<usize> {
        let name = c_name(name)?;
        Ok(capsule.capsule_pointer(name.as_deref())?.as_ptr() as usize)
    }

    /// The name of a capsule.
    #[hpy::function]
    fn name(capsule: &Handle<'_>) -> Result<Option<String>> {
        let name = capsule.capsule_name()?;
        Ok(name.map(|n| n.to_string_lossy().into_owned()))
    }

    /// `PyCapsule_IsValid(capsule, name)`.
    #[hpy::function]
    fn is_valid(capsule: &Handle<'_>, name: Option<&str>) -> Result<bool> {
        let name = c_name(name)?;
        Ok(capsule.is_capsule_valid(name.as_deref()))
    }

    /// `PyCapsule_Import(name)`: the capsule object itself.
    #[hpy::function]
    fn import_capsule<'ctx>(cx: Context<'ctx>, name: &str) -> Result<Handle<'ctx>> {
        cx.import_capsule(&CString::new(name)?)
    }

    /// The addresses of `datetime.date` and `datetime.datetime`, read from the capsule
    /// `datetime.datetime_CAPI` as a C struct.
    #[hpy::function]
    fn datetime_types(capsule: &Handle<'_>) -> Result<(usize, usize)> {
        // SAFETY: CPython's capsule of this name points to its `PyDateTime_CAPI`, a static
        // struct that starts with these two pointers and is never written after creation;
        // the reference stays in this function.
        let api: &DateTimeCApiStart =
            unsafe { capsule.capsule_unchecked(c"datetime.datetime_CAPI")? };
        Ok((api.date_type as usize, api.datetime_type as usize))
    }
}
