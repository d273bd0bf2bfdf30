//! The half-ported part: C-API functions (resolved against the interpreter when the library
//! is loaded) and the legacy methods and slots written with them, which reach the classes'
//! Rust values through `hpy::legacy::borrow` / `borrow_mut`.

use core::ffi::{c_char, c_double, c_longlong};

use hpy::legacy::{LegacySlots, PyMethodDef, PyObject, PyTypeSlot};

use crate::legacy::{Counter, Hollow, Point};

/// `Py_DTSF_ADD_DOT_0`: `PyOS_double_to_string` writes `2.0`, not `2`.
const PY_DTSF_ADD_DOT_0: i32 = 2;

unsafe extern "C" {
    pub(crate) fn Py_DecRef(obj: *mut PyObject);
    fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject;
    fn PyLong_AsLongLong(obj: *mut PyObject) -> c_longlong;
    fn PyErr_Occurred() -> *mut PyObject;
    fn PyErr_SetString(ty: *mut PyObject, message: *const c_char);
    fn PyUnicode_FromFormat(format: *const c_char, ...) -> *mut PyObject;
    fn PyOS_double_to_string(
        v: c_double,
        code: c_char,
        precision: i32,
        flags: i32,
        ty: *mut i32,
    ) -> *mut c_char;
    fn PyMem_Free(p: *mut core::ffi::c_void);
    static PyExc_KeyError: *mut PyObject;
    static PyExc_RuntimeError: *mut PyObject;
    static PyExc_TypeError: *mut PyObject;
}

/// Sets `KeyError("legacy")`, as a failing C-API call would.
///
/// # Safety
/// The interpreter must be held.
pub(crate) unsafe fn set_key_error() {
    // SAFETY: the interpreter is held (the caller's contract); `PyExc_KeyError` is a type.
    unsafe { PyErr_SetString(PyExc_KeyError, c"legacy".as_ptr()) };
}

/// Raises `error` (from a legacy borrow) as the C API does; returns NULL.
fn raise(error: hpy::Error) -> *mut PyObject {
    let message = std::ffi::CString::new(error.message().unwrap_or_default()).unwrap_or_default();
    // SAFETY: the interpreter is held (CPython is calling us); both are exception types.
    unsafe {
        let ty = match error.exception_type() {
            Some(t) if t.name() == "TypeError" => PyExc_TypeError,
            _ => PyExc_RuntimeError,
        };
        PyErr_SetString(ty, message.as_ptr());
    }
    core::ptr::null_mut()
}

/// `Counter.peek()`: the value, read through the `PyObject*`.
extern "C" fn counter_peek(slf: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: CPython passes a live `Counter` (or subclass instance) as `self`.
    match unsafe { hpy::legacy::borrow::<Counter>(slf) } {
        // SAFETY: a C-API call with the interpreter held.
        Ok(counter) => unsafe { PyLong_FromLongLong(counter.value) },
        Err(e) => raise(e),
    }
}

/// `Counter.add(n)`: adds `n` through the `PyObject*`, returns the new value.
extern "C" fn counter_add(slf: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    // SAFETY: a C-API call with the interpreter held; `arg` is the live argument.
    let n = unsafe { PyLong_AsLongLong(arg) };
    // SAFETY: a C-API call with the interpreter held.
    if n == -1 && unsafe { !PyErr_Occurred().is_null() } {
        return core::ptr::null_mut();
    }
    // SAFETY: CPython passes a live `Counter` (or subclass instance) as `self`.
    match unsafe { hpy::legacy::borrow_mut::<Counter>(slf) } {
        Ok(mut counter) => {
            counter.value += n;
            // SAFETY: a C-API call with the interpreter held.
            unsafe { PyLong_FromLongLong(counter.value) }
        }
        Err(e) => raise(e),
    }
}

/// `repr(counter)`: `Counter(<value>)`, from the C API.
extern "C" fn counter_repr(slf: *mut PyObject) -> *mut PyObject {
    // SAFETY: CPython passes a live `Counter` (or subclass instance).
    match unsafe { hpy::legacy::borrow::<Counter>(slf) } {
        // SAFETY: a C-API call with the interpreter held; `%lld` takes a `long long`.
        Ok(counter) => unsafe { PyUnicode_FromFormat(c"Counter(%lld)".as_ptr(), counter.value) },
        Err(e) => raise(e),
    }
}

static COUNTER_METHODS: [PyMethodDef; 3] = [
    PyMethodDef::noargs(
        c"peek",
        counter_peek,
        Some(c"The value, read by C-API code."),
    ),
    PyMethodDef::o(
        c"add",
        counter_add,
        Some(c"Adds n in C-API code; the new value."),
    ),
    PyMethodDef::END,
];

/// `Counter`'s legacy slots: two methods and `tp_repr`.
// SAFETY: the methods and `counter_repr` return new references or NULL with an exception
// set, and reach the value only through `hpy::legacy::borrow` within their call.
pub static COUNTER_SLOTS: LegacySlots = unsafe {
    LegacySlots::new(&[
        PyTypeSlot::methods(&COUNTER_METHODS),
        PyTypeSlot::repr(counter_repr),
        PyTypeSlot::END,
    ])
};

/// `str(point)`: `(x, y)`, from the C API.
extern "C" fn point_str(slf: *mut PyObject) -> *mut PyObject {
    // SAFETY: CPython passes a live `Point`.
    let point = match unsafe { hpy::legacy::borrow::<Point>(slf) } {
        Ok(point) => point,
        Err(e) => return raise(e),
    };
    // SAFETY: a C-API call with the interpreter held; 'r' takes no precision.
    let format = |v: f64| unsafe {
        PyOS_double_to_string(
            v,
            b'r' as c_char,
            0,
            PY_DTSF_ADD_DOT_0,
            core::ptr::null_mut(),
        )
    };
    let (x, y) = (format(point.x), format(point.y));
    if x.is_null() || y.is_null() {
        // SAFETY: `PyMem_Free` accepts NULL and what `PyOS_double_to_string` returned.
        unsafe { (PyMem_Free(x.cast()), PyMem_Free(y.cast())) };
        return core::ptr::null_mut();
    }
    // SAFETY: two NUL-terminated strings for the two `%s`; freed with the allocator that
    // made them.
    unsafe {
        let s = PyUnicode_FromFormat(c"(%s, %s)".as_ptr(), x, y);
        PyMem_Free(x.cast());
        PyMem_Free(y.cast());
        s
    }
}

/// `Point`'s legacy slots: `tp_str`.
// SAFETY: `point_str` returns a new reference or NULL with an exception set.
pub static POINT_SLOTS: LegacySlots =
    unsafe { LegacySlots::new(&[PyTypeSlot::str(point_str), PyTypeSlot::END]) };

/// `Hollow.peek()`: its value, read through the `PyObject*`.
extern "C" fn hollow_peek(slf: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: CPython passes a live `Hollow` as `self`.
    match unsafe { hpy::legacy::borrow::<Hollow>(slf) } {
        // SAFETY: a C-API call with the interpreter held.
        Ok(hollow) => unsafe { PyLong_FromLongLong(hollow.0) },
        Err(e) => raise(e),
    }
}

static HOLLOW_METHODS: [PyMethodDef; 2] = [
    PyMethodDef::noargs(c"peek", hollow_peek, None),
    PyMethodDef::END,
];

/// `Hollow`'s legacy slots: one method.
// SAFETY: `hollow_peek` returns a new reference or NULL with an exception set.
pub static HOLLOW_SLOTS: LegacySlots =
    unsafe { LegacySlots::new(&[PyTypeSlot::methods(&HOLLOW_METHODS), PyTypeSlot::END]) };
