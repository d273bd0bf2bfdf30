// BUG if this compiles: module functions have no `self`.
struct S;

impl S {
    #[hpy::function]
    fn method(&self) {}
}

fn main() {
    println!("BUG: module functions have no self");
}
