//! Objects of hpy-rs classes in the CPython ABI, made and freed by Rust code specialised for
//! the class, rather than by HPy's generic `HPy_New` (`ctx_New`, `ctx_type.c`) and
//! deallocators (CPython's `subtype_dealloc` or HPy's `hpytype_dealloc`): the same steps,
//! without what they cost to be generic (the type's shape looked up in HPy's data behind
//! `tp_name`, a `memset` of the payload the value overwrites at once, a walk of the bases
//! for `tp_destroy`). Pure (object-shape) classes only; the legacy shape and types with a
//! `tp_call` (whose objects HPy_New gives a vectorcall function) keep HPy's.

use core::ffi::{c_int, c_void};

use crate::ffi;
use crate::ffi::cpy_PyObject;
use crate::ffi::cpython_capi::{
    self as capi, Py_TPFLAGS_HAVE_GC, Py_TPFLAGS_HAVE_VECTORCALL, PyTypeObject,
};
use crate::types::{Payload, PyType};

/// Where an object-shape class's payload starts (`_HPy_HEAD_SIZE(PyObject_HEAD)`; see
/// `hpy_sys::cpython_inline`).
const PAYLOAD_OFFSET: usize = 2 * core::mem::size_of::<usize>();

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

/// Installs [`dealloc`] as the `tp_dealloc` of `T`'s new type object, instead of CPython's
/// or HPy's (for an object-shape class; a subclass defined in Python reaches it through
/// CPython's `subtype_dealloc`, as it would reach those).
///
/// # Safety
/// `ty` must be `T`'s type object, just created, with the object shape.
pub(crate) unsafe fn install_dealloc<T: PyType>(ty: *mut cpy_PyObject, holds_fields: bool) {
    let dealloc: unsafe extern "C" fn(*mut cpy_PyObject) = if holds_fields {
        dealloc::<T, true>
    } else {
        dealloc::<T, false>
    };
    // SAFETY: a type object nothing has used yet (the caller's contract).
    unsafe { (*ty.cast::<PyTypeObject>()).tp_dealloc = Some(dealloc) };
}

/// `tp_dealloc` of an object-shape class `T`: what HPy's `hpytype_dealloc` does (or, for a
/// class with nothing to drop and no fields, CPython's `subtype_dealloc`, to the same
/// effect), specialised for `T`: the finalizer, untracking, clearing the `HPyField`s
/// (`FIELDS`), `tp_destroy`, freeing, and the reference to the type every object holds.
///
/// # Safety
/// Called by CPython with a dying object of `T` or of a Python subclass of it.
unsafe extern "C" fn dealloc<T: PyType, const FIELDS: bool>(object: *mut cpy_PyObject) {
    // SAFETY: a dying object and its type (CPython's call).
    let tp = unsafe { capi::py_type(object) }.cast::<PyTypeObject>();
    // SAFETY: as above; the steps of `hpytype_dealloc`, in its order.
    unsafe {
        // A class without fields has no finalizer and is not collected; a Python subclass
        // may have either, but then its own `tp_dealloc` (CPython's `subtype_dealloc`) has
        // run the finalizer and untracked the object before calling this one (it tracks it
        // again only for a base that is collected).
        if FIELDS {
            if (*tp).tp_finalize.is_some() && capi::PyObject_CallFinalizerFromDealloc(object) < 0 {
                return; // resurrected
            }
            if (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0 {
                capi::PyObject_GC_UnTrack(object.cast());
            }
        }
        let payload = object.cast::<u8>().add(PAYLOAD_OFFSET).cast::<c_void>();
        if FIELDS {
            crate::__private::traverse::<T>(payload, Some(clear_field), core::ptr::null_mut());
        }
        if core::mem::needs_drop::<Payload<T::Storage>>() {
            crate::__private::destroy::<T>(payload);
        }
        let free = (*tp).tp_free.unwrap_unchecked();
        free(object.cast());
        capi::py_decref(tp.cast());
    }
}

/// `_decref_visitor` (`ctx_type.c`): empties a field and releases what it held.
///
/// # Safety
/// `field` must be a field of a dying object.
unsafe extern "C" fn clear_field(field: *mut ffi::HPyField, _arg: *mut c_void) -> c_int {
    // SAFETY: a field (the caller's contract): NULL or a reference it holds.
    unsafe {
        let old = (*field)._i as *mut cpy_PyObject;
        *field = ffi::HPyField_NULL;
        if !old.is_null() {
            capi::py_decref(old);
        }
    }
    0
}
