//! Containers read from their storage in the CPython ABI, as C reads them: a list's or tuple's
//! item array, a dict's entries with `PyDict_Next` (which runs no Python code), each reference
//! taken on the way. What is read is a snapshot, as the universal ABI's readers make one
//! (`__private/items_reader`), at about what C pays. Used by [`Handle::items_into`],
//! [`Handle::dict_items_into`], the keyword dict of `VarKwargs` (`keyword_dict`), and, as
//! `crate::storage`, by `Vec<T>`'s and tuples' conversions and [`Handle::iter`] (a
//! [`Sequence`] read an item at a time).

use crate::ffi::cpython_capi::{self as capi, PyListObject, PyVarObjectHeader, h2py, py2h};
use crate::{Context, Handle, Result, ffi};

/// The object behind a handle (in this ABI, the same address).
pub(crate) fn object(h: &Handle<'_>) -> *mut ffi::cpy_PyObject {
    h2py(h.as_raw())
}

/// A handle of the new reference `raw` (NULL: the exception set).
///
/// # Safety
/// `raw` is a new reference or NULL with an exception set.
pub(crate) unsafe fn owned<'ctx>(
    cx: Context<'ctx>,
    raw: *mut ffi::cpy_PyObject,
) -> Result<Handle<'ctx>> {
    // SAFETY: the caller's contract; a reference is a handle in this ABI.
    unsafe { Handle::from_raw_or_err(cx, py2h(raw)) }
}

/// A new handle to `o`.
///
/// # Safety
/// `o` must be a live object; the GIL held.
unsafe fn new_handle<'ctx>(cx: Context<'ctx>, o: *mut ffi::cpy_PyObject) -> Handle<'ctx> {
    // SAFETY: a live object (the caller's contract); the reference taken is the handle's.
    unsafe {
        capi::py_incref(o);
        Handle::from_raw(cx, py2h(o))
    }
}

/// The item array and the size of the list (`is_list`) or tuple `o` (or of a subclass's
/// instance), as they are now.
///
/// # Safety
/// `o` is a live list (`is_list`) or tuple, or an instance of a subclass.
unsafe fn storage(
    o: *mut ffi::cpy_PyObject,
    is_list: bool,
) -> (*const *mut ffi::cpy_PyObject, usize) {
    // SAFETY: the layout of a list (its items' array and length) or of a tuple (the items
    // after the header), the caller's contract.
    let (items, len) = unsafe {
        match is_list {
            true => {
                let list = o.cast::<PyListObject>();
                ((*list).ob_item.cast_const(), (*list).ob_base.ob_size)
            }
            false => (
                o.cast::<u8>()
                    .add(capi::TUPLE_ITEMS_OFFSET)
                    .cast::<*mut ffi::cpy_PyObject>()
                    .cast_const(),
                (*o.cast::<PyVarObjectHeader>()).ob_size,
            ),
        }
    };
    (items, len.max(0) as usize)
}

/// A new handle to `item`, item `index` of a sequence's storage; a `SystemError` for NULL
/// (a sequence still being built: `crate::error::null_item`).
///
/// # Safety
/// `item` is null or a live object; the GIL held.
unsafe fn item_handle<'ctx>(
    cx: Context<'ctx>,
    item: *mut ffi::cpy_PyObject,
    index: usize,
) -> Result<Handle<'ctx>> {
    if item.is_null() {
        return Err(crate::error::null_item(index));
    }
    // SAFETY: the caller's contract.
    Ok(unsafe { new_handle(cx, item) })
}

/// The storage of a `list` or a `tuple` (or a subclass of either), read in place: the same
/// interface as the universal ABI's (`cpython_backend.rs`), always available here.
pub(crate) struct Sequence<'ctx> {
    seq: Handle<'ctx>,
    is_list: bool,
}

impl<'ctx> Sequence<'ctx> {
    /// The storage of `seq`, a list (`is_list`) or a tuple.
    #[inline]
    pub(crate) fn of(seq: &Handle<'ctx>, is_list: bool) -> Option<Self> {
        Some(Sequence {
            seq: seq.clone(),
            is_list,
        })
    }

    /// The storage's size now (not `__len__`).
    #[inline]
    pub(crate) fn len(&self) -> usize {
        // SAFETY: a list (or tuple), held by `seq`.
        unsafe { storage(object(&self.seq), self.is_list) }.1
    }

    /// A new handle to item `i`, or `None` past the end.
    #[inline]
    pub(crate) fn item(&self, i: usize) -> Result<Option<Handle<'ctx>>> {
        // SAFETY: a list (or tuple), held by `seq`.
        let (items, len) = unsafe { storage(object(&self.seq), self.is_list) };
        if i >= len {
            return Ok(None);
        }
        // SAFETY: one of the `len` slots, read just now; its item (or NULL) is alive while
        // the sequence holds it.
        unsafe { item_handle(self.seq.context(), *items.add(i), i) }.map(Some)
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
    let is_list = match () {
        _ if flags & capi::Py_TPFLAGS_LIST_SUBCLASS != 0 => true,
        _ if flags & capi::Py_TPFLAGS_TUPLE_SUBCLASS != 0 => false,
        _ => return Ok(None),
    };
    // SAFETY: a list or a tuple (its type's flags say so), read without any Python code
    // running until the loop ends.
    let (items, len) = unsafe { storage(o, is_list) };
    // Growing `out` runs no Python code: the storage read above stays valid.
    crate::alloc::reserve(out, len)?;
    let cx = seq.context();
    let start = out.len();
    for i in 0..len {
        // SAFETY: one of the `len` slots; its item (or NULL) alive while the sequence holds
        // it.
        match unsafe { item_handle(cx, *items.add(i), i) } {
            Ok(item) => out.push(item),
            Err(e) => {
                out.truncate(start);
                return Err(e);
            }
        }
    }
    Ok(Some(len))
}

/// How many entries `dict` (a dict or an instance of a subclass) has.
pub(crate) fn dict_len(dict: &Handle<'_>) -> usize {
    // SAFETY: an open handle; `PyDict_Size` checks that it is a dict (-1 with an exception
    // otherwise, which callers never cause: they pass dicts).
    let len = unsafe { capi::PyDict_Size(object(dict)) };
    len.max(0) as usize
}

/// The entries of `dict` (a dict or a subclass's storage), in storage order, as new handles:
/// each entry's references are taken before the next is read (the function, or its caller,
/// may change the dict while the handles are used).
pub(crate) fn dict_entries<'a, 'ctx>(
    dict: &'a Handle<'ctx>,
) -> impl Iterator<Item = (Handle<'ctx>, Handle<'ctx>)> + 'a {
    let (cx, o) = (dict.context(), object(dict));
    let mut pos = 0;
    core::iter::from_fn(move || {
        let (mut key, mut value) = (core::ptr::null_mut(), core::ptr::null_mut());
        // SAFETY: an open handle (`PyDict_Next` returns 0 for anything but a dict); nothing
        // runs Python code between the steps.
        if unsafe { capi::PyDict_Next(o, &mut pos, &mut key, &mut value) } == 0 {
            return None;
        }
        // SAFETY: live objects of the dict.
        Some(unsafe { (new_handle(cx, key), new_handle(cx, value)) })
    })
}

/// The keys and values of `dict` (a dict or a subclass's storage) appended to `keys` and
/// `values`, in storage order; how many.
pub(crate) fn dict_items_into<'ctx>(
    dict: &Handle<'ctx>,
    keys: &mut Vec<Handle<'ctx>>,
    values: &mut Vec<Handle<'ctx>>,
) -> Result<usize> {
    let len = dict_len(dict);
    // Growing the vectors runs no Python code: the dict does not change meanwhile.
    crate::alloc::reserve(keys, len)?;
    crate::alloc::reserve(values, len)?;
    let mut n = 0;
    for (key, value) in dict_entries(dict) {
        keys.push(key);
        values.push(value);
        n += 1;
    }
    Ok(n)
}
