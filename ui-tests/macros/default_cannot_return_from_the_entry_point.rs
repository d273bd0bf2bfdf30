// Rule: a default value is an expression of the parameter's type; a `return` in it cannot
// leave the generated entry point with a raw result of its choosing (a made-up handle).
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::function(signature = (a = return Ok(hpy::ffi::HPy { _i: 0x4141_4141 })))]
    fn f(a: i64) -> i64 {
        a
    }
}

fn main() {
    println!("BUG: a default returned a made-up handle from the entry point");
}
