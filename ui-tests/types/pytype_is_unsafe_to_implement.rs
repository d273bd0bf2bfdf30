// Rule: `PyType` promises a payload layout; only the macro implements it.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::{FrozenCell, PyType, TypeObject};

struct Fake;

static TYPE_OBJECT: TypeObject = TypeObject::new();

impl PyType for Fake {
    const NAME: &'static str = "Fake";
    type Storage = FrozenCell<Fake>;
    const TYPE_OBJECT: &'static TypeObject = &TYPE_OBJECT;
    const BASETYPE: bool = false;
}

fn main() {
    println!("BUG: PyType was implemented without unsafe");
}
