// BUG if this compiles: an argument lent by the runtime is closed by the callee (it would be
// closed twice).
use hpy::Handle;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn close<'ctx>(obj: &Handle<'ctx>) {
        drop(*obj);
    }
}

fn main() {
    println!("BUG: an argument lent by the runtime is closed by the callee (it would be closed twice)");
}
