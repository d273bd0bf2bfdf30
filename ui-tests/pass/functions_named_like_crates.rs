// Functions named like crates do not shadow those crates in their module.
#[hpy::module]
mod m {
    #[hpy::function]
    fn std() -> i64 {
        std::cmp::max(1, 2)
    }

    #[hpy::function]
    fn core() -> usize {
        core::mem::size_of::<u64>()
    }
}

fn main() {}
