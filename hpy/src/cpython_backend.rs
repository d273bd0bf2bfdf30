//! The universal ABI on CPython: a list's, tuple's or dict's storage read through HPy's
//! bridge to the C API, for [`Handle::items_into`], [`Handle::dict_items_into`],
//! `Vec<T>`'s conversion and [`Handle::iter`].
//!
//! HPy 0.9's context has no `PyDict_Next` and no way to a sequence's storage (see
//! `universal.rs`). But on CPython, its universal context (`"HPy Universal ABI (CPython
//! backend)"`) has `HPy_AsPyObject` and `HPy_FromPyObject`, which there cost a reference
//! count each (the handle is the `PyObject*`), and the interpreter's C API is in the process.
//! On that context only, the SDK takes the object with `HPy_AsPyObject`, reads its storage
//! with CPython functions found by `dlsym` — `PyDict_Next`, `PyDict_Size`, `PyList_Size`,
//! `PyList_GetItem`, `PyTuple_Size`, `PyTuple_GetItem`, `Py_DecRef`, all in CPython's stable
//! ABI since 3.2, so the one universal binary reads them on every CPython version — and
//! hands each item back with `HPy_FromPyObject`. None of these runs Python code or
//! allocates a Python object: a whole read is a snapshot of the storage, as `PyDict_Next`
//! and `PySequence_Fast` give C code, and as the CPython ABI reads it (`cpython_storage.rs`);
//! a list read an item at a time ([`Sequence::item`]) sees its size again at each item, as
//! CPython's list iterator does.
//!
//! Anywhere else the HPy-only paths run (`__private/items_reader/universal.rs`, one
//! `HPy_GetItem_i` per item): in HPy's debug and trace modes (whose
//! context has its own name: there every handle goes through HPy's checks), on PyPy and
//! GraalPy, and in a process where CPython's symbols are not visible to `dlsym` (an
//! application that loaded libpython with `RTLD_LOCAL`).

use core::ffi::{CStr, c_int, c_void};
use std::sync::OnceLock;

use crate::context::call;
use crate::{Context, Handle, Result, ffi};

type PyObject = ffi::cpy_PyObject;

/// `Py_ssize_t (*)(PyObject *)`: `PyDict_Size`, `PyList_Size`, `PyTuple_Size`.
type SizeFn = unsafe extern "C" fn(*mut PyObject) -> isize;
/// `PyObject *(*)(PyObject *, Py_ssize_t)`: `PyList_GetItem`, `PyTuple_GetItem`.
type GetItemFn = unsafe extern "C" fn(*mut PyObject, isize) -> *mut PyObject;
/// `int (*)(PyObject *, Py_ssize_t *, PyObject **, PyObject **)`: `PyDict_Next`.
type DictNextFn = unsafe extern "C" fn(
    *mut PyObject,
    *mut isize,
    *mut *mut PyObject,
    *mut *mut PyObject,
) -> c_int;
/// `void (*)(PyObject *)`: `Py_DecRef`.
type DecRefFn = unsafe extern "C" fn(*mut PyObject);

/// The CPython functions the readers call, found in the process.
pub(crate) struct CApi {
    dict_size: SizeFn,
    dict_next: DictNextFn,
    list_size: SizeFn,
    list_get_item: GetItemFn,
    tuple_size: SizeFn,
    tuple_get_item: GetItemFn,
    dec_ref: DecRefFn,
}

/// The functions, once looked for (`None`: not all found).
static C_API: OnceLock<Option<CApi>> = OnceLock::new();

/// Looks for the functions, once, if `cx` is the universal context on CPython.
pub(crate) fn find(cx: Context<'_>) {
    if cx.is_cpython_universal() {
        C_API.get_or_init(|| resolve(cx));
    }
}

/// The functions, if `cx` is the universal context on CPython and they were found.
#[inline]
pub(crate) fn api(cx: Context<'_>) -> Option<&'static CApi> {
    match cx.is_cpython_universal() {
        true => C_API.get()?.as_ref(),
        false => None,
    }
}

/// A symbol of the process named `name` (`dlsym` in its global scope), or null.
#[cfg(unix)]
fn symbol(name: &CStr) -> *mut c_void {
    // SAFETY: a NUL-terminated name; `RTLD_DEFAULT` searches the process's global scope.
    unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) }
}

/// Not looked for outside Unix (Windows would need `GetProcAddress` on the interpreter's
/// DLL): the HPy-only readers run there.
#[cfg(not(unix))]
fn symbol(_: &CStr) -> *mut c_void {
    core::ptr::null_mut()
}

/// The functions, if all are in the process and belong to the interpreter that runs `cx`:
/// its `None` (`HPy_AsPyObject` of the context's) is the `_Py_NoneStruct` found beside them
/// (a process could hold another libpython).
fn resolve(cx: Context<'_>) -> Option<CApi> {
    macro_rules! function {
        ($name:literal as $type:ty) => {{
            let address = symbol($name);
            if address.is_null() {
                return None;
            }
            // SAFETY: CPython's function of that name, whose C signature (stable ABI) the
            // type spells.
            unsafe { core::mem::transmute::<*mut c_void, $type>(address) }
        }};
    }
    let api = CApi {
        dict_size: function!(c"PyDict_Size" as SizeFn),
        dict_next: function!(c"PyDict_Next" as DictNextFn),
        list_size: function!(c"PyList_Size" as SizeFn),
        list_get_item: function!(c"PyList_GetItem" as GetItemFn),
        tuple_size: function!(c"PyTuple_Size" as SizeFn),
        tuple_get_item: function!(c"PyTuple_GetItem" as GetItemFn),
        dec_ref: function!(c"Py_DecRef" as DecRefFn),
    };
    let none = cx.table().h_None;
    // SAFETY: a constant handle; the result is a new reference to `None`.
    let object = unsafe { call!(cx, ctx_AsPyObject(none)) };
    // Another interpreter's `None`: the reference stays (one, to an immortal object).
    let same = object.cast::<c_void>() == symbol(c"_Py_NoneStruct");
    if same {
        // SAFETY: the reference just taken, released with this interpreter's function.
        unsafe { (api.dec_ref)(object) };
    }
    same.then_some(api)
}

/// `HPy_AsPyObject` of a handle: a reference released when dropped.
struct Object {
    api: &'static CApi,
    object: *mut PyObject,
}

impl Object {
    fn new(api: &'static CApi, handle: &Handle<'_>) -> Self {
        // SAFETY: `handle` is open; the result is a new reference to its object (CPython's
        // universal context: `Py_XNewRef`).
        let object = unsafe { call!(handle.context(), ctx_AsPyObject(handle.as_raw())) };
        Object { api, object }
    }
}

impl Drop for Object {
    fn drop(&mut self) {
        // SAFETY: the reference `new` took (dropped within the call: the GIL is held, the
        // type is neither `Send` nor `Sync`).
        unsafe { (self.api.dec_ref)(self.object) }
    }
}

/// A new handle to `object`, item `index` of a sequence's storage, a borrowed reference
/// the storage holds; a `SystemError` for NULL: the item of a tuple or list still being
/// built (C code fills them after allocating them, and Python code can reach one through
/// the garbage collector meanwhile: `gc.get_objects()` inside `tuple(generator)`).
///
/// # Safety
/// `object` is null or a live object, kept alive until this returns.
unsafe fn item_handle<'ctx>(
    cx: Context<'ctx>,
    object: *mut PyObject,
    index: usize,
) -> Result<Handle<'ctx>> {
    if object.is_null() {
        return Err(crate::error::null_item(index));
    }
    // SAFETY: the caller's contract; CPython's universal context makes the handle with
    // `Py_NewRef` (it cannot fail).
    Ok(unsafe { Handle::from_raw(cx, call!(cx, ctx_FromPyObject(object))) })
}

/// The storage of a `list` or a `tuple` (or a subclass of either), read in place.
pub(crate) struct Sequence<'ctx> {
    cx: Context<'ctx>,
    object: Object,
    size: SizeFn,
    get_item: GetItemFn,
}

impl<'ctx> Sequence<'ctx> {
    /// The storage of `seq`, a list (`is_list`) or a tuple, if `seq`'s context is the
    /// universal one on CPython (and the functions were found).
    #[inline]
    pub(crate) fn of(seq: &Handle<'ctx>, is_list: bool) -> Option<Self> {
        let cx = seq.context();
        let api = api(cx)?;
        let (size, get_item) = match is_list {
            true => (api.list_size, api.list_get_item),
            false => (api.tuple_size, api.tuple_get_item),
        };
        Some(Sequence {
            cx,
            object: Object::new(api, seq),
            size,
            get_item,
        })
    }

    /// The storage's size now (not `__len__`).
    #[inline]
    pub(crate) fn len(&self) -> usize {
        // SAFETY: a list (or tuple), held: its storage's size (never -1 for one).
        unsafe { (self.size)(self.object.object) }.max(0) as usize
    }

    /// A new handle to item `i`, or `None` past the end.
    #[inline]
    pub(crate) fn item(&self, i: usize) -> Result<Option<Handle<'ctx>>> {
        if i >= self.len() {
            return Ok(None);
        }
        // SAFETY: an index below the size read just before; the item is a borrowed
        // reference the sequence holds (or NULL), duplicated before anything else runs.
        unsafe { item_handle(self.cx, (self.get_item)(self.object.object, i as isize), i) }
            .map(Some)
    }

    /// Appends all the items to `out`: a snapshot (nothing runs in between).
    pub(crate) fn items_into(&self, out: &mut Vec<Handle<'ctx>>) -> Result<usize> {
        let len = self.len();
        crate::alloc::reserve(out, len)?;
        let start = out.len();
        for i in 0..len {
            // SAFETY: an index below the size; nothing ran since it was read. The item is
            // a borrowed reference the sequence holds (or NULL). The capacity was reserved.
            match unsafe {
                item_handle(self.cx, (self.get_item)(self.object.object, i as isize), i)
            } {
                Ok(item) => out.push(item),
                Err(e) => {
                    out.truncate(start);
                    return Err(e);
                }
            }
        }
        Ok(len)
    }
}

/// Appends the keys and values of `dict`, a `dict` or a subclass, to `keys` and `values`.
pub(crate) fn dict_items_into<'ctx>(
    api: &'static CApi,
    dict: &Handle<'ctx>,
    keys: &mut Vec<Handle<'ctx>>,
    values: &mut Vec<Handle<'ctx>>,
) -> Result<usize> {
    let cx = dict.context();
    let object = Object::new(api, dict);
    // SAFETY: a dict: its number of entries, not its `__len__` (never -1 for one).
    let len = unsafe { (api.dict_size)(object.object) }.max(0) as usize;
    crate::alloc::reserve(keys, len)?;
    crate::alloc::reserve(values, len)?;
    let (mut position, mut key, mut value) = (0, core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: a dict, walked from position 0 with nothing else running; each entry's key
    // and value are borrowed references the dict holds.
    while unsafe { (api.dict_next)(object.object, &mut position, &mut key, &mut value) } != 0 {
        // SAFETY: as above (a dict's entries are never NULL); `len` entries, the capacity
        // reserved. CPython's universal context makes the handles with `Py_NewRef`.
        unsafe {
            keys.push(Handle::from_raw(cx, call!(cx, ctx_FromPyObject(key))));
            values.push(Handle::from_raw(cx, call!(cx, ctx_FromPyObject(value))));
        }
    }
    Ok(len)
}
