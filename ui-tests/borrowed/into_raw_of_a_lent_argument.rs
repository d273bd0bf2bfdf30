// Rule: `into_raw` gives up ownership, which a lent argument does not have.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Handle;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn raw(obj: &Handle<'_>) -> bool {
        obj.into_raw().is_null()
    }
}

fn main() {
    println!("BUG: a lent argument was turned into a raw handle");
}
