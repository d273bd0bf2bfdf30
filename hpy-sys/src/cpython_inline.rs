//! The context functions of the CPython ABI that are written in Rust rather than called
//! through the shim: the ones on every call's path (reference counting, identity and type
//! tests, a struct's address, fields and globals, ints and floats, tuples), so that they inline into the
//! caller as HPy's `static inline` C functions do into C code. Each does what HPy 0.9.0's
//! CPython ABI does for that function (`hpy/cpython/misc.h`, `autogen_api_impl.h`,
//! `src/runtime/ctx_*.c`: the source is named on each), with the universal context
//! member's signature; `hpy-sys/abi/hpy-0.9.0-cpython-api.tsv` marks them `rust`.

use core::ffi::{c_int, c_void};

use crate::cpython_capi as capi;
use crate::{HPy, HPy_ssize_t, HPyContext, HPyField, HPyGlobal, cpy_PyObject};

use crate::cpython_capi::{h2py as py, py2h as h};

/// Where a pure HPy type's struct starts in its object: after `PyObject_HEAD`, aligned for
/// any C type (`_HPy_HEAD_SIZE(PyObject_HEAD)`, `ctx_type.c`; `extra.c` asserts that this is
/// two pointers).
const OBJECT_PAYLOAD_OFFSET: usize = 2 * core::mem::size_of::<usize>();

/// `HPy_Dup` (`misc.h`): `Py_XINCREF`.
///
/// # Safety
/// `h` is an open handle or `HPy_NULL`; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Dup(_ctx: *mut HPyContext, h: HPy) -> HPy {
    // SAFETY: an open handle is a live object (the caller's contract).
    unsafe { xincref(py(h)) };
    h
}

/// `HPy_Dup` of a handle that is not `HPy_NULL` (a context's constant): `Py_INCREF`.
///
/// # Safety
/// `h` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn dup_nonnull(h: HPy) -> HPy {
    // SAFETY: an open handle is a live object (the caller's contract).
    unsafe { capi::py_incref(py(h)) };
    h
}

/// `HPy_Close` (`misc.h`): `Py_XDECREF`.
///
/// # Safety
/// `h` is an open handle, closed here, or `HPy_NULL`; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Close(_ctx: *mut HPyContext, h: HPy) {
    // SAFETY: the handle's reference is given up (the caller's contract).
    unsafe { xdecref(py(h)) };
}

/// `Py_XINCREF(o)`.
///
/// # Safety
/// `o` is NULL or a live object; the GIL is held.
#[inline(always)]
unsafe fn xincref(o: *mut cpy_PyObject) {
    if !o.is_null() {
        // SAFETY: a live object (the caller's contract).
        unsafe { capi::py_incref(o) };
    }
}

/// `Py_XDECREF(o)`.
///
/// # Safety
/// `o` is NULL or a live object whose reference is given up; the GIL is held.
#[inline(always)]
unsafe fn xdecref(o: *mut cpy_PyObject) {
    if !o.is_null() {
        // SAFETY: a reference given up (the caller's contract).
        unsafe { capi::py_decref(o) };
    }
}

/// A new handle to the object (or NULL) a field or a global holds as `bits`: `Py_XINCREF`.
///
/// # Safety
/// `bits` is NULL or a live object; the GIL is held.
#[inline(always)]
unsafe fn new_reference(bits: isize) -> HPy {
    let o = bits as *mut cpy_PyObject;
    // SAFETY: the caller's contract.
    unsafe { xincref(o) };
    h(o)
}

/// `HPyField_Store` (`misc.h`): the field takes a new reference to `h` (or is emptied by
/// `HPy_NULL`), and gives up the one it held.
///
/// # Safety
/// `field` is a field of the live object `_target`; `h` is open or `HPy_NULL`; the GIL is
/// held.
#[inline(always)]
pub unsafe fn ctx_Field_Store(_ctx: *mut HPyContext, _target: HPy, field: *mut HPyField, h: HPy) {
    // SAFETY: as `HPyField_Store` (the caller's contract): the new reference first, the old
    // one released after the field holds the new one.
    unsafe {
        let old = (*field)._i as *mut cpy_PyObject;
        xincref(py(h));
        *field = HPyField { _i: h._i };
        xdecref(old);
    }
}

/// `HPyField_Load` (`misc.h`): a new handle to what the field holds (`HPy_NULL` for an
/// empty field, where HPy's would crash).
///
/// # Safety
/// `field` is a field of the live object `_source`; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Field_Load(_ctx: *mut HPyContext, _source: HPy, field: HPyField) -> HPy {
    // SAFETY: what a field holds is alive while its object is (the caller's contract).
    unsafe { new_reference(field._i) }
}

/// `HPyGlobal_Store` (`misc.h`): the global gives up what it held and takes a new reference
/// to `h` (or is emptied by `HPy_NULL`).
///
/// # Safety
/// `global` is a global of the module; `h` is open or `HPy_NULL`; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Global_Store(_ctx: *mut HPyContext, global: *mut HPyGlobal, h: HPy) {
    // SAFETY: as `HPyGlobal_Store` (the caller's contract), in its order.
    unsafe {
        xdecref((*global)._i as *mut cpy_PyObject);
        xincref(py(h));
        *global = HPyGlobal { _i: h._i };
    }
}

/// `HPyGlobal_Load` (`misc.h`): a new handle to what the global holds (`HPy_NULL` for an
/// empty one, where HPy's would crash).
///
/// # Safety
/// `global` is a global of the module; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Global_Load(_ctx: *mut HPyContext, global: HPyGlobal) -> HPy {
    // SAFETY: what a global holds is alive while it holds it (the caller's contract).
    unsafe { new_reference(global._i) }
}

/// `HPy_FromPyObject` (`misc.h`): a new handle to `obj` (`Py_XINCREF`).
///
/// # Safety
/// `obj` is NULL or a live object; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_FromPyObject(_ctx: *mut HPyContext, obj: *mut cpy_PyObject) -> HPy {
    // SAFETY: the caller's contract.
    unsafe { xincref(obj) };
    h(obj)
}

/// `HPy_AsPyObject` (`misc.h`): a new reference to `h`'s object (`Py_XINCREF`).
///
/// # Safety
/// `h` is open or `HPy_NULL`; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_AsPyObject(_ctx: *mut HPyContext, h: HPy) -> *mut cpy_PyObject {
    // SAFETY: the caller's contract.
    unsafe { xincref(py(h)) };
    py(h)
}

/// `HPy_Is` (`ctx_Is`, `ctx_object.c`): the same object.
///
/// # Safety
/// None beyond the signature's: handles are compared, not read.
#[inline(always)]
pub unsafe fn ctx_Is(_ctx: *mut HPyContext, obj: HPy, other: HPy) -> c_int {
    c_int::from(py(obj) == py(other))
}

/// `HPy_TypeCheck` (`ctx_TypeCheck`, `ctx_object.c`): `PyObject_TypeCheck`.
///
/// # Safety
/// `obj` is an open handle and `ty` one to a type; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_TypeCheck(_ctx: *mut HPyContext, obj: HPy, ty: HPy) -> c_int {
    // SAFETY: a live object (the caller's contract).
    let actual = unsafe { capi::py_type(py(obj)) };
    if actual == py(ty) {
        return 1;
    }
    // SAFETY: two types (the caller's contract).
    unsafe { capi::PyType_IsSubtype(actual, py(ty)) }
}

/// `HPy_Type` (`autogen_api_impl.h`): `PyObject_Type`, a new reference to the type.
///
/// # Safety
/// `obj` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Type(_ctx: *mut HPyContext, obj: HPy) -> HPy {
    // SAFETY: a live object and its type (the caller's contract).
    unsafe {
        let ty = capi::py_type(py(obj));
        capi::py_incref(ty);
        h(ty)
    }
}

/// `_HPy_AsStruct_Object` (`ctx_AsStruct_Object`, `ctx_type.c`): the struct of a pure HPy
/// type's object, after its header.
///
/// # Safety
/// None: the address is computed, not read (using it is the caller's business).
#[inline(always)]
pub unsafe fn ctx_AsStruct_Object(_ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    py(h)
        .cast::<u8>()
        .wrapping_add(OBJECT_PAYLOAD_OFFSET)
        .cast()
}

/// `HPyLong_FromInt32_t` (`misc.h`): `PyLong_FromLong`.
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_FromInt32_t(_ctx: *mut HPyContext, value: i32) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    h(unsafe { capi::PyLong_FromLong(value.into()) })
}

/// `HPyLong_FromInt64_t` (`misc.h`): `PyLong_FromLongLong`, or the same value through
/// `PyLong_FromLong` where a C `long` has 64 bits (the direct path: `PyLong_FromLongLong`
/// takes a few steps more to the same result).
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_FromInt64_t(_ctx: *mut HPyContext, value: i64) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    h(unsafe {
        match core::ffi::c_long::try_from(value) {
            Ok(value) if core::mem::size_of::<core::ffi::c_long>() == 8 => {
                capi::PyLong_FromLong(value)
            }
            _ => capi::PyLong_FromLongLong(value),
        }
    })
}

/// `HPyLong_FromUInt64_t` (`misc.h`): `PyLong_FromUnsignedLongLong`.
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_FromUInt64_t(_ctx: *mut HPyContext, value: u64) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    h(unsafe { capi::PyLong_FromUnsignedLongLong(value) })
}

/// `HPyLong_FromSsize_t` (`autogen_api_impl.h`): `PyLong_FromSsize_t`.
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_FromSsize_t(_ctx: *mut HPyContext, value: HPy_ssize_t) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    h(unsafe { capi::PyLong_FromSsize_t(value) })
}

/// `HPyLong_FromSize_t` (`autogen_api_impl.h`): `PyLong_FromSize_t`.
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_FromSize_t(_ctx: *mut HPyContext, value: usize) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    h(unsafe { capi::PyLong_FromSize_t(value) })
}

/// `HPyLong_AsInt64_t` (`misc.h`): `PyLong_AsLongLong`.
///
/// # Safety
/// `value` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_AsInt64_t(_ctx: *mut HPyContext, value: HPy) -> i64 {
    // SAFETY: a live object, the GIL held (the caller's contract).
    unsafe { capi::PyLong_AsLongLong(py(value)) }
}

/// `HPyLong_AsUInt64_t` (`misc.h`): `PyLong_AsUnsignedLongLong`.
///
/// # Safety
/// `value` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_AsUInt64_t(_ctx: *mut HPyContext, value: HPy) -> u64 {
    // SAFETY: a live object, the GIL held (the caller's contract).
    unsafe { capi::PyLong_AsUnsignedLongLong(py(value)) }
}

/// `HPyLong_AsSsize_t` (`autogen_api_impl.h`): `PyLong_AsSsize_t`.
///
/// # Safety
/// `value` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_AsSsize_t(_ctx: *mut HPyContext, value: HPy) -> HPy_ssize_t {
    // SAFETY: a live object, the GIL held (the caller's contract).
    unsafe { capi::PyLong_AsSsize_t(py(value)) }
}

/// `HPyLong_AsSize_t` (`autogen_api_impl.h`): `PyLong_AsSize_t`.
///
/// # Safety
/// `value` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Long_AsSize_t(_ctx: *mut HPyContext, value: HPy) -> usize {
    // SAFETY: a live object, the GIL held (the caller's contract).
    unsafe { capi::PyLong_AsSize_t(py(value)) }
}

/// `HPyFloat_FromDouble` (`autogen_api_impl.h`): `PyFloat_FromDouble`.
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Float_FromDouble(_ctx: *mut HPyContext, value: f64) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    h(unsafe { capi::PyFloat_FromDouble(value) })
}

/// `HPyFloat_AsDouble` (`autogen_api_impl.h`): `PyFloat_AsDouble`.
///
/// # Safety
/// `value` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Float_AsDouble(_ctx: *mut HPyContext, value: HPy) -> f64 {
    // SAFETY: a live object, the GIL held (the caller's contract).
    unsafe { capi::PyFloat_AsDouble(py(value)) }
}

/// `HPyErr_Occurred` (`ctx_Err_Occurred`, `ctx_err.c`): whether an exception is set.
///
/// # Safety
/// The GIL is held.
#[inline(always)]
pub unsafe fn ctx_Err_Occurred(_ctx: *mut HPyContext) -> c_int {
    // SAFETY: the GIL is held (the caller's contract).
    c_int::from(unsafe { !capi::PyErr_Occurred().is_null() })
}

/// `HPy_GetItem_i` (`ctx_GetItem_i`, `ctx_object.c`: `PyObject_GetItem` with the index as
/// an int): for an exact `list` or `tuple` and an index inside it, the item itself (what
/// `PyObject_GetItem` returns there), without making an int; anything else through HPy's.
///
/// # Safety
/// `obj` is an open handle; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_GetItem_i(ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t) -> HPy {
    let o = py(obj);
    // SAFETY: a live object (the caller's contract); the types' addresses only.
    let ty = unsafe { capi::py_type(o) }.cast::<capi::PyTypeObject>();
    let list = core::ptr::eq(ty, &raw const capi::PyList_Type);
    if list || core::ptr::eq(ty, &raw const capi::PyTuple_Type) {
        // SAFETY: a list or a tuple: its header.
        let size = unsafe { (*o.cast::<capi::PyVarObjectHeader>()).ob_size };
        if (0..size).contains(&idx) {
            // SAFETY: an index inside the container's items, read under the GIL.
            let item = unsafe {
                if list {
                    *(*o.cast::<capi::PyListObject>()).ob_item.add(idx as usize)
                } else {
                    *o.cast::<u8>()
                        .add(capi::TUPLE_ITEMS_OFFSET)
                        .cast::<*mut cpy_PyObject>()
                        .add(idx as usize)
                }
            };
            // SAFETY: a live item; the new handle owns the reference.
            unsafe { capi::py_incref(item) };
            return h(item);
        }
    }
    // SAFETY: the caller's contract.
    unsafe { crate::HPyRs_runtime_GetItem_i(ctx, obj, idx) }
}

/// `HPyTuple_FromArray` (`ctx_Tuple_FromArray`, `ctx_tuple.c`): a new tuple of new
/// references to the items.
///
/// # Safety
/// `items` points to `n` open handles; the GIL is held.
#[inline(always)]
pub unsafe fn ctx_Tuple_FromArray(_ctx: *mut HPyContext, items: *mut HPy, n: HPy_ssize_t) -> HPy {
    // SAFETY: the GIL is held (the caller's contract).
    let tuple = unsafe { capi::PyTuple_New(n) };
    if tuple.is_null() {
        return h(tuple);
    }
    let slots = tuple
        .cast::<u8>()
        .wrapping_add(capi::TUPLE_ITEMS_OFFSET)
        .cast::<*mut cpy_PyObject>();
    for i in 0..n as usize {
        // SAFETY: `n` open handles (the caller's contract), each stored with a new reference
        // in a slot of the new tuple (`PyTuple_SET_ITEM`), which has `n`.
        unsafe {
            let item = py(*items.add(i));
            capi::py_incref(item);
            *slots.add(i) = item;
        }
    }
    h(tuple)
}
