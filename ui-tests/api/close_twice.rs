// Rule: a handle is closed exactly once.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Result};

fn close_twice(cx: Context<'_>) -> Result<()> {
    let obj = cx.to_py(1)?;
    drop(obj);
    drop(obj);
    Ok(())
}

fn main() {
    println!("BUG: a handle was closed twice");
}
