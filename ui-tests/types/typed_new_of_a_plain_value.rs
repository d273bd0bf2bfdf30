// Rule: `Typed::new` creates objects of `#[hpy::class]` types only.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn make(cx: Context<'_>) -> Result<()> {
        Typed::new(cx, 5i32)?;
        Ok(())
    }
}

fn main() {
    println!("BUG: Typed::new accepted a plain value");
}
