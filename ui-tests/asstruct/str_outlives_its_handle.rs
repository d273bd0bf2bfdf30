// BUG if this compiles: a `&str` borrowed from an object outlives the handle that keeps the
// object (and its UTF-8 buffer) alive.
use hpy::{Context, Result};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn dangling(cx: Context<'_>) -> Result<usize> {
        let s: &str = {
            let text = cx.to_py("temporary")?;
            text.extract()?
        };
        Ok(s.len())
    }
}

fn main() {
    println!("BUG: a &str borrowed from an object outlives the handle that keeps the object (and its UTF-8 buffer) alive");
}
