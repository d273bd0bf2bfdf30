// Rule: a `*args` parameter takes a type that converts the arguments (`hpy::FromVarargs`):
// the error says so at the parameter's type.
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::function(signature = (*numbers))]
    fn total(numbers: i64) -> i64 {
        numbers
    }
}

fn main() {
    println!("BUG: a *args parameter of a type without a conversion compiled");
}
