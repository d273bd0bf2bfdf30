// Rule: `#[hpy(get)]` fields only in frozen classes: CPython reads the field directly, which
// must never overlap a method's `&mut self`.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::class]
    pub struct Counter {
        #[hpy(get)]
        count: i64,
    }
}

fn main() {
    println!("BUG: a member of a mutable class was accepted");
}
