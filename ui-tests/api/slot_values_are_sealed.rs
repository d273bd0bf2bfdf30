// Rule: a slot's success value is never its error value (-1 for `__len__`), or the slot
// would report an error with no exception set; `SlotValue` is sealed, so a special method
// returns only the types it lists.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

pub struct Lying;

impl hpy::__private::SlotValue<hpy::__private::Len> for Lying {
    type Output = hpy::ffi::HPy_ssize_t;
    fn slot_value(self) -> Result<hpy::ffi::HPy_ssize_t> {
        Ok(-1)
    }
}

fn main() {
    println!("BUG: a slot value that is the slot's error value was implemented");
}
