//! The functions of HPy's CPython-ABI runtime (`hpy/devel/src/runtime`, linked in by the
//! build script with the feature `abi-cpython`) that the `hpy` crate calls itself: the
//! module's `PyInit_` body and the parts of HPy's CPython-ABI trampolines
//! (`hpy/cpython/hpyfunc_trampolines.h`) that are not plain casts. Their declarations are
//! `hpy/runtime/ctx_module.h`, `hpy/runtime/ctx_type.h` and the shim's.

use core::ffi::{c_int, c_void};

use crate::*;

unsafe extern "C" {
    /// The context HPy's CPython ABI passes to implementations (`_HPyGetContext()`,
    /// `hpy/cpython/misc.h`), through the shim: initialised on the first call, then static.
    pub fn HPyRs_Context() -> *mut HPyContext;

    /// `_HPyModuleDef_AsPyInit` (`ctx_module.c`): the body of `PyInit_<name>` (HPy's
    /// `HPy_MODINIT`): makes a multi-phase `PyModuleDef` from `def` and returns
    /// `PyModuleDef_Init` of it, or NULL with an exception.
    pub fn _HPyModuleDef_AsPyInit(def: *mut HPyModuleDef) -> *mut cpy_PyObject;

    /// `_HPyModule_CheckCreateSlotResult` (`ctx_module.c`): what the CPython ABI's
    /// `HPy_mod_create` trampoline does with the result (a module object is refused).
    pub fn _HPyModule_CheckCreateSlotResult(result: *mut *mut cpy_PyObject);

    /// `ctx_GetItem_i` (`ctx_object.c`): `HPy_GetItem_i` of HPy's CPython ABI
    /// (`PyObject_GetItem` with the index as an int), which `cpython::ctx_GetItem_i` calls
    /// for what it does not read itself.
    #[link_name = "ctx_GetItem_i"]
    pub fn HPyRs_runtime_GetItem_i(ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t) -> HPy;

    /// `call_traverseproc_from_trampoline` (`ctx_type.c`): the CPython ABI's `tp_traverse`
    /// trampoline body, which hands `tp_traverse` a visitor of `HPyField`s that calls
    /// CPython's.
    pub fn call_traverseproc_from_trampoline(
        tp_traverse: HPyFunc_traverseproc,
        self_: *mut cpy_PyObject,
        visit: cpy_visitproc,
        arg: *mut c_void,
    ) -> c_int;

}
