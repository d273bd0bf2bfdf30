// Rule: an iterator over handles cannot outlive the call either.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Handle, Result};

fn items<'ctx>(list: &Handle<'ctx>) -> Result<impl Iterator<Item = Handle<'static>>> {
    Ok(list.iter()?.map(|item| item.unwrap()))
}

fn main() {
    println!("BUG: handles escaped through an iterator");
}
