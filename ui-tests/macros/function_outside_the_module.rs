// Rule: only the functions inside the `#[hpy::module] mod` are exported; one outside it
// would silently be missing from the module.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::function]
fn double(x: i64) -> i64 {
    2 * x
}

#[hpy::module]
mod m {}

fn main() {
    println!("BUG: a #[hpy::function] outside the #[hpy::module] was accepted (and never exported)");
}
