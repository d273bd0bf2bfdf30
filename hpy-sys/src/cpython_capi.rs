//! The part of CPython's C API that [`crate::cpython`]'s Rust implementations use: the
//! object header and the functions they call, declared from CPython's headers
//! (`Include/object.h`, `Include/longobject.h`, ...) for the versions HPy 0.9 supports,
//! 3.8 to 3.12, release builds. Only reference counting differs between them: from 3.12 an
//! object can be immortal (PEP 683), which the build script tells us as
//! `cfg(hpy_cpython_immortal)`.
//!
//! (`pyo3-ffi` declares all of it, but its current releases need CPython 3.9 or later, and
//! HPy 0.9 supports 3.8; what is used here is a dozen stable functions and one header.)

use core::ffi::{
    c_char, c_double, c_int, c_long, c_longlong, c_uint, c_ulong, c_ulonglong, c_void,
};

use crate::{HPy, cpy_PyObject};

/// `_py2h`: in this ABI a handle is the object's address.
#[inline(always)]
pub fn py2h(o: *mut cpy_PyObject) -> HPy {
    HPy { _i: o as isize }
}

/// `_h2py`: the object a handle is.
#[inline(always)]
pub fn h2py(h: HPy) -> *mut cpy_PyObject {
    h._i as *mut cpy_PyObject
}

/// The CPython version this build is for (`sys.version_info[:2]` of the interpreter the build
/// script asked): a CPython-ABI module runs on that version only.
pub const PY_VERSION: (u32, u32) = (
    parse(env!("HPY_SYS_PYTHON_MAJOR")),
    parse(env!("HPY_SYS_PYTHON_MINOR")),
);

/// A decimal number, at compile time.
const fn parse(digits: &str) -> u32 {
    let digits = digits.as_bytes();
    let mut value = 0;
    let mut i = 0;
    while i < digits.len() {
        assert!(digits[i].is_ascii_digit(), "a version number");
        value = value * 10 + (digits[i] - b'0') as u32;
        i += 1;
    }
    value
}

pub use crate::cpython_layout::{PyObjectHeader, PyVarObjectHeader};

/// `PyTupleObject`'s items: `ob_item`, right after the variable-size header.
pub const TUPLE_ITEMS_OFFSET: usize = core::mem::size_of::<PyVarObjectHeader>();

/// `PyListObject` (`Include/cpython/listobject.h`): the header, then the items' array.
#[repr(C)]
pub struct PyListObject {
    /// `ob_base`: `ob_size` is the length.
    pub ob_base: PyVarObjectHeader,
    /// `ob_item`.
    pub ob_item: *mut *mut cpy_PyObject,
    /// `allocated`.
    pub allocated: isize,
}

/// `PyTypeObject` (`Include/cpython/object.h`) up to `tp_finalize`, the fields every
/// version from 3.8 to 3.12 has at the same place (later versions append); only ever read
/// and written through a pointer to a type object. `extra.c` asserts the offsets used.
#[repr(C)]
pub struct PyTypeObject {
    /// `ob_base`.
    pub ob_base: PyVarObjectHeader,
    /// `tp_name`.
    pub tp_name: *const c_char,
    /// `tp_basicsize`.
    pub tp_basicsize: isize,
    /// `tp_itemsize`.
    pub tp_itemsize: isize,
    /// `tp_dealloc`.
    pub tp_dealloc: Option<unsafe extern "C" fn(*mut cpy_PyObject)>,
    /// `tp_vectorcall_offset` .. `tp_as_buffer`: 14 pointer-sized fields hpy-sys does not read.
    pub _unused_1: [*mut c_void; 14],
    /// `tp_flags`.
    pub tp_flags: c_ulong,
    /// `tp_doc` .. `tp_new`: 18 pointer-sized fields hpy-sys does not read.
    pub _unused_2: [*mut c_void; 18],
    /// `tp_free`.
    pub tp_free: Option<unsafe extern "C" fn(*mut c_void)>,
    /// `tp_is_gc` .. `tp_del`: 7 pointer-sized fields hpy-sys does not read.
    pub _unused_3: [*mut c_void; 7],
    /// `tp_version_tag`.
    pub tp_version_tag: c_uint,
    /// `tp_finalize`.
    pub tp_finalize: Option<unsafe extern "C" fn(*mut cpy_PyObject)>,
}

/// `Py_TPFLAGS_HAVE_GC`.
pub const Py_TPFLAGS_HAVE_GC: c_ulong = 1 << 14;
/// `Py_TPFLAGS_HAVE_VECTORCALL` (`_Py_TPFLAGS_HAVE_VECTORCALL` before 3.12).
pub const Py_TPFLAGS_HAVE_VECTORCALL: c_ulong = 1 << 11;
/// `Py_TPFLAGS_LIST_SUBCLASS`: the type is `list` or a subclass of it.
pub const Py_TPFLAGS_LIST_SUBCLASS: c_ulong = 1 << 25;
/// `Py_TPFLAGS_TUPLE_SUBCLASS`: the type is `tuple` or a subclass of it.
pub const Py_TPFLAGS_TUPLE_SUBCLASS: c_ulong = 1 << 26;
/// `Py_TPFLAGS_UNICODE_SUBCLASS`: the type is `str` or a subclass of it.
pub const Py_TPFLAGS_UNICODE_SUBCLASS: c_ulong = 1 << 28;
/// `Py_TPFLAGS_DICT_SUBCLASS`: the type is `dict` or a subclass of it.
pub const Py_TPFLAGS_DICT_SUBCLASS: c_ulong = 1 << 29;

/// `PyCFunctionWithKeywords`: a builtin taking `(self, args, kwargs)`, `args` a tuple and
/// `kwargs` a dict or NULL.
pub type PyCFunctionWithKeywords = unsafe extern "C" fn(
    *mut cpy_PyObject,
    *mut cpy_PyObject,
    *mut cpy_PyObject,
) -> *mut cpy_PyObject;

/// `PyMethodDef` (`Include/methodobject.h`), for a [`PyCFunctionWithKeywords`]; a builtin
/// keeps a pointer to it, so it lives in a `static`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PyMethodDef {
    /// `ml_name`.
    pub ml_name: *const c_char,
    /// `ml_meth`.
    pub ml_meth: Option<PyCFunctionWithKeywords>,
    /// `ml_flags`.
    pub ml_flags: c_int,
    /// `ml_doc`.
    pub ml_doc: *const c_char,
}

/// `METH_VARARGS`: the arguments come as a tuple.
pub const METH_VARARGS: c_int = 0x0001;
/// `METH_KEYWORDS`: with [`METH_VARARGS`], the keyword arguments come as a dict (or NULL).
pub const METH_KEYWORDS: c_int = 0x0002;

unsafe extern "C" {
    /// `PyList_Type`.
    pub static mut PyList_Type: PyTypeObject;
    /// `PyTuple_Type`.
    pub static mut PyTuple_Type: PyTypeObject;
    /// `_PyObject_New` (`PyObject_New`): an object of `tp`'s basic size, its header set.
    pub fn _PyObject_New(tp: *mut PyTypeObject) -> *mut cpy_PyObject;
    /// `_PyObject_GC_New` (`PyObject_GC_New`): the same for a type with `Py_TPFLAGS_HAVE_GC`,
    /// not yet tracked.
    pub fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut cpy_PyObject;
    /// `PyObject_GC_Track`.
    pub fn PyObject_GC_Track(op: *mut c_void);
    /// `PyObject_GC_UnTrack`.
    pub fn PyObject_GC_UnTrack(op: *mut c_void);
    /// `PyObject_CallFinalizerFromDealloc`: runs `tp_finalize` from `tp_dealloc`; -1 when the
    /// object was resurrected.
    pub fn PyObject_CallFinalizerFromDealloc(op: *mut cpy_PyObject) -> c_int;
    /// `_Py_Dealloc`: what `Py_DECREF` calls when the count reaches zero.
    pub fn _Py_Dealloc(op: *mut cpy_PyObject);
    /// `PyType_IsSubtype`.
    pub fn PyType_IsSubtype(a: *mut cpy_PyObject, b: *mut cpy_PyObject) -> c_int;
    /// `PyLong_FromLong`.
    pub fn PyLong_FromLong(v: c_long) -> *mut cpy_PyObject;
    /// `PyLong_FromLongLong`.
    pub fn PyLong_FromLongLong(v: c_longlong) -> *mut cpy_PyObject;
    /// `PyLong_FromUnsignedLongLong`.
    pub fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut cpy_PyObject;
    /// `PyLong_FromSsize_t`.
    pub fn PyLong_FromSsize_t(v: isize) -> *mut cpy_PyObject;
    /// `PyLong_FromSize_t`.
    pub fn PyLong_FromSize_t(v: usize) -> *mut cpy_PyObject;
    /// `PyLong_AsLongLong`.
    pub fn PyLong_AsLongLong(o: *mut cpy_PyObject) -> c_longlong;
    /// `PyLong_AsUnsignedLongLong`.
    pub fn PyLong_AsUnsignedLongLong(o: *mut cpy_PyObject) -> c_ulonglong;
    /// `PyLong_AsSsize_t`.
    pub fn PyLong_AsSsize_t(o: *mut cpy_PyObject) -> isize;
    /// `PyLong_AsSize_t`.
    pub fn PyLong_AsSize_t(o: *mut cpy_PyObject) -> usize;
    /// `PyFloat_FromDouble`.
    pub fn PyFloat_FromDouble(v: c_double) -> *mut cpy_PyObject;
    /// `PyFloat_AsDouble`.
    pub fn PyFloat_AsDouble(o: *mut cpy_PyObject) -> c_double;
    /// `PyTuple_New`.
    pub fn PyTuple_New(size: isize) -> *mut cpy_PyObject;
    /// `PyErr_Occurred`.
    pub fn PyErr_Occurred() -> *mut cpy_PyObject;
    /// `PyDict_Next`: the item after position `*pos` (borrowed references), advancing it; 0
    /// at the end. Runs no Python code.
    pub fn PyDict_Next(
        dict: *mut cpy_PyObject,
        pos: *mut isize,
        key: *mut *mut cpy_PyObject,
        value: *mut *mut cpy_PyObject,
    ) -> c_int;
    /// `PyExc_ImportError`.
    pub static mut PyExc_ImportError: *mut cpy_PyObject;
    /// `PyErr_SetString`: sets an exception of `tp` with the UTF-8 message `message`.
    pub fn PyErr_SetString(tp: *mut cpy_PyObject, message: *const c_char);
    /// `Py_GetVersion`: the interpreter's version, as `sys.version` (a static string).
    pub fn Py_GetVersion() -> *const c_char;
    /// `PyDict_Copy`: a new dict with the same items.
    pub fn PyDict_Copy(dict: *mut cpy_PyObject) -> *mut cpy_PyObject;
    /// `PyDict_Size`.
    pub fn PyDict_Size(dict: *mut cpy_PyObject) -> isize;
    /// `PyArg_ValidateKeywordArguments`: 1 if `kwargs` is a dict with `str` keys only, else 0
    /// with `TypeError` set ("keywords must be strings"); constant time for a dict CPython
    /// knows holds only `str` keys.
    pub fn PyArg_ValidateKeywordArguments(kwargs: *mut cpy_PyObject) -> c_int;
    /// `PyDescr_NewMethod`: a method descriptor of `tp` for `def`, which it keeps a pointer to.
    pub fn PyDescr_NewMethod(tp: *mut PyTypeObject, def: *const PyMethodDef) -> *mut cpy_PyObject;
}

/// `Py_TYPE(op)->tp_flags`.
///
/// # Safety
/// `op` must be a live object.
#[inline(always)]
pub unsafe fn type_flags(op: *mut cpy_PyObject) -> c_ulong {
    // SAFETY: a live object's type, a type object (the caller's contract).
    unsafe { (*py_type(op).cast::<PyTypeObject>()).tp_flags }
}

/// `Py_TYPE(op)`.
///
/// # Safety
/// `op` must be a live object.
#[inline(always)]
pub unsafe fn py_type(op: *mut cpy_PyObject) -> *mut cpy_PyObject {
    // SAFETY: a live object starts with the header (the caller's contract).
    unsafe { (*op.cast::<PyObjectHeader>()).ob_type }
}

/// `Py_REFCNT(op)` (on 3.12, an immortal object's is above 2³⁰).
///
/// # Safety
/// `op` must be a live object.
#[inline(always)]
pub unsafe fn py_refcnt(op: *mut cpy_PyObject) -> isize {
    // SAFETY: a live object's count (the caller's contract).
    unsafe { (*op.cast::<PyObjectHeader>()).ob_refcnt }
}

/// Whether `op` is immortal (3.12, PEP 683: `_Py_IsImmortal`).
///
/// # Safety
/// `op` must be a live object.
#[cfg(hpy_cpython_immortal)]
#[inline(always)]
unsafe fn is_immortal(op: *mut cpy_PyObject) -> bool {
    // SAFETY: a live object's count (the caller's contract).
    let count = unsafe { (*op.cast::<PyObjectHeader>()).ob_refcnt };
    if cfg!(target_pointer_width = "64") {
        (count as i32) < 0
    } else {
        count == (u32::MAX >> 2) as isize
    }
}

/// `Py_INCREF(op)`.
///
/// # Safety
/// `op` must be a live object, and the GIL held.
#[inline(always)]
pub unsafe fn py_incref(op: *mut cpy_PyObject) {
    let header = op.cast::<PyObjectHeader>();
    #[cfg(all(hpy_cpython_immortal, target_pointer_width = "64"))]
    {
        // 3.12's saturated add on the low 32 bits: an immortal object's (all ones there)
        // never changes.
        let low = header
            .cast::<u32>()
            .wrapping_add(usize::from(cfg!(target_endian = "big")));
        // SAFETY: a live object's count, the GIL held (the caller's contract).
        unsafe {
            let new = (*low).wrapping_add(1);
            if new != 0 {
                *low = new;
            }
        }
    }
    #[cfg(not(all(hpy_cpython_immortal, target_pointer_width = "64")))]
    // SAFETY: a live object's count, the GIL held (the caller's contract).
    unsafe {
        #[cfg(hpy_cpython_immortal)]
        if is_immortal(op) {
            return;
        }
        (*header).ob_refcnt += 1;
    }
}

/// `Py_DECREF(op)`.
///
/// # Safety
/// `op` must be a live object this code owns a reference to, and the GIL held.
#[inline(always)]
pub unsafe fn py_decref(op: *mut cpy_PyObject) {
    let header = op.cast::<PyObjectHeader>();
    // SAFETY: a live object's count, the GIL held, a reference of ours given up (the
    // caller's contract); at zero CPython frees it.
    unsafe {
        #[cfg(hpy_cpython_immortal)]
        if is_immortal(op) {
            return;
        }
        (*header).ob_refcnt -= 1;
        if (*header).ob_refcnt == 0 {
            _Py_Dealloc(op);
        }
    }
}
