// Rule: exporting memory promises it stays valid until the view is released: the constructors are `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;
use hpy::Buffer;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class(frozen)]
    pub struct Data {
        bytes: Vec<u8>,
    }

    #[hpy::methods]
    impl Data {
        fn __getbuffer__(&self) -> Buffer {
            Buffer::from_slice(&self.bytes)
        }
    }
}

fn main() {
    println!("BUG: a buffer was exported without unsafe");
}
