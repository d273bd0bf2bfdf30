//! [`FunctionDef`]: the definition of a module-level function, and the placeholder
//! [`INVALID_FUNCTION`].

use super::{Def, Entry, hpyfunc};
use crate::ffi;

/// The definition of a module-level function, the only kind [`ModuleDef`](super::ModuleDef) lists as the
/// module's functions: a module also executes its definitions, and those the runtime would
/// take as slots (an exec slot that fails, a `tp_new`) must not get there by naming a `DEF`
/// no `#[hpy::function]` wrote.
pub struct FunctionDef(&'static Def);

impl FunctionDef {
    /// The definition of a module-level function.
    ///
    /// # Safety
    /// `def` is a method definition (made by a generated `hpyfunc::<signature>::method`).
    pub const unsafe fn new(def: &'static Def) -> Self {
        FunctionDef(def)
    }

    /// The method definition.
    pub(crate) fn def(&'static self) -> &'static Def {
        self.0
    }
}

/// What `#[hpy::function]` names as its definition when it reported compile errors (so the
/// module's list still resolves); such a crate never compiles. Named by hand instead, it is
/// a function `__invalid__` that raises `SystemError`.
// SAFETY: a method definition.
pub static INVALID_FUNCTION: FunctionDef = unsafe { FunctionDef::new(&INVALID_DEF) };

// SAFETY: `invalid` runs through an `Entry` and only raises; its trampoline hands its
// arguments to the runtime.
static INVALID_DEF: Def = unsafe {
    hpyfunc::noargs::method(
        c"__invalid__",
        invalid,
        invalid_trampoline,
        c"The placeholder of a function whose definition did not compile.",
    )
};

unsafe extern "C" fn invalid(ctx: *mut ffi::HPyContext, _self: ffi::HPy) -> ffi::HPy {
    // SAFETY: the runtime calls a function with the call's context.
    let entry = unsafe { Entry::new(ctx) };
    entry.run(ffi::HPy_NULL, |_| {
        Err(crate::exceptions::SystemError::new_err(
            "the definition of this function did not compile",
        ))
    })
}

unsafe extern "C" fn invalid_trampoline(self_: *mut ffi::cpy_PyObject) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls the trampoline with the function's `self`.
    unsafe { hpyfunc::noargs::trampoline(invalid, self_) }
}
