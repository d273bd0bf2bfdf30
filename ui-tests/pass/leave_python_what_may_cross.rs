// What may cross into `Context::leave_python`: plain Rust data, `&str`/`&[u8]` borrowed from
// immutable `str`/`bytes` objects, and a class value through a borrow the caller holds
// (`&T` for a `Sync` value, `&mut T` — even one holding a `Field`, which the collector does
// not traverse while it is lent mutably). See docs/safety.md.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: u64,
        next: Field,
    }

    #[hpy::function]
    fn count<'ctx>(cx: Context<'ctx>, text: &str, data: &[u8], c: &Typed<'ctx, Counter>) -> Result<u64> {
        let words = cx.leave_python(|| text.split_whitespace().count() as u64);
        let zeros = cx.leave_python(|| data.iter().filter(|&&b| b == 0).count() as u64);
        let shared = c.borrow()?;
        let n: &u64 = &shared.n;
        let doubled = cx.leave_python(|| *n * 2);
        drop(shared);
        let mut exclusive = c.borrow_mut()?;
        let value: &mut Counter = &mut exclusive;
        cx.leave_python(|| {
            value.n += words + zeros + doubled;
            core::mem::swap(&mut value.next, &mut Field::new());
        });
        Ok(exclusive.n)
    }
}

fn main() {}
