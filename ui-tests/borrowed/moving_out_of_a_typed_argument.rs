// Rule: a typed argument is lent too.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        pub n: i64,
    }

    #[hpy::function]
    fn take<'ctx>(counter: &Typed<'ctx, Counter>) -> Typed<'ctx, Counter> {
        *counter
    }
}

fn main() {
    println!("BUG: a lent typed argument was moved out");
}
