//! Objects of hpy-rs classes in the CPython ABI are freed by a `tp_dealloc` specialised for
//! the class, rather than by HPy's generic deallocator (`hpytype_dealloc`, `ctx_type.c`) or
//! CPython's `subtype_dealloc`: the same steps, without a walk of the bases for `tp_destroy`.
//! (They are made by `types::cpython_alloc`.) Pure (object-shape) classes only; the legacy
//! shape keeps HPy's.

use core::ffi::{c_int, c_void};

use crate::ffi;
use crate::ffi::cpy_PyObject;
use crate::ffi::cpython_capi::{self as capi, Py_TPFLAGS_HAVE_GC, PyTypeObject};
use crate::types::{Payload, PyType};

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
        let payload = object
            .cast::<u8>()
            .add(crate::types::cpython_alloc::PAYLOAD_OFFSET)
            .cast::<c_void>();
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
