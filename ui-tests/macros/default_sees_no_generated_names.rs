// BUG if this compiles: a default expression reaches into the code the macro generates (here
// the context variable), which would tie user code to implementation details.
use hpy::{Context, Handle};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function(signature = (a = cx.None()))]
    fn f<'ctx>(cx: Context<'ctx>, a: Handle<'ctx>) -> Handle<'ctx> {
        let _ = cx;
        a
    }
}

fn main() {
    println!("BUG: a default expression reaches into the code the macro generates (here the context variable), which would tie user code to implementation details");
}
