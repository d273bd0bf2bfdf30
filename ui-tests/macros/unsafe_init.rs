// Rule: the module's exec slot calls `#[hpy::init]` from generated code, which cannot know
// the function's safety contract: an `unsafe fn` is refused (as for `#[hpy::function]`),
// and the call happens in a safe function, so nothing marks it as checked.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    use hpy::{Context, Handle};

    #[hpy::init]
    unsafe fn init(_cx: Context<'_>, _module: &Handle<'_>) -> hpy::Result<()> {
        Ok(())
    }
}

fn main() {
    println!("BUG: an unsafe #[hpy::init] compiled");
}
