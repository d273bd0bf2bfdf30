// Rule: a field belongs in an object's value, not in a `static` (it is `!Sync`).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Field;

static LOOSE: Field = Field::new();

fn main() {
    println!("BUG: a field was declared as a static");
}
