// BUG if this compiles: `IntoArgs` hands raw handles to the call, so a user implementation
// could pass a closed one.
use hpy::{Context, Handle, IntoArgs, Result};

struct Closed<'ctx>(Handle<'ctx>);

impl<'ctx> IntoArgs<'ctx> for Closed<'ctx> {
    fn with_raw_args<R>(
        self,
        _cx: Context<'ctx>,
        f: impl FnOnce(&[hpy::ffi::HPy]) -> R,
    ) -> Result<R> {
        let raw = self.0.as_raw();
        drop(self.0);
        Ok(f(&[raw]))
    }
}

fn main() {
    println!("BUG: IntoArgs hands raw handles to the call, so a user implementation could pass a closed one");
}
