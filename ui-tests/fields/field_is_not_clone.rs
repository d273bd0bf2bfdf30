// Rule: a field owns its reference: a copy would release it twice.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Field;

fn duplicate(field: &Field) -> Field {
    Clone::clone(field)
}

fn main() {
    println!("BUG: a field was cloned");
}
