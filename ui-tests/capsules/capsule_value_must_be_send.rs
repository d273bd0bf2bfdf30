// Rule: a capsule's value is dropped on whichever thread frees the capsule: it must be `Send`.
// This must not compile; if it ever does, running it says which rule broke.

use core::ffi::CStr;
use std::sync::MutexGuard;

// `Sync`, but not `Send`: a lock must be released on the thread that took it.
struct Locked(MutexGuard<'static, u32>);

// SAFETY: only this test would make capsules of this name.
unsafe impl hpy::CapsuleValue for Locked {
    const NAME: &'static CStr = c"m.locked";
}

fn main() {
    println!("BUG: a capsule value that is not Send was accepted");
}
