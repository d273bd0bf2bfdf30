// Rule: a module's function list is executed by the runtime as definitions, so only a
// method definition may be listed: wrapping any other (here a `tp_destroy` slot, whose own
// contract holds: it does nothing) as a module function needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

unsafe extern "C" fn destroy(_payload: *mut core::ffi::c_void) {}

// SAFETY: a slot that does nothing, never given to a runtime.
static SLOT: hpy::__private::Def = unsafe { hpy::__private::Def::slot_destroy(destroy) };

pub static DEF: hpy::__private::FunctionDef = hpy::__private::FunctionDef::new(&SLOT);

fn main() {
    println!("BUG: a slot definition was listed as a module function without unsafe");
}
