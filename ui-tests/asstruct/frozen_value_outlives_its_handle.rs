// Rule: `&T` of a frozen type is tied to the handle too.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class(frozen)]
    pub struct Fixed {
        pub n: i64,
    }

    #[hpy::function]
    fn dangling(cx: Context<'_>) -> Result<i64> {
        let value: &Fixed = {
            let fixed = Typed::new(cx, Fixed { n: 1 })?;
            fixed.get()?
        };
        Ok(value.n)
    }
}

fn main() {
    println!("BUG: &T of a frozen value outlived its handle");
}
