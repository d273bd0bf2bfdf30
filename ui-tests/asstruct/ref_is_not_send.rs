// BUG if this compiles: a borrow of an object's value is sent to another thread, where the
// object may be collected or mutated without the GIL.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: i64,
    }

    #[hpy::function]
    fn send(cx: Context<'_>) -> Result<()> {
        let counter = Typed::new(cx, Counter { n: 1 })?;
        let value = counter.borrow()?;
        std::thread::scope(|s| {
            s.spawn(move || value.n);
        });
        Ok(())
    }
}

fn main() {
    println!("BUG: a borrow of an object's value is sent to another thread, where the object may be collected or mutated without the GIL");
}
