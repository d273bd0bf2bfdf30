// Rule: a handle cannot be stored in a `static`.
// This must not compile; if it ever does, running it says which rule broke.

use std::sync::Mutex;

use hpy::Handle;

static KEPT: Mutex<Option<Handle<'static>>> = Mutex::new(None);

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn keep(obj: &Handle<'_>) {
        *KEPT.lock().unwrap() = Some(obj.clone());
    }
}

fn main() {
    println!("BUG: a handle was stored in a static");
}
