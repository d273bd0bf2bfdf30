// Rule: a handle cannot be returned out of the call that received its context.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle};

fn escape(cx: Context<'_>) -> Handle<'static> {
    cx.None()
}

fn main() {
    println!("BUG: a handle outlived its call");
}
