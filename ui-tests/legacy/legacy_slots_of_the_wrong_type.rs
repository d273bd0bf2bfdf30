// Rule: `legacy_slots = PATH` names a `static` of `hpy::legacy::LegacySlots`, whose
// constructor checked the entries; a bare array of slots (unchecked) is refused.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::PyTypeSlot;

static SLOTS: [PyTypeSlot; 1] = [PyTypeSlot::END];

#[hpy::module]
mod m {
    #[hpy::class(legacy_slots = super::SLOTS)]
    pub struct Counter {
        n: i64,
    }
}

fn main() {
    println!("BUG: legacy slots that are not LegacySlots were accepted");
}
