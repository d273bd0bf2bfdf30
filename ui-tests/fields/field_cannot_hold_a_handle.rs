// BUG if this compiles: a `Field` stores a handle (which is closed at the end of the call)
// instead of a reference the object owns.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Holder {
        item: Field,
    }

    #[hpy::function]
    fn keep<'ctx>(obj: Handle<'ctx>) -> Holder {
        Holder { item: Field::from(obj) }
    }
}

fn main() {
    println!("BUG: a Field stores a handle (which is closed at the end of the call) instead of a reference the object owns");
}
