// BUG if this compiles: Python rejects `def f(a=1, b)`.
#[hpy::module]
mod m {
    #[hpy::function(signature = (a = 1, b))]
    fn f(a: i64, b: i64) -> i64 {
        a + b
    }
}

fn main() {
    println!("BUG: Python rejects def f(a=1, b)");
}
