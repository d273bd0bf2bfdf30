// Rule: `CapsuleValue` is an `unsafe trait`: implementing it promises what its name points to.
// This must not compile; if it ever does, running it says which rule broke.

use core::ffi::CStr;

struct Api {
    version: u32,
}

impl hpy::CapsuleValue for Api {
    const NAME: &'static CStr = c"m.api";
}

fn main() {
    let api = Api { version: 1 };
    println!("BUG: CapsuleValue was implemented without `unsafe` ({})", api.version);
}
