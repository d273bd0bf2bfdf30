// Rule: `hpy::legacy::borrow` reads the value at the legacy layout's offset, so it takes
// only classes with `legacy_slots` (whose objects start with a `PyObject` header).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::legacy::PyObject;

#[hpy::module]
mod m {
    #[hpy::class]
    pub struct Plain {
        pub n: i64,
    }
}

pub extern "C" fn peek(slf: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: (none: the call must not compile).
    let _ = unsafe { hpy::legacy::borrow::<m::Plain>(slf) };
    core::ptr::null_mut()
}

fn main() {
    println!("BUG: a legacy borrow of a class without legacy slots compiled");
    let _ = peek as extern "C" fn(_, _) -> _;
}
