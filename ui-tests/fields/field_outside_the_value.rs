// BUG if this compiles: a field selector returns a field that is not part of the object's
// value (here a temporary), which no traversal would ever visit.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Holder {
        item: Field,
    }

    #[hpy::function]
    fn store<'ctx>(cx: Context<'ctx>, obj: Handle<'ctx>) -> Result<()> {
        let holder = Typed::new(cx, Holder { item: Field::new() })?;
        let elsewhere = Field::new();
        holder.set_field(|_| &elsewhere, Some(&obj))
    }
}

fn main() {
    println!("BUG: a field selector returns a field that is not part of the object's value (here a temporary), which no traversal would ever visit");
}
