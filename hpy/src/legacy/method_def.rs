//! [`PyMethodDef`]: CPython's method definition, for the `Py_tp_methods` of legacy slots, and
//! the `METH_*` calling conventions.

use core::ffi::{CStr, c_char, c_int};

use super::PyObject;

/// `METH_VARARGS`: `f(self, args)`, `args` a tuple ([`PyCFunction`]).
pub const METH_VARARGS: c_int = 0x0001;
/// `METH_KEYWORDS`, with [`METH_VARARGS`]: `f(self, args, kwargs)`, `kwargs` a dict or NULL
/// ([`PyCFunctionWithKeywords`]); with [`METH_FASTCALL`]: [`PyCFunctionFastWithKeywords`].
pub const METH_KEYWORDS: c_int = 0x0002;
/// `METH_NOARGS`: `f(self, NULL)` ([`PyCFunction`]).
pub const METH_NOARGS: c_int = 0x0004;
/// `METH_O`: `f(self, arg)`, one positional argument ([`PyCFunction`]).
pub const METH_O: c_int = 0x0008;
/// `METH_CLASS`: a class method; `self` is the class.
pub const METH_CLASS: c_int = 0x0010;
/// `METH_STATIC`: a static method; `self` is NULL.
pub const METH_STATIC: c_int = 0x0020;
/// `METH_COEXIST`: the method replaces a slot wrapper of the same name instead of yielding
/// to it.
pub const METH_COEXIST: c_int = 0x0040;
/// `METH_FASTCALL`: `f(self, args, nargs)`, a C array of arguments ([`PyCFunctionFast`]).
pub const METH_FASTCALL: c_int = 0x0080;
/// `METH_METHOD` (CPython 3.9+), with `METH_FASTCALL | METH_KEYWORDS`: also receives the
/// defining class (`PyCMethod`).
pub const METH_METHOD: c_int = 0x0200;

/// `PyCFunction`: a `METH_NOARGS`, `METH_O` or `METH_VARARGS` method; returns a new
/// reference, or NULL with an exception set.
pub type PyCFunction =
    unsafe extern "C" fn(slf: *mut PyObject, arg: *mut PyObject) -> *mut PyObject;

/// `PyCFunctionWithKeywords`: a `METH_VARARGS | METH_KEYWORDS` method.
pub type PyCFunctionWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject;

/// `_PyCFunctionFast`: a `METH_FASTCALL` method.
pub type PyCFunctionFast = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: isize,
) -> *mut PyObject;

/// `_PyCFunctionFastWithKeywords`: a `METH_FASTCALL | METH_KEYWORDS` method (`kwnames` a
/// tuple of the keyword names, their values after the `nargs` positional arguments).
pub type PyCFunctionFastWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: isize,
    kwnames: *mut PyObject,
) -> *mut PyObject;

/// CPython's `PyMethodDef`: one C-API method of a legacy class, in a `static` array that
/// ends with [`PyMethodDef::END`] and goes into [`PyTypeSlot::methods`](super::PyTypeSlot::methods).
///
/// The constructors pair each calling convention with the function type it calls, so a
/// method cannot be called with arguments it does not expect; [`PyMethodDef::new`] takes any
/// flags. HPy adds these methods to the type beside those of `#[hpy::methods]`; CPython keeps
/// the first of two methods with one name, which is the `#[hpy::methods]` one.
///
/// CPython calls the function directly — not through HPy, so with no context and no panic
/// guard (a panic aborts the process at the `extern "C"` boundary), and HPy's debug mode
/// does not see it. `self` is an instance of the class (or of a Python subclass): reach the
/// Rust value with [`borrow`](super::borrow) / [`borrow_mut`](super::borrow_mut).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PyMethodDef {
    ml_name: *const c_char,
    ml_meth: Option<PyCFunction>,
    ml_flags: c_int,
    ml_doc: *const c_char,
}

// SAFETY: a definition only points to static, immutable data (names, docs, functions), which
// CPython reads (copies) with the interpreter held; nothing writes through it.
unsafe impl Sync for PyMethodDef {}

impl PyMethodDef {
    /// The all-zero entry that ends an array of definitions.
    pub const END: PyMethodDef = PyMethodDef {
        ml_name: core::ptr::null(),
        ml_meth: None,
        ml_flags: 0,
        ml_doc: core::ptr::null(),
    };

    /// A method definition from its parts.
    ///
    /// # Safety
    /// `meth` must have the function type `flags` says CPython calls it with (cast to
    /// [`PyCFunction`], as in C), and `flags` be a valid combination of `METH_*`.
    pub const unsafe fn new(
        name: &'static CStr,
        meth: PyCFunction,
        flags: c_int,
        doc: Option<&'static CStr>,
    ) -> Self {
        PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: Some(meth),
            ml_flags: flags,
            ml_doc: match doc {
                Some(doc) => doc.as_ptr(),
                None => core::ptr::null(),
            },
        }
    }

    /// A `METH_NOARGS` method: `meth(self, NULL)`.
    pub const fn noargs(
        name: &'static CStr,
        meth: PyCFunction,
        doc: Option<&'static CStr>,
    ) -> Self {
        // SAFETY: a `PyCFunction` is what `METH_NOARGS` calls.
        unsafe { Self::new(name, meth, METH_NOARGS, doc) }
    }

    /// A `METH_O` method: `meth(self, arg)`.
    pub const fn o(name: &'static CStr, meth: PyCFunction, doc: Option<&'static CStr>) -> Self {
        // SAFETY: a `PyCFunction` is what `METH_O` calls.
        unsafe { Self::new(name, meth, METH_O, doc) }
    }

    /// A `METH_VARARGS` method: `meth(self, args)`, `args` a tuple.
    pub const fn varargs(
        name: &'static CStr,
        meth: PyCFunction,
        doc: Option<&'static CStr>,
    ) -> Self {
        // SAFETY: a `PyCFunction` is what `METH_VARARGS` calls.
        unsafe { Self::new(name, meth, METH_VARARGS, doc) }
    }

    /// A `METH_VARARGS | METH_KEYWORDS` method: `meth(self, args, kwargs)`.
    pub const fn keywords(
        name: &'static CStr,
        meth: PyCFunctionWithKeywords,
        doc: Option<&'static CStr>,
    ) -> Self {
        // SAFETY: CPython calls a `METH_VARARGS | METH_KEYWORDS` method as a
        // `PyCFunctionWithKeywords`, stored cast to `PyCFunction` (function pointers have one
        // size and representation).
        unsafe {
            let meth = core::mem::transmute::<PyCFunctionWithKeywords, PyCFunction>(meth);
            Self::new(name, meth, METH_VARARGS | METH_KEYWORDS, doc)
        }
    }

    /// A `METH_FASTCALL` method: `meth(self, args, nargs)`.
    pub const fn fastcall(
        name: &'static CStr,
        meth: PyCFunctionFast,
        doc: Option<&'static CStr>,
    ) -> Self {
        // SAFETY: CPython calls a `METH_FASTCALL` method as a `_PyCFunctionFast`, stored cast
        // to `PyCFunction`.
        unsafe {
            let meth = core::mem::transmute::<PyCFunctionFast, PyCFunction>(meth);
            Self::new(name, meth, METH_FASTCALL, doc)
        }
    }

    /// A `METH_FASTCALL | METH_KEYWORDS` method: `meth(self, args, nargs, kwnames)`.
    pub const fn fastcall_keywords(
        name: &'static CStr,
        meth: PyCFunctionFastWithKeywords,
        doc: Option<&'static CStr>,
    ) -> Self {
        // SAFETY: CPython calls a `METH_FASTCALL | METH_KEYWORDS` method as a
        // `_PyCFunctionFastWithKeywords`, stored cast to `PyCFunction`.
        unsafe {
            let meth = core::mem::transmute::<PyCFunctionFastWithKeywords, PyCFunction>(meth);
            Self::new(name, meth, METH_FASTCALL | METH_KEYWORDS, doc)
        }
    }

    /// Whether this is the [`END`](Self::END) entry.
    pub(crate) const fn is_end(&self) -> bool {
        self.ml_name.is_null()
    }
}
