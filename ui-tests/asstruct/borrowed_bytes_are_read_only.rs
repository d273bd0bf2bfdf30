// Rule: the buffer behind `bytes` or `str` is read-only: there is no `&mut` view of it.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{Handle, Result};

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn scribble(data: &mut [u8]) {
        data[0] = 0;
    }
}

fn main() {
    println!("BUG: a read-only buffer was lent mutably");
}
