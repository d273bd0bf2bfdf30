// Rule: a lent argument cannot be overwritten (the runtime still owns it).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Handle};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn replace<'ctx>(cx: Context<'ctx>, obj: &Handle<'ctx>) {
        *obj = cx.None();
    }
}

fn main() {
    println!("BUG: a lent argument was overwritten");
}
