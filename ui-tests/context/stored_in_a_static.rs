// Rule: a `Context` cannot be stored in a `static`.
// This must not compile; if it ever does, running it says which rule broke.

use std::sync::Mutex;

use hpy::Context;

static CX: Mutex<Option<Context<'static>>> = Mutex::new(None);

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn keep(cx: Context<'_>) {
        *CX.lock().unwrap() = Some(cx);
    }
}

fn main() {
    println!("BUG: a context was stored in a static");
}
