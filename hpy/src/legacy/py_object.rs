//! A handle to and from a raw `PyObject*`: `HPy_AsPyObject` and `HPy_FromPyObject`.

use super::PyObject;
use crate::context::call;
use crate::{Context, Error, Handle, Result};

impl<'ctx> Handle<'ctx> {
    /// The object as a CPython `PyObject*` (`HPy_AsPyObject`): a **new reference**, which the
    /// caller must release (`Py_DECREF`) — or it leaks.
    ///
    /// For C-API code in an incremental port (see [`crate::legacy`]). Only interpreters with
    /// a CPython C API have `PyObject*`s: on CPython this is the object itself, on PyPy
    /// (cpyext) and GraalPy a C-API proxy the interpreter makes (and keeps) for it, which costs
    /// an allocation the first time. In HPy's debug mode the handle stays tracked as usual,
    /// but the returned reference is not: the debug mode cannot see it leak.
    ///
    /// Calling it is safe (a leaked reference is not unsound); what the pointer is used for is
    /// the caller's `unsafe` code: it is valid while the reference is held, with the
    /// interpreter held (the GIL), on this interpreter only.
    pub fn to_py_object(&self) -> *mut PyObject {
        // SAFETY: `self` is open for this call.
        unsafe { call!(self.context(), ctx_AsPyObject(self.as_raw())) }
    }

    /// A new handle to the object `obj` points to (`HPy_FromPyObject`); `obj` is borrowed:
    /// its reference count is the caller's, and the handle holds a reference of its own
    /// (closed when the handle drops, tracked by HPy's debug mode like any handle).
    ///
    /// A NULL `obj` follows the C API's error convention: the exception it sets is returned
    /// as an already-set [`Error`] (a `SystemError` if none is set), so a C-API call's result
    /// converts directly: `Handle::from_py_object(cx, PyObject_Repr(p))?` — which leaves the
    /// new reference `PyObject_Repr` returned to be released by the caller.
    ///
    /// # Safety
    /// `obj` must be NULL or point to a live Python object of this interpreter (CPython, PyPy
    /// through cpyext, GraalPy through its C-API emulation), kept alive by a reference
    /// someone holds until this call returns. (The interpreter is held: `cx` proves a call
    /// in progress.)
    pub unsafe fn from_py_object(cx: Context<'ctx>, obj: *mut PyObject) -> Result<Handle<'ctx>> {
        if obj.is_null() {
            return Err(null_object(cx));
        }
        // SAFETY: `obj` is a live object (the caller's contract); HPy_FromPyObject returns a
        // new handle that the result owns.
        let raw = unsafe { call!(cx, ctx_FromPyObject(obj)) };
        // SAFETY: a new handle of this call, or NULL with an exception set.
        unsafe { Handle::from_raw_or_err(cx, raw) }
    }
}

/// The error for a NULL `PyObject*`: the exception the C-API call that returned it set, or a
/// `SystemError` if there is none.
#[cold]
fn null_object(cx: Context<'_>) -> Error {
    if crate::convert::err_occurred(cx) {
        Error::set()
    } else {
        crate::exceptions::SystemError::new_err(
            "Handle::from_py_object: a NULL PyObject* without an exception set",
        )
    }
}
