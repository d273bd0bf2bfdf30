//! The boundary between the runtime and Rust code: every generated `impl` function runs its
//! body through [`run`], which introduces the call's unnameable `'ctx`, turns an `Err` into
//! "exception set + the slot's error value" and catches panics, raising them as
//! `PanicException` (a `BaseException`, like PyO3's) whose message is the panic's. No panic
//! ever unwinds into C.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::args::Args;
use crate::exceptions::ExceptionType;
use crate::{Context, Error, Handle, Result, ffi};

/// Runs an entry point's body.
///
/// `error` is the slot's error return (`HPy_NULL` for objects, `-1` for status codes), used
/// when the body fails or panics; the body's own `Ok` value must never be `error` unless an
/// exception is set.
///
/// # Safety
/// `ctx` must be the context the runtime passed to the calling `impl` function.
#[inline(always)]
pub unsafe fn run<T: Copy>(
    ctx: *mut ffi::HPyContext,
    error: T,
    body: impl for<'ctx> FnOnce(Context<'ctx>) -> Result<T>,
) -> T {
    // SAFETY: `ctx` is this call's context, and the higher-ranked `body` cannot let anything
    // carrying `'ctx` escape the call.
    let cx = unsafe { Context::from_raw(ctx) };
    let outcome = catch_unwind(AssertUnwindSafe(|| match body(cx) {
        Ok(value) => value,
        Err(err) => {
            err.restore(cx);
            error
        }
    }));
    match outcome {
        Ok(value) => value,
        Err(payload) => {
            raise_panic(cx, payload);
            error
        }
    }
}

/// [`run`] for an `impl` that receives one lent object (METH_O's argument, `mod_exec`'s
/// module).
///
/// # Safety
/// As for [`run`]; `arg` must be lent for the whole call.
#[inline(always)]
pub unsafe fn run_o<T: Copy>(
    ctx: *mut ffi::HPyContext,
    error: T,
    arg: ffi::HPy,
    body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Handle<'ctx>) -> Result<T>,
) -> T {
    // SAFETY: forwarded from the caller's contract, which also makes `arg` lent for the
    // whole call.
    unsafe { run(ctx, error, |cx| body(cx, &Handle::lend(cx, arg))) }
}

/// [`run`] for a `tp_new` `impl`: the class, positional arguments and a keyword `dict`.
///
/// # Safety
/// As for [`run`]; `class` and the `nargs` handles at `args` are lent for the call, `kw` is a
/// lent `dict` or `HPy_NULL`.
#[inline(always)]
pub unsafe fn run_new(
    ctx: *mut ffi::HPyContext,
    class: ffi::HPy,
    args: *const ffi::HPy,
    nargs: ffi::HPy_ssize_t,
    kw: ffi::HPy,
    body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Handle<'ctx>, Args<'a, 'ctx>) -> Result<ffi::HPy>,
) -> ffi::HPy {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        run_o(ctx, ffi::HPy_NULL, class, |cx, class| {
            body(cx, class, Args::with_dict(cx, args, nargs as usize, kw)?)
        })
    }
}

/// [`run`] for a METH_FASTCALL | METH_KEYWORDS `impl`: also wraps its argument vector.
///
/// # Safety
/// As for [`run`]; `args` must hold `nargs` positional handles followed by one value per
/// name in `kwnames` (a tuple of `str`, or `HPy_NULL`), all lent for the call.
#[inline(always)]
pub unsafe fn run_keywords(
    ctx: *mut ffi::HPyContext,
    args: *const ffi::HPy,
    nargs: usize,
    kwnames: ffi::HPy,
    body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, Args<'a, 'ctx>) -> Result<ffi::HPy>,
) -> ffi::HPy {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        run(ctx, ffi::HPy_NULL, |cx| {
            body(cx, Args::new(cx, args, nargs, kwnames)?)
        })
    }
}

/// [`run`] for a METH_FASTCALL `impl` (positional arguments only).
///
/// # Safety
/// As for [`run`]; `args` must hold `nargs` handles lent for the call.
#[inline(always)]
pub unsafe fn run_varargs(
    ctx: *mut ffi::HPyContext,
    args: *const ffi::HPy,
    nargs: usize,
    body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, Args<'a, 'ctx>) -> Result<ffi::HPy>,
) -> ffi::HPy {
    // SAFETY: forwarded from the caller's contract; no keywords.
    unsafe { run_keywords(ctx, args, nargs, ffi::HPy_NULL, body) }
}

/// Raises a caught panic as `PanicException`; if even that panics, aborts (the one thing
/// that must never happen is unwinding into C).
#[cold]
#[inline(never)]
fn raise_panic(cx: Context<'_>, payload: Box<dyn Any + Send>) {
    let raised = catch_unwind(AssertUnwindSafe(move || {
        let message = panic_message(&*payload);
        drop(payload);
        let ty = ExceptionType::from_global("PanicException", &super::PANIC_EXCEPTION);
        Error::new(ty, message).restore(cx);
    }));
    if raised.is_err() {
        eprintln!("hpy-rs: fatal: panicked while raising a panic as a Python exception");
        std::process::abort();
    }
}

/// The text of a panic payload (`panic!` produces a `&str` or a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "Rust panic with a non-string payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::panic_message;

    #[test]
    fn panic_messages_are_extracted() {
        let payload = std::panic::catch_unwind(|| panic!("static message")).unwrap_err();
        assert_eq!(panic_message(&*payload), "static message");
        let n = 3;
        let payload = std::panic::catch_unwind(|| panic!("formatted {n}")).unwrap_err();
        assert_eq!(panic_message(&*payload), "formatted 3");
        let payload = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(
            panic_message(&*payload),
            "Rust panic with a non-string payload"
        );
    }
}
