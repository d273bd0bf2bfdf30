// BUG if this compiles: HPy 0.9 has no `tp_iter` slot, so `__iter__` could only be silently
// ignored; the macro must say so and what to do instead.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Bag {
        n: i64,
    }

    #[hpy::methods]
    impl Bag {
        fn __iter__(&self) -> i64 {
            self.n
        }
    }
}

fn main() {
    println!("BUG: __iter__ (no tp_iter in HPy 0.9) was silently accepted");
}
