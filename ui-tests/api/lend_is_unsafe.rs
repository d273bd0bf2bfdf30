// Rule: lending a raw handle promises the runtime keeps it open.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle};

fn borrow(cx: Context<'_>, raw: hpy::ffi::HPy) -> bool {
    Handle::lend(cx, raw).is_none()
}

fn main() {
    println!("BUG: a raw handle was lent without unsafe");
}
