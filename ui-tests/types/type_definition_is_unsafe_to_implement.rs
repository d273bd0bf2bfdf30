// Rule: `TypeDefinition` hands the module the definitions a type object is created from (its
// slots treat their objects as the type's); only `#[hpy::class]` implements it.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::__private::{TypeDefinition, TypeInfo};

#[hpy::class]
pub struct Point;

pub struct Other;

impl TypeDefinition for Other {
    const INFO: &'static TypeInfo = <Point as TypeDefinition>::INFO;
}

fn main() {
    println!("BUG: TypeDefinition was implemented without unsafe");
}
