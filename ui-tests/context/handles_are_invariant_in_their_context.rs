// Rule: `'ctx` is invariant: a handle cannot be re-branded with a shorter (or any other) call lifetime.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Handle;

fn rebrand<'long: 'short, 'short>(obj: Handle<'long>) -> Handle<'short> {
    obj
}

fn main() {
    println!("BUG: a handle changed its context brand");
}
