// Rule: `&Handle` cannot be shared with another thread (handles are `!Sync`).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Handle;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn race(obj: &Handle<'_>) -> bool {
        std::thread::scope(|s| s.spawn(|| obj.is_none()).join().unwrap())
    }
}

fn main() {
    println!("BUG: a handle was shared across threads");
}
