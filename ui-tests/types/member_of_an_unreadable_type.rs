// Rule: an `#[hpy(get)]` field has a type CPython can read directly (integers, floats, bool).
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::class(frozen)]
    pub struct Named {
        #[hpy(get)]
        name: String,
    }
}

fn main() {
    println!("BUG: a String member was accepted");
}
