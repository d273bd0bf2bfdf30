// Rule: a #[hpy::function]'s arguments are lent to the call; following rustc's lifetime
// suggestion must end in a message about the function's signature, not inside the expansion.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn same<'a>(cx: Context<'a>, x: &'a Handle<'a>) -> Handle<'a> {
        let _ = cx;
        x.clone()
    }
}

fn main() {
    println!("BUG: a function whose arguments borrow for the context's lifetime was accepted");
}
