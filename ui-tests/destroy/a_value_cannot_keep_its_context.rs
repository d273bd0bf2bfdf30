// Rule: `tp_destroy` must not use the API: a value cannot keep a context for its `Drop`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Noisy {
        cx: Option<Context<'static>>,
    }

    impl Drop for Noisy {
        fn drop(&mut self) {
            if let Some(cx) = self.cx {
                let _ = cx.None();
            }
        }
    }

    #[hpy::methods]
    impl Noisy {
        #[new]
        fn new(cx: Context<'_>) -> Self {
            Noisy { cx: Some(cx) }
        }
    }
}

fn main() {
    println!("BUG: a value kept a context for its destructor");
}
