// BUG if this compiles: a method of a frozen type mutates its value.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class(frozen)]
    pub struct Fixed {
        n: i64,
    }

    #[hpy::methods]
    impl Fixed {
        fn bump(&mut self) {
            self.n += 1;
        }
    }
}

fn main() {
    println!("BUG: a method of a frozen type mutates its value");
}
