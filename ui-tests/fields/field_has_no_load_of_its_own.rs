// Rule: a field is read through its owner (`Typed::field`), which supplies the object the runtime needs.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Field, Handle};

fn read<'ctx>(cx: Context<'ctx>, field: &Field) -> Handle<'ctx> {
    field.load(cx)
}

fn main() {
    println!("BUG: a field was read without its owner");
}
