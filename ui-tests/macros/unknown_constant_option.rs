// Rule: `#[hpy::constant]` takes only `name = "..."`.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::constant(rename = "__version__")]
    const VERSION: &str = "1.0";
}

fn main() {
    println!("BUG: an unknown #[hpy::constant] option was accepted");
}
