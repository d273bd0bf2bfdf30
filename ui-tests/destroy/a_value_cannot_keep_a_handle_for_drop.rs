// Rule: `tp_destroy` must not use the API: a value cannot keep a handle to call into Python from `Drop`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Closer {
        callback: Option<Handle<'static>>,
    }

    impl Drop for Closer {
        fn drop(&mut self) {
            if let Some(callback) = &self.callback {
                let _ = callback.call(());
            }
        }
    }

    #[hpy::methods]
    impl Closer {
        #[new]
        fn new(callback: &Handle<'_>) -> Self {
            Closer { callback: Some(callback.clone()) }
        }
    }
}

fn main() {
    println!("BUG: a value kept a handle for its destructor");
}
