//! The boundary between the runtime and Rust code: every generated `impl` function runs its
//! body through an [`Entry`], whose runners introduce the call's unnameable `'ctx`, turn an
//! `Err` into "exception set + the slot's error value" and catch panics, raising them as
//! `PanicException` (a `BaseException`, like PyO3's) whose message is the panic's. No panic
//! ever unwinds into C.

use core::mem::ManuallyDrop;
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::args::{Args, Binding, DictArgs, Parameters};
use crate::exceptions::ExceptionType;
use crate::{Context, Error, Handle, Result, ffi};

/// One call of the runtime into a generated `impl` function: its context, and the promise
/// that the raw handles it is given are the ones the runtime lent to the call.
///
/// Creating an `Entry` is the one unsafe step of an entry point. Its runners are safe, so
/// the body they run — which holds user expressions, such as argument defaults — is never
/// inside an `unsafe` block: user code cannot perform unsafe operations unmarked.
#[derive(Clone, Copy)]
pub struct Entry {
    ctx: *mut ffi::HPyContext,
}

impl Entry {
    /// The entry of the current call.
    ///
    /// # Safety
    /// `ctx` must be the context the runtime passed to the calling `impl` function of a
    /// module whose exec slot accepted its context (`check_context`: every function member
    /// is set), and every raw handle, argument vector and keyword tuple later given to this
    /// entry's methods must be what the runtime passed to that call (lent for the whole
    /// call).
    #[inline(always)]
    pub unsafe fn new(ctx: *mut ffi::HPyContext) -> Self {
        Entry { ctx }
    }

    /// Runs the body of the call.
    ///
    /// `error` is the slot's error return (`HPy_NULL` for objects, `-1` for status codes),
    /// used when the body fails or panics; the body's own `Ok` value must never be `error`
    /// unless an exception is set.
    ///
    /// A success while an exception is still set — left by an already-set `Error` that was
    /// dropped instead of returned or cleared — is turned into a `SystemError`, as CPython
    /// does for a C function that returns a result with an exception set (its check is
    /// skipped on some fast paths): one flag test per call.
    #[inline(always)]
    pub fn run<T: SlotReturn>(
        self,
        error: T,
        body: impl for<'ctx> FnOnce(Context<'ctx>) -> Result<T>,
    ) -> T {
        // SAFETY: `ctx` is this call's context (the contract of `new`), and the higher-ranked
        // `body` cannot let anything carrying `'ctx` escape the call.
        let cx = unsafe { Context::from_raw(self.ctx) };
        // Every closure on the way in captures by value (`move`, here, in the other runners
        // and in the bodies the macros generate): the call's raw arguments travel inside the
        // closure `catch_unwind` receives rather than as pointers into the caller's frame,
        // which saves loads and stores on every call (14 instructions on picoarray's `a + b`).
        let outcome = catch_unwind(AssertUnwindSafe(move || match body(cx) {
            Ok(value) => value,
            Err(err) => {
                err.restore(cx);
                error
            }
        }));
        let value = match outcome {
            Ok(value) => value,
            Err(payload) => {
                raise_panic(cx, payload);
                return error;
            }
        };
        // Tested whatever the outcome, so that the fast path needs no test of its own for
        // an error value (a function returning what an API call returned stays a tail call
        // up to here).
        if crate::error::dropped_while_set() {
            return succeed_unless_set(cx, value, error);
        }
        value
    }

    /// Runs a `tp_finalize` body, which receives the lent object and can neither fail nor
    /// leave an exception set (an exception may already be set: the object may die while
    /// one propagates). A panic is reported on stderr and swallowed, as in `tp_destroy`.
    pub fn run_finalizer<T: crate::PyType>(
        self,
        obj: ffi::HPy,
        body: impl for<'a, 'ctx> FnOnce(&'a Handle<'ctx>),
    ) {
        // SAFETY: `ctx` is this call's context (the contract of `new`); the higher-ranked
        // `body` cannot let anything carrying its lifetime escape the call.
        let cx = unsafe { Context::from_raw(self.ctx) };
        let outcome = catch_unwind(AssertUnwindSafe(|| body(&self.lend(cx, obj))));
        if let Err(payload) = outcome {
            let why = "a finalizer cannot raise";
            super::panic::report_ignored(payload, "finalizing", T::NAME, why);
        }
    }

    /// A handle the runtime lent to this call, as a `Handle` that is never closed.
    #[inline(always)]
    pub fn lend<'ctx>(self, cx: Context<'ctx>, raw: ffi::HPy) -> ManuallyDrop<Handle<'ctx>> {
        // SAFETY: `raw` was lent to this call (the contract of `new`).
        unsafe { Handle::lend(cx, raw) }
    }

    /// [`Entry::run`] for a body that receives one lent object (METH_O's argument, a slot's
    /// object, `mod_exec`'s module).
    #[inline(always)]
    pub fn run_o<T: SlotReturn>(
        self,
        error: T,
        arg: ffi::HPy,
        body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Handle<'ctx>) -> Result<T>,
    ) -> T {
        self.run(error, move |cx| body(cx, &self.lend(cx, arg)))
    }

    /// [`Entry::run`] for a `tp_new`: the class, positional arguments and a keyword `dict`
    /// (or `HPy_NULL`).
    #[expect(
        clippy::not_unsafe_ptr_arg_deref,
        reason = "the pointers are the runtime's for this call: the contract of `Entry::new`, the only way to get `self`"
    )]
    #[inline(always)]
    pub fn run_new(
        self,
        class: ffi::HPy,
        args: *const ffi::HPy,
        nargs: ffi::HPy_ssize_t,
        kw: ffi::HPy,
        body: impl for<'a, 'ctx> FnOnce(
            Context<'ctx>,
            &'a Handle<'ctx>,
            &'a Args<'a, 'ctx>,
        ) -> Result<ffi::HPy>,
    ) -> ffi::HPy {
        self.run_o(ffi::HPy_NULL, class, move |cx, class| {
            let mut storage: Option<DictArgs<'_>> = None;
            // SAFETY: the runtime's argument vector and keyword dict for this call.
            let args = unsafe { Args::with_dict(cx, args, nargs as usize, kw, &mut storage)? };
            body(cx, class, &args)
        })
    }

    /// [`Entry::run_new`] for a constructor without parameters: the usual call, `Cls()`,
    /// costs two comparisons; a call with arguments goes to [`refuse_arguments`] (which
    /// accepts an empty `**{}`).
    #[expect(
        clippy::not_unsafe_ptr_arg_deref,
        reason = "the pointers are the runtime's for this call: the contract of `Entry::new`, the only way to get `self`"
    )]
    #[inline(always)]
    pub fn run_new_without_arguments(
        self,
        parameters: &Parameters<0>,
        class: ffi::HPy,
        args: *const ffi::HPy,
        nargs: ffi::HPy_ssize_t,
        kw: ffi::HPy,
        body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Handle<'ctx>) -> Result<ffi::HPy>,
    ) -> ffi::HPy {
        self.run_o(ffi::HPy_NULL, class, move |cx, class| {
            if nargs != 0 || !kw.is_null() {
                // SAFETY: the runtime's arguments and keyword dict for this call.
                unsafe { refuse_arguments(cx, parameters, args, nargs, kw)? };
            }
            body(cx, class)
        })
    }

    /// [`Entry::run`] for METH_FASTCALL | METH_KEYWORDS: `args` holds `nargs` positional
    /// handles followed by one value per name in `kwnames` (a tuple of `str`, or `HPy_NULL`).
    #[expect(
        clippy::not_unsafe_ptr_arg_deref,
        reason = "the pointers are the runtime's for this call: the contract of `Entry::new`, the only way to get `self`"
    )]
    #[inline(always)]
    pub fn run_keywords(
        self,
        args: *const ffi::HPy,
        nargs: usize,
        kwnames: ffi::HPy,
        body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Args<'a, 'ctx>) -> Result<ffi::HPy>,
    ) -> ffi::HPy {
        self.run(ffi::HPy_NULL, move |cx| {
            // SAFETY: the runtime's argument vector and keyword names for this call.
            let args = unsafe { Args::new(cx, args, nargs, kwnames) };
            body(cx, &args)
        })
    }

    /// [`Entry::run`] for a method's `METH_VARARGS | METH_KEYWORDS` entry point (the CPython
    /// ABI; see `Def::taking_keyword_dict`): CPython's tuple items and keyword dict (or
    /// `HPy_NULL`), bound by `parameters`.
    #[expect(
        clippy::not_unsafe_ptr_arg_deref,
        reason = "the pointers are the runtime's for this call: the contract of `Entry::new`, the only way to get `self`"
    )]
    #[inline(always)]
    pub fn run_keywords_dict<const N: usize>(
        self,
        parameters: &Parameters<N>,
        args: *const ffi::HPy,
        nargs: ffi::HPy_ssize_t,
        kw: ffi::HPy,
        body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Args<'a, 'ctx>) -> Result<ffi::HPy>,
    ) -> ffi::HPy {
        self.run(ffi::HPy_NULL, move |cx| {
            let mut storage: Option<DictArgs<'_>> = None;
            #[cfg(feature = "abi-cpython")]
            // SAFETY: the runtime's arguments and keyword dict for this call.
            let args = unsafe {
                Args::with_keyword_dict(
                    cx,
                    args,
                    nargs as usize,
                    kw,
                    parameters.keywords_all_to_varkw(),
                    &mut storage,
                )?
            };
            // Never called in the universal ABI (see `Def::taking_keyword_dict`); as there
            // the runtime's `tp_new` arguments, should it be.
            #[cfg(not(feature = "abi-cpython"))]
            // SAFETY: the runtime's arguments and keyword dict for this call.
            let args = unsafe { Args::with_dict(cx, args, nargs as usize, kw, &mut storage)? };
            #[cfg(not(feature = "abi-cpython"))]
            let _ = parameters;
            body(cx, &args)
        })
    }

    /// [`Entry::run`] for METH_FASTCALL (positional arguments only).
    #[expect(
        clippy::not_unsafe_ptr_arg_deref,
        reason = "the pointers are the runtime's for this call: the contract of `Entry::new`, the only way to get `self`"
    )]
    #[inline(always)]
    pub fn run_varargs(
        self,
        args: *const ffi::HPy,
        nargs: usize,
        body: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Args<'a, 'ctx>) -> Result<ffi::HPy>,
    ) -> ffi::HPy {
        self.run(ffi::HPy_NULL, move |cx| {
            // SAFETY: the runtime's argument vector for this call.
            body(cx, &unsafe { Args::positional(cx, args, nargs) })
        })
    }
}

/// What an `impl` function returns: a handle, a status or size, or nothing. Sealed: the
/// boundary closes a handle it discards, so only these types may be one.
pub trait SlotReturn: Copy + sealed::Sealed {
    /// Whether it is the error value `error`.
    fn is_error(self, error: Self) -> bool;
    /// Gives up a success value that will not be returned (closes a handle).
    ///
    /// # Safety
    /// `self` is a success value a body returned: for a handle, a new one the caller owns.
    unsafe fn discard(self, cx: Context<'_>);
}

mod sealed {
    /// The types [`super::SlotReturn`] allows.
    pub trait Sealed {}
}

impl sealed::Sealed for ffi::HPy {}

impl SlotReturn for ffi::HPy {
    fn is_error(self, error: Self) -> bool {
        self._i == error._i
    }

    unsafe fn discard(self, cx: Context<'_>) {
        // SAFETY: a new handle the body handed over (the caller's contract); it is closed
        // once, here, instead of being returned.
        drop(unsafe { Handle::from_raw_or_err(cx, self) });
    }
}

macro_rules! plain_slot_returns {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}

        impl SlotReturn for $t {
            fn is_error(self, error: Self) -> bool {
                self == error
            }

            unsafe fn discard(self, _cx: Context<'_>) {}
        }
    )*};
}

plain_slot_returns!((), core::ffi::c_int, ffi::HPy_ssize_t);

/// A body ended after an already-set error was dropped: its value, unless it is a success
/// while an exception is still set, which is discarded for a `SystemError`.
#[cold]
#[inline(never)]
fn succeed_unless_set<T: SlotReturn>(cx: Context<'_>, value: T, error: T) -> T {
    if value.is_error(error) || !crate::convert::err_occurred(cx) {
        return value;
    }
    // SAFETY: a success value of the body `run` ran.
    unsafe { value.discard(cx) };
    crate::error::raise_dropped_while_set(cx);
    error
}

/// Binds the arguments of a call to a constructor without parameters, for the error the
/// binder raises (`Ok` only for an empty keyword dict).
///
/// # Safety
/// `args` must hold `nargs` handles and `kw` be a dict or `HPy_NULL`, all lent for the call.
#[inline(never)]
unsafe fn refuse_arguments(
    cx: Context<'_>,
    parameters: &Parameters<0>,
    args: *const ffi::HPy,
    nargs: ffi::HPy_ssize_t,
    kw: ffi::HPy,
) -> Result<()> {
    let mut storage: Option<DictArgs<'_>> = None;
    // SAFETY: the caller's contract.
    let args = unsafe { Args::with_dict(cx, args, nargs as usize, kw, &mut storage)? };
    parameters.bind(&args, &mut Binding::new())
}

/// Raises a caught panic as `PanicException`; if even that panics, aborts (the one thing
/// that must never happen is unwinding into C).
#[cold]
#[inline(never)]
fn raise_panic(cx: Context<'_>, payload: Box<dyn Any + Send>) {
    // The payload is not dropped here: its `Drop` could panic (see `take_message`).
    let message = super::panic::take_message(payload);
    let raised = catch_unwind(AssertUnwindSafe(move || {
        let ty = ExceptionType::from_type_object("PanicException", &super::PANIC_EXCEPTION);
        Error::new(ty, message).restore(cx);
    }));
    if let Err(payload) = raised {
        core::mem::forget(payload);
        eprintln!("hpy-rs: fatal: panicked while raising a panic as a Python exception");
        std::process::abort();
    }
}
