// BUG if this compiles: a frozen type's value is shared without a borrow flag, so it must
// never be lent mutably.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class(frozen)]
    pub struct Fixed {
        n: i64,
    }

    #[hpy::function]
    fn mutate(cx: Context<'_>) -> Result<()> {
        let fixed = Typed::new(cx, Fixed { n: 1 })?;
        fixed.borrow_mut()?.n = 2;
        Ok(())
    }
}

fn main() {
    println!("BUG: a frozen type's value is shared without a borrow flag, so it must never be lent mutably");
}
