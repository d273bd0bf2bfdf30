//! Module initialisation support: what every generated `HPy_mod_exec` runs first.

use crate::context::call;
use crate::{Context, Global, Handle, Result};

/// The `PanicException` type of this extension, created when the module executes.
pub static PANIC_EXCEPTION: Global = Global::new();

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
