// Rule: a capsule's value is read through `&T` by any thread holding the interpreter: it
// must be `Sync`.
// This must not compile; if it ever does, running it says which rule broke.

use core::cell::Cell;
use core::ffi::CStr;

struct Counter(Cell<u32>);

// SAFETY: only this test would make capsules of this name.
unsafe impl hpy::CapsuleValue for Counter {
    const NAME: &'static CStr = c"m.counter";
}

fn main() {
    let counter = Counter(Cell::new(1));
    println!("BUG: a capsule value that is not Sync was accepted ({})", counter.0.get());
}
