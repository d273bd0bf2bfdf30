// Rule: an argument is lent as `&Handle`; no parameter type receives it as `&mut Handle`,
// through which it could be overwritten (and the old, lent handle closed).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn overwrite<'ctx>(cx: Context<'ctx>, obj: &mut Handle<'ctx>) {
        *obj = cx.None();
    }
}

fn main() {
    println!("BUG: a lent argument was handed out mutably");
}
