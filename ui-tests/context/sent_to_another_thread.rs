// Rule: a `Context` belongs to the thread of its call (`!Send`).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Context;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn elsewhere(cx: Context<'_>) {
        std::thread::spawn(move || drop(cx.None()));
    }
}

fn main() {
    println!("BUG: a context was sent to another thread");
}
