// Rule: only `#[hpy::class]` types have a layout to downcast to.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn cast(obj: &Handle<'_>) -> Result<()> {
        obj.downcast::<String>()?;
        Ok(())
    }
}

fn main() {
    println!("BUG: a downcast to a non-hpy type was accepted");
}
