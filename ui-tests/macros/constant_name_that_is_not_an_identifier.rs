// Rule: a constant's Python name is a Python identifier.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::constant(name = "version-string")]
    const VERSION: &str = "1.0";
}

fn main() {
    println!("BUG: a constant named with something other than an identifier was accepted");
}
