//! The keyword dict of a `METH_VARARGS | METH_KEYWORDS` call (the CPython ABI; see
//! `Def::taking_keyword_dict`). CPython hands such a function the dict as its caller made
//! it, keys unchecked (`"{}".format(**{1: 2})` is accepted): its keys are checked with
//! `PyArg_ValidateKeywordArguments` (CPython's message), and its items read from its storage
//! (`cpython_storage`).

use crate::cpython_storage::{dict_len, object, owned};
use crate::ffi::cpython_capi as capi;
use crate::{Handle, Result};

/// Checks that every key of the keyword dict `dict` is a `str`, as CPython's
/// `_PyStack_UnpackDict` does for every other call ("keywords must be strings"); how many
/// items it has.
pub(crate) fn check_names(dict: &Handle<'_>) -> Result<usize> {
    // SAFETY: the call's keyword dict, lent for the call.
    if unsafe { capi::PyArg_ValidateKeywordArguments(object(dict)) } == 0 {
        return Err(crate::Error::set());
    }
    Ok(dict_len(dict))
}

/// Whether the call's keyword dict is the call's own: CPython made it for this call (`f(**d)`
/// merges `d` into a new dict from 3.9 on; a vectorcall is given one made from its keyword
/// names) and holds the only reference. Otherwise it is its caller's (C code calling
/// `PyObject_Call`, or Python 3.8's `f(**d)`), which Python code the function runs could
/// change: a `def`'s `**kwargs` would be a new dict.
pub(crate) fn is_private(dict: &Handle<'_>) -> bool {
    // SAFETY: a dict lent for the call.
    unsafe { capi::py_refcnt(object(dict)) == 1 }
}

/// A copy of `dict` (see [`is_private`]).
pub(crate) fn copy<'ctx>(dict: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    // SAFETY: a dict lent for the call; the result is a new reference or NULL with an
    // exception set.
    unsafe { owned(dict.context(), capi::PyDict_Copy(object(dict))) }
}
