// Rule: the `&T` read from a capsule borrows the handle that keeps the capsule alive.
// This must not compile; if it ever does, running it says which rule broke.

use core::ffi::CStr;

use hpy::prelude::*;
use hpy::{Capsule, CapsuleValue};

pub struct Api {
    pub version: u32,
}

// SAFETY: only `make` makes capsules of this name, each of an `Api`.
unsafe impl CapsuleValue for Api {
    const NAME: &'static CStr = c"m.api";
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn dangling(cx: Context<'_>) -> Result<u32> {
        let api: &Api = {
            let capsule = Capsule::new(Api { version: 1 }).into_py(cx)?;
            capsule.capsule()?
        };
        Ok(api.version)
    }
}

fn main() {
    println!("BUG: a capsule's value outlived its handle");
}
