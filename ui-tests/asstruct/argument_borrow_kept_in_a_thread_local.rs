// Rule: a borrowed argument (`&str`) lives only as long as the call.
// This must not compile; if it ever does, running it says which rule broke.

use std::cell::Cell;

thread_local! {
    static LAST: Cell<&'static str> = const { Cell::new("") };
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn remember(text: &str) {
        LAST.with(|last| last.set(text));
    }
}

fn main() {
    println!("BUG: a borrowed argument outlived its call");
}
