// Rule: an argument is lent by the runtime: it cannot be taken over (it would be closed by us and by the runtime).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Handle;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn take<'ctx>(obj: &Handle<'ctx>) -> Handle<'ctx> {
        *obj
    }
}

fn main() {
    println!("BUG: a lent argument was moved out");
}
