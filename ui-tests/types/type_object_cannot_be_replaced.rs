// BUG if this compiles: a type's type object is what downcasts and allocations trust; storing
// another type into it would let a `Typed<T>` point at an object of a different layout.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Big {
        data: [u64; 64],
    }

    #[hpy::function]
    fn hijack(ty: &Handle<'_>) {
        <Big as hpy::PyType>::TYPE_OBJECT.store(ty);
    }
}

fn main() {
    println!("BUG: a type's type object is what downcasts and allocations trust; storing another type into it would let a Typed<T> point at an object of a different layout");
}
