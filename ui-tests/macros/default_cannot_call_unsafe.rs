// BUG if this compiles: a default expression runs inside the generated entry point; if that
// were an `unsafe` context, it could call unsafe functions without `unsafe`.
unsafe fn dangerous() -> i64 {
    7
}

#[hpy::module]
mod m {
    use super::dangerous;

    #[hpy::function(signature = (n = dangerous()))]
    fn f(n: i64) -> i64 {
        n
    }
}

fn main() {
    println!("BUG: a default expression runs inside the generated entry point; if that were an unsafe context, it could call unsafe functions without unsafe");
}
