// BUG if this compiles: a borrow of an object's Rust value outlives the handle it came from
// (HPy's rule: an AsStruct pointer is valid only while its handle is open).
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: i64,
    }

    #[hpy::function]
    fn leak_borrow(cx: Context<'_>) -> Result<i64> {
        let value = {
            let counter = Typed::new(cx, Counter { n: 1 })?;
            counter.borrow()?
        };
        Ok(value.n)
    }
}

fn main() {
    println!("BUG: a borrow of an object's Rust value outlives the handle it came from (HPy's rule: an AsStruct pointer is valid only while its handle is open)");
}
