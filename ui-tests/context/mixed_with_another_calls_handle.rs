// Rule: a handle of one call cannot pass for a handle of another call's context.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle};

fn mix<'a, 'b>(_cx: Context<'a>, obj: &Handle<'b>) -> Handle<'a> {
    obj.clone()
}

fn main() {
    println!("BUG: handles of two calls were mixed");
}
