// Rule: a raw handle taken out of a `Handle` is the caller's to close; turning it back needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle, Result};

fn round_trip(cx: Context<'_>) -> Result<Handle<'_>> {
    let raw = cx.to_py(1)?.into_raw();
    Ok(Handle::from_raw(cx, raw))
}

fn main() {
    println!("BUG: a raw handle was re-adopted without unsafe");
}
