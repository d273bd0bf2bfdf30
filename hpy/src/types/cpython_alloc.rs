//! Objects of hpy-rs classes in the CPython ABI, made by Rust code specialised for the class
//! rather than by HPy's generic `HPy_New` (`ctx_New`, `ctx_type.c`): the same steps, without
//! what it costs to be generic (the type's shape looked up in HPy's data behind `tp_name`, a
//! `memset` of the payload the value overwrites at once). Pure (object-shape) classes only;
//! the legacy shape and types with a `tp_call` (whose objects `HPy_New` gives a vectorcall
//! function) keep HPy's. (Their `tp_dealloc` is installed when the class's type is created.)

use crate::ffi::cpy_PyObject;
use crate::ffi::cpython_capi::{
    self as capi, Py_TPFLAGS_HAVE_GC, Py_TPFLAGS_HAVE_VECTORCALL, PyTypeObject,
};

/// Where an object-shape class's payload starts (`_HPy_HEAD_SIZE(PyObject_HEAD)`; see
/// `hpy_sys::cpython_inline`).
pub(crate) const PAYLOAD_OFFSET: usize = 2 * core::mem::size_of::<usize>();

/// How [`new_object`] makes an object of a type (from its flags, read once).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Allocation {
    /// `PyObject_New`: neither collected nor called (the common case, one test).
    Plain,
    /// `PyObject_GC_New`, then tracked.
    Collected,
    /// HPy's own `HPy_New`: a type with a vectorcall function (a class with `__call__`),
    /// which `HPy_New` sets.
    HPyNew,
}

/// How objects of `ty` are made.
///
/// # Safety
/// `ty` must be a type object.
#[inline(always)]
pub(crate) unsafe fn allocation(ty: *mut cpy_PyObject) -> Allocation {
    // SAFETY: a type object (the caller's contract).
    let flags = unsafe { (*ty.cast::<PyTypeObject>()).tp_flags };
    if flags & (Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL) == 0 {
        Allocation::Plain
    } else if flags & Py_TPFLAGS_HAVE_VECTORCALL == 0 {
        Allocation::Collected
    } else {
        Allocation::HPyNew
    }
}

/// A new object of `ty` holding `payload`, made as `HPy_New` makes it: `PyObject_New` or
/// `PyObject_GC_New` for the type (`how`), the payload written, the rest zeroed (a Python
/// subclass's slots; none when `EXACT`, the class's own type), and a collected type's object
/// tracked once its fields are set. NULL, with an exception set, when allocation fails.
///
/// # Safety
/// `ty` must be the type object of an object-shape hpy-rs class (`EXACT`), or of it or of a
/// Python subclass of it, whose payload is a `P`; `how` must be [`allocation`]'s answer for
/// it, not [`Allocation::HPyNew`]; the GIL is held.
#[inline(always)]
pub(crate) unsafe fn new_object<const EXACT: bool, P>(
    ty: *mut cpy_PyObject,
    how: Allocation,
    payload: P,
) -> *mut cpy_PyObject {
    let tp = ty.cast::<PyTypeObject>();
    let collected = how == Allocation::Collected;
    // SAFETY: `PyObject_New`/`PyObject_GC_New`, as `ctx_New` chooses them.
    let object = unsafe {
        if collected {
            capi::_PyObject_GC_New(tp)
        } else {
            capi::_PyObject_New(tp)
        }
    };
    if object.is_null() {
        return object;
    }
    let start = object.cast::<u8>().wrapping_add(PAYLOAD_OFFSET);
    // SAFETY: the payload of a new object of the class (or a subclass), aligned to 16 (the
    // generated code asserts that a payload needs no more); nothing has seen it yet.
    unsafe { start.cast::<P>().write(payload) };
    if !EXACT {
        // SAFETY: the object's type.
        let basicsize = unsafe { (*tp).tp_basicsize } as usize;
        let written = PAYLOAD_OFFSET + core::mem::size_of::<P>();
        if basicsize > written {
            // SAFETY: the object has `basicsize` bytes, past the value here.
            unsafe {
                object
                    .cast::<u8>()
                    .add(written)
                    .write_bytes(0, basicsize - written)
            };
        }
    }
    if collected {
        // SAFETY: every field is initialised (CPython's rule before tracking).
        unsafe { capi::PyObject_GC_Track(object.cast()) };
    }
    object
}
