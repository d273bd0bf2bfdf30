// Must compile: what handles may do inside their call — be cloned, collected, passed to
// closures that do not outlive the call, returned to the caller.
use hpy::{Context, Handle, Result};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn pairs<'ctx>(cx: Context<'ctx>, items: &Handle<'ctx>) -> Result<Vec<Handle<'ctx>>> {
        let mut out: Vec<Handle<'ctx>> = Vec::new();
        for item in items.iter()? {
            let item = item?;
            let keep = |h: &Handle<'ctx>| h.is_truthy();
            if keep(&item)? {
                out.push(cx.to_py((item.clone(), item))?);
            }
        }
        Ok(out)
    }

    #[hpy::function]
    fn first<'ctx>(items: Vec<Handle<'ctx>>) -> Option<Handle<'ctx>> {
        items.into_iter().next()
    }
}

fn main() {}
