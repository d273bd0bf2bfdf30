// Rule: a lent constant (`Borrowed`) is never closed: no owned `Handle` can be taken out of it,
// which would close `None` when dropped.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Constant, Context, Handle};

fn take(cx: Context<'_>) {
    let none: Handle<'_> = *cx.constant(Constant::None);
    drop(none);
}

fn main() {
    let _ = take;
    println!("BUG: a lent constant was taken as an owned handle");
}
