//! `capsule_user`: a second extension that shares a C struct with `capsules` through the
//! capsule `capsules.api`, imported by name (`Context::import_capsule`) and read as its own
//! declaration of the same `#[repr(C)]` struct. Tested by `tests/test_*.py` in universal and
//! debug mode, with the `capsules` extension on the path.

use core::ffi::CStr;

use hpy::CapsuleValue;
use hpy::prelude::*;

/// `capsules`'s `Api`, declared again here as a C header would be.
#[repr(C)]
struct Api {
    version: u32,
    factor: i64,
    add: extern "C" fn(i64, i64) -> i64,
    scale: extern "C" fn(&Api, i64) -> i64,
}

// SAFETY: `capsules` makes the only capsules named `capsules.api`, each of its `Api`, whose
// layout this struct repeats field by field.
unsafe impl CapsuleValue for Api {
    const NAME: &'static CStr = c"capsules.api";
}

#[hpy::module]
mod capsule_user {
    use super::*;

    /// `a + b`, computed by `capsules` through its exported `add`.
    #[hpy::function]
    fn add(cx: Context<'_>, a: i64, b: i64) -> Result<i64> {
        let capsule = cx.import_capsule(Api::NAME)?;
        let api: &Api = capsule.capsule()?;
        Ok((api.add)(a, b))
    }

    /// `x` times the factor of `capsules`'s API, through its exported `scale`.
    #[hpy::function]
    fn scale(cx: Context<'_>, x: i64) -> Result<i64> {
        let capsule = cx.import_capsule(Api::NAME)?;
        let api: &Api = capsule.capsule()?;
        Ok((api.scale)(api, x))
    }

    /// The version of the API in `capsule` (any object: it must be a `capsules.api` capsule).
    #[hpy::function]
    fn version(capsule: &Handle<'_>) -> Result<u32> {
        Ok(capsule.capsule::<Api>()?.version)
    }
}
