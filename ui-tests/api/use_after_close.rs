// Rule: a closed handle cannot be used: closing is dropping, and a dropped value is gone.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Context, Result};

fn use_after_close(cx: Context<'_>) -> Result<bool> {
    let obj = cx.to_py(1)?;
    drop(obj);
    obj.is_truthy()
}

fn main() {
    println!("BUG: a handle was used after it was closed");
}
