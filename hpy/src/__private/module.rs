//! Module initialisation support: what every generated `HPy_mod_exec` runs first.

use core::ffi::CStr;
use std::ffi::CString;

use crate::context::call;
use crate::exceptions::ExceptionType;
use crate::{Context, Handle, Result, TypeObject};

/// The `PanicException` type of this extension, created when the module executes.
pub static PANIC_EXCEPTION: TypeObject = TypeObject::new();

/// Creates this library's `PanicException` (a `BaseException` subclass, so `except
/// Exception:` does not swallow Rust panics) and stores it in [`PANIC_EXCEPTION`].
pub fn exec_module(cx: Context<'_>, _module: &Handle<'_>) -> Result<()> {
    if PANIC_EXCEPTION.load(cx).is_some() {
        return Ok(()); // already created by an earlier import of the same library
    }
    let base = cx.table().h_BaseException;
    // SAFETY: the name and doc are NUL-terminated; `base` is a constant type handle; a NULL
    // dict is allowed. The result is a new handle or NULL with an exception set.
    let raw = unsafe {
        call!(
            cx,
            ctx_Err_NewExceptionWithDoc(
                c"hpy_rs.PanicException".as_ptr(),
                c"A Rust panic in an hpy-rs extension, raised as a Python exception.".as_ptr(),
                base,
                crate::ffi::HPy_NULL,
            )
        )
    };
    // SAFETY: a new handle or NULL with an exception set.
    let ty = unsafe { Handle::from_raw_or_err(cx, raw)? };
    PANIC_EXCEPTION.store(&ty);
    Ok(())
}

/// What `#[hpy::exception]` tells the module about an exception type.
pub struct ExceptionInfo {
    /// The Python name, without the module.
    pub name: &'static str,
    /// The docstring.
    pub doc: Option<&'static CStr>,
    /// The base class.
    pub base: fn() -> ExceptionType,
}

/// An exception type declared with `#[hpy::exception]`; never implement it by hand.
pub trait PyException {
    /// The type object, stored when the module executes.
    const TYPE_OBJECT: &'static TypeObject;
    /// Everything the module needs to create the type.
    const INFO: &'static ExceptionInfo;
}

/// Creates `E`'s exception type (a subclass of its base, subclassable from Python), stores it
/// in `E::TYPE_OBJECT` and adds it to `module`.
pub fn register_exception<E: PyException>(module: &Handle<'_>) -> Result<()> {
    let cx = module.context();
    let info = E::INFO;
    let module_name: String = module.getattr(c"__name__")?.extract()?;
    let name = CString::new(format!("{module_name}.{}", info.name))?;
    let base = (info.base)().to_handle(cx)?;
    let doc = info.doc.map_or(core::ptr::null(), CStr::as_ptr);
    // SAFETY: `name` and `doc` are NUL-terminated (or doc NULL); `base` is open; a NULL dict
    // is allowed. The result is a new handle or NULL with an exception set.
    let raw = unsafe {
        call!(
            cx,
            ctx_Err_NewExceptionWithDoc(name.as_ptr(), doc, base.as_raw(), crate::ffi::HPy_NULL)
        )
    };
    // SAFETY: as above.
    let ty = unsafe { Handle::from_raw_or_err(cx, raw)? };
    E::TYPE_OBJECT.store(&ty);
    module.setattr(info.name, &ty)
}
