//! The generic `tp_destroy` and `tp_traverse` of every class.

use core::ffi::{c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::ffi;
use crate::field::Visitor;
use crate::types::{PyType, Storage};

/// `tp_destroy`: drops the value in place. Called by the runtime during deallocation, with no
/// context: a panic cannot become an exception, so it is reported and swallowed.
///
/// # Safety
/// `payload` must be the payload of a dying object of `T`.
pub unsafe extern "C" fn destroy<T: PyType>(payload: *mut c_void) {
    let dropped = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: what the runtime passes to tp_destroy (see `types::resolve`).
        let Some(payload) = (unsafe { crate::types::resolve::<T>(payload) }) else {
            return; // allocated, never initialised
        };
        // SAFETY: the payload holds an initialised storage that nothing can reach any more.
        unsafe { core::ptr::drop_in_place(payload) }
    }));
    if let Err(payload) = dropped {
        let why = "no Python exception can be raised while an object is deallocated";
        crate::__private::panic::report_ignored(payload, "dropping", T::NAME, why);
    }
}

/// `tp_traverse`: visits every field. While the value is lent mutably it visits nothing (a
/// `&mut` to it is live); on CPython that only delays collecting a cycle.
///
/// # Safety
/// `payload` must be the payload of an object of `T`.
pub unsafe extern "C" fn traverse<T: PyType>(
    payload: *mut c_void,
    visit: ffi::HPyFunc_visitproc,
    arg: *mut c_void,
) -> c_int {
    let visited = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: what the runtime passes to tp_traverse (see `types::resolve`).
        let Some(payload) = (unsafe { crate::types::resolve::<T>(payload) }) else {
            return 0; // allocated, never initialised
        };
        // SAFETY: the payload holds an initialised storage.
        let storage = unsafe { (*payload).storage() };
        if storage.is_mutably_borrowed() {
            return 0;
        }
        // SAFETY: not lent mutably, so a shared reference is sound for the traversal (which
        // calls no Python code).
        let value = unsafe { &*storage.value_ptr() };
        // SAFETY: the runtime's visitor, for a traversal of this object.
        unsafe { T::__traverse_fields(value, &mut Visitor::new(visit, arg)) }
    }));
    visited.unwrap_or_else(|payload| {
        let why = "the traversal stopped there; a `Traverse` implementation must not panic";
        crate::__private::panic::report_ignored(payload, "traversing", T::NAME, why);
        0
    })
}
