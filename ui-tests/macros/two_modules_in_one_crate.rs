// Rule: one crate is one extension module.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod first {
    #[hpy::function]
    fn one() -> i64 {
        1
    }
}

#[hpy::module]
mod second {
    #[hpy::function]
    fn two() -> i64 {
        2
    }
}

fn main() {
    println!("BUG: two modules were defined in one crate");
}
