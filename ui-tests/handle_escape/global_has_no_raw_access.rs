// Rule: a `Global` is only written through `store`, which keeps a reference of its own, never a handle.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    static KEPT: Global = Global::new();

    #[hpy::function]
    fn keep(obj: &Handle<'_>) {
        // SAFETY: (there is no such access)
        unsafe { *KEPT.as_ptr() = core::mem::transmute(obj.as_raw()) };
    }
}

fn main() {
    println!("BUG: a handle was written into a Global's cell");
}
