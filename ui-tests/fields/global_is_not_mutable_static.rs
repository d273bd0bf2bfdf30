// Rule: `static mut` globals would be written without the runtime knowing; #[hpy::module] rejects them.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    static mut CACHE: hpy::Global = hpy::Global::new();
}

fn main() {
    println!("BUG: a static mut Global was accepted");
}
