// Rule: a raw handle's ownership is a promise only `unsafe` code can make.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle};

fn adopt(cx: Context<'_>, raw: hpy::ffi::HPy) -> Handle<'_> {
    Handle::from_raw(cx, raw)
}

fn main() {
    println!("BUG: a raw handle was adopted without unsafe");
}
