// BUG if this compiles: `__del__` would run where the Python API must not be used (HPy's
// `tp_destroy`) or be silently ignored; the macro must say so and point at `Drop`.
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
        fn __del__(&mut self) {
            self.n = 0;
        }
    }
}

fn main() {
    println!("BUG: __del__ was silently accepted");
}
