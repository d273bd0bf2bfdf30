//! [`Handle::items_into`] and [`Handle::dict_items_into`] in the CPython ABI: the storage read
//! as C reads it (a list's or tuple's item array, `PyDict_Next`), each item's reference
//! taken on the way. Nothing in between runs Python code, so what is read is a snapshot, as
//! the universal ABI's readers make one (see `items_reader`), at about what C pays.

use crate::ffi::cpython_capi::{self as capi, PyListObject, PyVarObjectHeader};
use crate::{Handle, Result, ffi};

/// The object behind a handle (the same pointer in this ABI).
fn object(h: &Handle<'_>) -> *mut ffi::cpy_PyObject {
    h.as_raw()._i as *mut ffi::cpy_PyObject
}

/// A new handle to `o`.
///
/// # Safety
/// `o` must be a live object; the GIL held.
unsafe fn new_handle<'ctx>(cx: crate::Context<'ctx>, o: *mut ffi::cpy_PyObject) -> Handle<'ctx> {
    // SAFETY: a live object (the caller's contract); the reference taken is the handle's.
    unsafe {
        capi::py_incref(o);
        Handle::from_raw(cx, ffi::HPy { _i: o as isize })
    }
}

/// The items of `seq` appended to `out` if it is a list or a tuple (or of a subclass), and
/// how many; `None` for anything else.
pub(crate) fn items_into<'ctx>(
    seq: &Handle<'ctx>,
    out: &mut Vec<Handle<'ctx>>,
) -> Result<Option<usize>> {
    let o = object(seq);
    // SAFETY: a live object (an open handle).
    let flags = unsafe { capi::type_flags(o) };
    // SAFETY: the storage of a list (its items' array and length) or of a tuple (the items
    // after the header), read without any Python code running in between.
    let (items, len) = unsafe {
        if flags & capi::Py_TPFLAGS_LIST_SUBCLASS != 0 {
            let list = o.cast::<PyListObject>();
            ((*list).ob_item.cast_const(), (*list).ob_base.ob_size)
        } else if flags & capi::Py_TPFLAGS_TUPLE_SUBCLASS != 0 {
            let items = o.cast::<u8>().add(capi::TUPLE_ITEMS_OFFSET);
            (
                items.cast::<*mut ffi::cpy_PyObject>().cast_const(),
                (*o.cast::<PyVarObjectHeader>()).ob_size,
            )
        } else {
            return Ok(None);
        }
    };
    let len = len.max(0) as usize;
    // Growing `out` runs no Python code: the storage read above stays valid.
    crate::alloc::reserve(out, len)?;
    let cx = seq.context();
    for i in 0..len {
        // SAFETY: one of the `len` items, alive while the sequence holds it.
        out.push(unsafe { new_handle(cx, *items.add(i)) });
    }
    Ok(Some(len))
}

/// The keys and values of `dict` (a dict or a subclass's storage) appended to `keys` and
/// `values`, in storage order; how many.
///
/// # Safety
/// `dict` must be a `dict` or an instance of a subclass.
pub(crate) unsafe fn dict_items_into<'ctx>(
    dict: &Handle<'ctx>,
    keys: &mut Vec<Handle<'ctx>>,
    values: &mut Vec<Handle<'ctx>>,
) -> Result<usize> {
    let o = object(dict);
    // SAFETY: a dict (the caller's contract): its count of entries.
    let len = unsafe { capi::PyDict_Size(o) }.max(0) as usize;
    crate::alloc::reserve(keys, len)?;
    crate::alloc::reserve(values, len)?;
    let cx = dict.context();
    let (mut pos, mut n) = (0, 0);
    let (mut key, mut value) = (core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: a dict; each entry's references are taken before the next is read, and nothing
    // runs Python code in between (the vectors have room for every entry).
    while unsafe { capi::PyDict_Next(o, &mut pos, &mut key, &mut value) } != 0 {
        // SAFETY: live objects of the dict.
        unsafe {
            keys.push(new_handle(cx, key));
            values.push(new_handle(cx, value));
        }
        n += 1;
    }
    Ok(n)
}
