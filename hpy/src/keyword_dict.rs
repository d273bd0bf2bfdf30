//! The keyword dict of a `METH_VARARGS | METH_KEYWORDS` call (the CPython ABI; see
//! `Def::taking_keyword_dict`). CPython hands such a function the dict as its caller made
//! it, keys unchecked (`"{}".format(**{1: 2})` is accepted): its keys are checked with
//! `PyArg_ValidateKeywordArguments` (CPython's message), and its items read with
//! `PyDict_Next`, which runs no Python code.

use crate::ffi::cpython_capi as capi;
use crate::{Handle, Result, ffi};

/// The object behind a handle (the same pointer in this ABI).
fn object(h: &Handle<'_>) -> *mut ffi::cpy_PyObject {
    h.as_raw()._i as *mut ffi::cpy_PyObject
}

/// The items of `dict` from position `*pos` on, as borrowed references.
///
/// # Safety
/// `dict` must be a dict, which nothing changes while the references are used.
unsafe fn next(
    dict: *mut ffi::cpy_PyObject,
    pos: &mut isize,
) -> Option<(*mut ffi::cpy_PyObject, *mut ffi::cpy_PyObject)> {
    let (mut key, mut value) = (core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: the caller's contract; `PyDict_Next` returns 0 for anything but a dict.
    (unsafe { capi::PyDict_Next(dict, pos, &mut key, &mut value) } != 0).then_some((key, value))
}

/// Checks that every key of the keyword dict `dict` is a `str`, as CPython's
/// `_PyStack_UnpackDict` does for every other call ("keywords must be strings"); how many
/// items it has.
pub(crate) fn check_names(dict: &Handle<'_>) -> Result<usize> {
    // SAFETY: the call's keyword dict, lent for the call.
    if unsafe { capi::PyArg_ValidateKeywordArguments(object(dict)) } == 0 {
        return Err(crate::Error::set());
    }
    Ok(len(dict))
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
    // SAFETY: a dict lent for the call.
    let raw = unsafe { capi::PyDict_Copy(object(dict)) };
    // SAFETY: a new reference (a handle in this ABI), or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(dict.context(), ffi::HPy { _i: raw as isize }) }
}

/// How many items `dict` has.
pub(crate) fn len(dict: &Handle<'_>) -> usize {
    // SAFETY: a dict lent for the call (checked by `check_names`).
    let len = unsafe { capi::PyDict_Size(object(dict)) };
    len.max(0) as usize
}

/// The items of `dict`, as new handles (the function, or its caller, may change the dict
/// while the handles are used).
pub(crate) fn items<'a, 'ctx>(
    dict: &'a Handle<'ctx>,
) -> impl Iterator<Item = (Handle<'ctx>, Handle<'ctx>)> + 'a {
    let cx = dict.context();
    let mut pos = 0;
    core::iter::from_fn(move || {
        // SAFETY: a dict lent for the call; each item's references are taken (the handles
        // own them) before the dict is read again, and nothing runs in between.
        let (key, value) = unsafe { next(object(dict), &mut pos)? };
        // SAFETY: live objects of the dict; in this ABI a handle is the object.
        let lend = |o: *mut ffi::cpy_PyObject| unsafe {
            (*Handle::lend(cx, ffi::HPy { _i: o as isize })).clone()
        };
        Some((lend(key), lend(value)))
    })
}
