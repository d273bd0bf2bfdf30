// Rule: `&[u8]` borrowed from a `bytes` object cannot outlive the handle.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Result};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn dangling(cx: Context<'_>) -> Result<usize> {
        let data: &[u8] = {
            let bytes = cx.to_py(vec![1u8, 2, 3])?;
            bytes.extract()?
        };
        Ok(data.len())
    }
}

fn main() {
    println!("BUG: &[u8] outlived its handle");
}
