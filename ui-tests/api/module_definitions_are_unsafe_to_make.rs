// Rule: building a module definition registers its globals (a registered global may be
// stored to), so making one by hand needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

static STRAY: hpy::Global = hpy::Global::new();

unsafe extern "C" fn destroy(_payload: *mut core::ffi::c_void) {}

// SAFETY: a slot that does nothing, never given to a runtime.
static SLOT: hpy::__private::Def = unsafe { hpy::__private::Def::slot_destroy(destroy) };

static LAUNDER: hpy::__private::ModuleDef =
    hpy::__private::ModuleDef::new(None, &[], &SLOT, &[&STRAY], &[], &[]);

fn main() {
    let _ = LAUNDER.as_ptr();
    println!("BUG: a global was registered by a module definition made without unsafe");
}
