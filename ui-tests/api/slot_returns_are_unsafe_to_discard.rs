// Rule: the boundary closes a success value it discards; doing that to any raw handle (a
// lent argument, `None`, made-up bits) needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::__private::SlotReturn;
use hpy::{Context, Handle};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn close_a_lent_argument(cx: Context<'_>, obj: &Handle<'_>) {
        obj.as_raw().discard(cx);
    }
}

fn main() {
    println!("BUG: a lent argument was closed through SlotReturn::discard");
}
