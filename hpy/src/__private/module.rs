//! Module initialisation support: what every generated `HPy_mod_exec` runs first.

use core::ffi::{CStr, c_int};
use std::ffi::CString;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use crate::context::call;
use crate::exceptions::ExceptionType;
use crate::{Context, Handle, Result, TypeObject, ffi};

/// Checks the context the runtime gave the module's exec slot, before anything uses it:
/// hpy-rs calls the context's functions unchecked, as HPy's C API does, so every one must be
/// there (the contract of [`Context::from_raw`]). When one is NULL, raises `ImportError`
/// naming it (if the context can raise at all) and returns `false`: the import fails, and
/// nothing of the module ever runs with that context.
///
/// # Safety
/// `ctx` must be the context the runtime passed to the exec slot.
#[cfg(not(feature = "abi-cpython"))]
pub unsafe fn check_context(ctx: *mut ffi::HPyContext) -> bool {
    // SAFETY: the runtime's context for this call (the caller's contract).
    let table = unsafe { &*ctx };
    let Some(missing) = table.first_missing_function() else {
        return true;
    };
    if let Some(set_string) = table.ctx_Err_SetString
        && !table.h_ImportError.is_null()
    {
        let message = CString::new(format!(
            "this HPy runtime's context has no {missing} (NULL): hpy-rs needs every function \
             of HPy ABI version {}",
            ffi::HPY_ABI_VERSION
        ))
        .expect("the message has no NUL");
        // SAFETY: the member is the context's own; `h_ImportError` is one of its constant
        // handles; the message is NUL-terminated and outlives the call.
        unsafe { set_string(ctx, table.h_ImportError, message.as_ptr()) };
    }
    false
}

/// The CPython ABI's context has no function members to miss: always `true`.
///
/// # Safety
/// None needed; `unsafe` as in the universal ABI, whose generated callers are the same.
#[cfg(feature = "abi-cpython")]
pub unsafe fn check_context(ctx: *mut ffi::HPyContext) -> bool {
    !ctx.is_null()
}

/// The `PanicException` type of this extension, created when the module executes.
pub static PANIC_EXCEPTION: TypeObject = TypeObject::new();

/// The body of every exec slot: creates this library's `PanicException` and the type of its
/// [`PyIter`](crate::PyIter)s and the reader of [`Handle::items_into`], then runs `steps`
/// (the module's types, constants and `#[hpy::init]`).
///
/// When anything fails (or panics), the module's attributes are deleted before the error
/// goes back to the runtime. HPy 0.9's loader frees the `PyModuleDef` of a module whose exec
/// failed (`do_load` in `hpymodule.c`: `Py_XDECREF(py_mod); PyMem_Free(pydef);`) while the
/// module object may live on — in a reference cycle with its functions (which hold it as
/// their `self`), or kept by code that ran meanwhile — and the garbage collector would later
/// read the freed definition (`module_traverse`, `module_clear`). Without its attributes the
/// module is freed at once, unless something else keeps it: that remains HPy's (see
/// docs/safety.md, "What is not enforced").
pub fn exec_module(
    cx: Context<'_>,
    module: &Handle<'_>,
    steps: impl FnOnce() -> Result<()>,
) -> Result<c_int> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        create_panic_exception(cx)?;
        super::library_types::create(module)?;
        // Refuses an interpreter HPy 0.9 does not support before anything relies on it.
        crate::convert::note_interpreter(cx)?;
        super::items_reader::create(cx)?;
        steps()
    }));
    match outcome {
        Ok(Ok(())) => Ok(0),
        Ok(Err(err)) => {
            delete_attributes(module);
            Err(err)
        }
        Err(payload) => {
            delete_attributes(module);
            resume_unwind(payload)
        }
    }
}

/// Deletes every attribute of a module whose exec failed (see [`exec_module`]). An exception
/// may be set (HPy 0.9 cannot save and restore it), so this uses only calls that never look
/// at it: reading `__dict__`, its keys, deleting items. Failures are ignored: the module is
/// discarded either way.
#[cold]
fn delete_attributes(module: &Handle<'_>) {
    let cx = module.context();
    let Ok(dict) = module.getattr(c"__dict__") else {
        return;
    };
    // SAFETY: `dict` is an open handle; for a dict the result is a new list of its keys, or
    // NULL (and for anything else NULL).
    let keys = unsafe { call!(cx, ctx_Dict_Keys(dict.as_raw())) };
    // SAFETY: a new handle, or NULL.
    let Ok(keys) = (unsafe { Handle::from_raw_or_err(cx, keys) }) else {
        return;
    };
    for i in 0..keys.len().unwrap_or(0) {
        if let Ok(key) = keys.get_item_index(i as isize) {
            let _ = dict.del_item(&key);
        }
    }
}

/// Creates this library's `PanicException` (a `BaseException` subclass, so `except
/// Exception:` does not swallow Rust panics) and stores it in [`PANIC_EXCEPTION`].
fn create_panic_exception(cx: Context<'_>) -> Result<()> {
    if PANIC_EXCEPTION.load(cx).is_some() {
        return Ok(()); // already created by an earlier load of the same library
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
///
/// # Safety
/// `TYPE_OBJECT` is this exception's own, filled only by [`register_exception`] with the
/// exception type it creates: everything that trusts a type object (downcasts, the values
/// `Typed::new` writes) would trust another class's.
pub unsafe trait PyException {
    /// The type object, stored when the module executes.
    const TYPE_OBJECT: &'static TypeObject;
    /// Everything the module needs to create the type.
    const INFO: &'static ExceptionInfo;
}

/// Creates `E`'s exception type (a subclass of its base, subclassable from Python), stores it
/// in `E::TYPE_OBJECT` and adds it to `module` (the type an earlier load of this library
/// created, if any).
pub fn register_exception<E: PyException>(module: &Handle<'_>) -> Result<()> {
    let cx = module.context();
    let info = E::INFO;
    if let Some(ty) = E::TYPE_OBJECT.load(cx) {
        // Created by an earlier load of this library: shared (see `library_context`).
        return module.setattr(info.name, &ty);
    }
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

#[cfg(test)]
mod tests {
    use core::ffi::c_char;
    use std::cell::RefCell;

    use super::*;

    thread_local! {
        static RAISED: RefCell<Vec<(isize, String)>> = const { RefCell::new(Vec::new()) };
    }

    unsafe extern "C" fn record(_ctx: *mut ffi::HPyContext, ty: ffi::HPy, message: *const c_char) {
        // SAFETY: `check_context` passes a NUL-terminated message.
        let message = unsafe { CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned();
        RAISED.with(|r| r.borrow_mut().push((ty._i, message)));
    }

    unsafe extern "C" fn dup(_ctx: *mut ffi::HPyContext, h: ffi::HPy) -> ffi::HPy {
        h
    }

    /// A context with no function and no handle.
    fn empty_context() -> ffi::HPyContext {
        // SAFETY: every field of the context is a pointer, an integer, a handle (an integer)
        // or an `Option` of a function pointer, for all of which zero is a valid value.
        unsafe { core::mem::zeroed() }
    }

    #[test]
    fn names_the_first_missing_function_in_table_order() {
        let mut ctx = empty_context();
        assert_eq!(ctx.first_missing_function(), Some("ctx_Dup"));
        ctx.ctx_Dup = Some(dup);
        assert_eq!(ctx.first_missing_function(), Some("ctx_Close"));
    }

    #[test]
    fn an_incomplete_context_fails_the_import_with_import_error() {
        let mut ctx = empty_context();
        // SAFETY: a readable context; it has no `ctx_Err_SetString`, so nothing is called.
        assert!(!unsafe { check_context(&mut ctx) });
        assert!(RAISED.with(|r| r.borrow().is_empty()));

        ctx.ctx_Err_SetString = Some(record);
        ctx.h_ImportError = ffi::HPy { _i: 42 };
        // SAFETY: as above; the one function it may call is `record`.
        assert!(!unsafe { check_context(&mut ctx) });
        let raised = RAISED.with(|r| r.take());
        assert_eq!(
            raised,
            [(
                42,
                "this HPy runtime's context has no ctx_Dup (NULL): hpy-rs needs every function \
                 of HPy ABI version 0"
                    .to_owned()
            )]
        );
    }
}
