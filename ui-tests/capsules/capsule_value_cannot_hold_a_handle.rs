// Rule: a capsule's value lives as long as Python keeps the capsule: it cannot hold a handle.
// This must not compile; if it ever does, running it says which rule broke.

use core::ffi::CStr;

use hpy::Handle;

struct Keeper<'ctx>(Handle<'ctx>);

// SAFETY: only this test would make capsules of this name.
unsafe impl<'ctx> hpy::CapsuleValue for Keeper<'ctx> {
    const NAME: &'static CStr = c"m.keeper";
}

fn main() {
    println!("BUG: a capsule value holding a handle was accepted");
}
