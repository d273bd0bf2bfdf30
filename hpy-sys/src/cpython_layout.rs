//! CPython's object headers and vectorcall flag (release builds of 3.8 to 3.12): plain
//! layouts and a constant, no function. The CPython ABI reads objects through them
//! (`cpython_capi` re-exports them); the universal ABI only where it runs on CPython
//! itself: its trampolines, which see CPython's arguments, and classes of the legacy shape.

use crate::cpy_PyObject;

/// `PyObject`'s header (`Include/object.h`): `ob_refcnt`, `ob_type`. On 3.12 `ob_refcnt` is
/// a union whose low 32 bits (on 64-bit platforms) are the count an immortal object never
/// changes; the layout is the same.
#[repr(C)]
pub struct PyObjectHeader {
    /// `ob_refcnt`.
    pub ob_refcnt: isize,
    /// `ob_type`.
    pub ob_type: *mut cpy_PyObject,
}

/// `PyVarObject`'s header: [`PyObjectHeader`] and `ob_size`.
#[repr(C)]
pub struct PyVarObjectHeader {
    /// `ob_base`.
    pub ob_base: PyObjectHeader,
    /// `ob_size`: the number of items of a tuple.
    pub ob_size: isize,
}

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`: the flag a vectorcall may set in `nargsf`
/// (`PyVectorcall_NARGS(nargsf)` is `nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET`).
pub const PY_VECTORCALL_ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);
