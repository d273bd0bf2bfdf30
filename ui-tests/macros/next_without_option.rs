// Rule: `__next__` ends the iteration by returning `None`, so it must return an `Option`
// (or a `Result` of one); an iterator that could never end is refused at its return type.
// This must not compile; if it ever does, running it says which rule broke.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Forever {
        n: i64,
    }

    #[hpy::methods]
    impl Forever {
        fn __next__(&mut self) -> i64 {
            self.n += 1;
            self.n
        }
    }
}

fn main() {
    println!("BUG: a __next__ without an Option compiled");
}
