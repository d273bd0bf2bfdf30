// Rule: an operator's operand needs `FromPy` and its result `IntoPy`, as any method's; the
// errors name the traits at the operand and the result type.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class(frozen)]
    pub struct Clock {
        ticks: u64,
    }

    #[hpy::methods]
    impl Clock {
        fn __add__(&self, delay: std::time::Duration) -> Self {
            Clock {
                ticks: self.ticks + delay.as_secs(),
            }
        }

        fn __sub__(&self, other: &Self) -> std::time::Duration {
            std::time::Duration::from_secs(self.ticks - other.ticks)
        }
    }
}

fn main() {
    println!("BUG: an operator without conversions was accepted");
}
