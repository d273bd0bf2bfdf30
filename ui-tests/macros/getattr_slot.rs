// Rule: HPy 0.9 has no `tp_getattro`: the macro says so and suggests properties.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Dynamic {
        n: i64,
    }

    #[hpy::methods]
    impl Dynamic {
        fn __getattr__(&self, name: &str) -> i64 {
            name.len() as i64 + self.n
        }
    }
}

fn main() {
    println!("BUG: __getattr__ was silently ignored");
}
