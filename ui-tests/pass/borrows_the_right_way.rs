// Must compile: borrowing an object's value — shared borrows together, a mutable borrow once
// the shared ones are gone, `&mut self` and `this: &Typed` receivers, frozen values without a
// flag.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Counter {
        n: i64,
    }

    #[hpy::class(frozen)]
    pub struct Step {
        by: i64,
    }

    #[hpy::methods]
    impl Counter {
        #[new]
        fn new() -> Self {
            Counter { n: 0 }
        }

        fn bump(&mut self, step: &Step) {
            self.n += step.by;
        }

        fn bump_twice<'ctx>(this: &Typed<'ctx, Self>, step: &Typed<'ctx, Step>) -> Result<i64> {
            let by = step.get()?.by;
            this.borrow_mut()?.n += by;
            let mut value = this.borrow_mut()?;
            value.n += by;
            Ok(value.n)
        }
    }

    #[hpy::function]
    fn total(cx: Context<'_>) -> Result<i64> {
        let counter = Typed::new(cx, Counter { n: 1 })?;
        let sum = {
            let a = counter.borrow()?;
            let b = counter.borrow()?;
            a.n + b.n
        };
        counter.borrow_mut()?.n = sum;
        Ok(counter.borrow()?.n)
    }
}

fn main() {}
