//! The interpreter context every HPy call receives: [`Context`].

use core::ffi::{CStr, c_char};
use core::marker::PhantomData;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicPtr, Ordering};

use crate::ffi;

/// Calls a function of HPy's API by its context member's name, in either ABI:
/// `hpy::ctx_call!(cx, ctx_Dup(h))` — for code that goes below the safe API.
///
/// In the universal ABI this calls the member of the context's function table; built for
/// the CPython ABI (`cargo hpy build --abi cpython`), where the context has no functions, it
/// calls the function of the same name in `hpy::ffi::cpython`, HPy's API for that ABI. Code
/// that reads `cx.table().ctx_*` itself only builds for the universal ABI.
///
/// The expansion performs an `unsafe` call, so every use sits in an `unsafe` block whose
/// `// SAFETY:` comment justifies the arguments (open handles, valid pointers). The context
/// pointer itself is always valid — a [`Context`] only exists inside the call that owns it —
/// and so is the member: a `Context`'s function members are all non-null (the contract of
/// [`Context::from_raw`]), so it is called unchecked, as HPy's C API calls it.
///
/// ```
/// # use hpy::{Context, Handle, Result};
/// /// `HPy_Is`, called directly.
/// fn same<'ctx>(cx: Context<'ctx>, a: &Handle<'ctx>, b: &Handle<'ctx>) -> bool {
///     // SAFETY: both handles are open for this call.
///     unsafe { hpy::ctx_call!(cx, ctx_Is(a.as_raw(), b.as_raw())) != 0 }
/// }
/// ```
#[cfg(not(feature = "abi-cpython"))]
#[macro_export]
macro_rules! ctx_call {
    ($cx:expr, $member:ident ( $($arg:expr),* $(,)? )) => {{
        let cx: $crate::Context<'_> = $cx;
        let f = cx.table().$member.unwrap_unchecked();
        f(cx.as_raw() $(, $arg)*)
    }};
}
/// Calls a function of HPy's API by its context member's name, in either ABI: see the
/// universal ABI's documentation of this macro.
#[cfg(feature = "abi-cpython")]
#[macro_export]
macro_rules! ctx_call {
    ($cx:expr, $member:ident ( $($arg:expr),* $(,)? )) => {{
        let cx: $crate::Context<'_> = $cx;
        $crate::ffi::cpython::$member(cx.as_raw() $(, $arg)*)
    }};
}
pub(crate) use crate::ctx_call as call;

/// The HPy context of the current call: the table through which every Python operation goes.
///
/// A `Context<'ctx>` is handed to your code by the entry points that `#[hpy::function]` and
/// `#[hpy::module]` generate. Its lifetime `'ctx` is introduced there and cannot be named
/// outside: nothing that carries it ([`Handle`](crate::Handle), the context itself) can be
/// stored past the call, put in a `static`, or sent to another thread (`Context` is neither
/// `Send` nor `Sync`). That is HPy's rule "handles are local to a call", checked by the
/// compiler.
///
/// `Context` is a `Copy` token; take it as a parameter (`cx: Context<'ctx>`) when you need to
/// create objects from scratch.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Context<'ctx> {
    raw: NonNull<ffi::HPyContext>,
    /// Invariant in `'ctx`, so a handle from one call can never be passed off as one of another.
    _invariant: PhantomData<fn(&'ctx ()) -> &'ctx ()>,
}

impl<'ctx> Context<'ctx> {
    /// Wraps the raw context pointer the runtime passed to an entry point.
    ///
    /// # Safety
    /// `raw` must be the non-null context of a call that is in progress, none of its function
    /// members may be NULL, and the returned value (and everything derived from it) must not
    /// outlive that call. Generated entry points guarantee the first and the last by
    /// introducing `'ctx` through a higher-ranked closure; the members hold because a module
    /// only runs once its exec slot checked its context (see `__private::check_context`),
    /// and a runtime calls a module's functions with that context (HPy's debug mode with
    /// copies of it: `debug_ctx.c`, `copy_debug_context`).
    #[inline(always)]
    pub unsafe fn from_raw(raw: *mut ffi::HPyContext) -> Self {
        debug_assert!(!raw.is_null(), "HPy passed a NULL context");
        Context {
            // SAFETY: the caller guarantees `raw` is non-null.
            raw: unsafe { NonNull::new_unchecked(raw) },
            _invariant: PhantomData,
        }
    }

    /// The raw `HPyContext *`, for calling `hpy_sys` directly.
    #[inline(always)]
    pub fn as_raw(self) -> *mut ffi::HPyContext {
        self.raw.as_ptr()
    }

    /// The context's table of handles and function pointers.
    #[inline(always)]
    pub fn table(self) -> &'ctx ffi::HPyContext {
        // SAFETY: by the invariant of `from_raw` the context is valid for all of `'ctx`, and
        // HPy never mutates a context while a call runs.
        unsafe { self.raw.as_ref() }
    }

    /// The implementation's name for this context, e.g. `"HPy Universal ABI (CPython
    /// backend)"` or `"HPy Debug Mode ABI"`.
    pub fn name(self) -> &'ctx str {
        let name = self.table().name;
        if name.is_null() {
            return "";
        }
        // SAFETY: HPy contexts carry a static NUL-terminated name.
        let name = unsafe { CStr::from_ptr(name) };
        name.to_str().unwrap_or("")
    }

    /// Whether this is HPy's debug-mode context, in which some calls are much slower (see
    /// `__private::args::keywords`).
    #[inline(always)]
    pub(crate) fn is_debug_mode(self) -> bool {
        static DEBUG: ContextKind = ContextKind::new("HPy Debug Mode ABI");
        DEBUG.includes(self)
    }

    /// Whether this is HPy's universal context on CPython, the only one whose
    /// `HPy_AsStruct_*` functions do not check the object's shape.
    #[inline(always)]
    pub(crate) fn is_universal(self) -> bool {
        static UNIVERSAL: ContextKind = ContextKind::new("HPy Universal ABI");
        UNIVERSAL.includes(self)
    }

    /// Whether this is HPy's universal context on CPython, whose `HPy_AsPyObject` returns the
    /// object itself (see `__private::items_reader::cpython_backend`).
    #[cfg(not(feature = "abi-cpython"))]
    #[inline(always)]
    pub(crate) fn is_cpython_universal(self) -> bool {
        static CPYTHON: ContextKind = ContextKind::new("HPy Universal ABI (CPython backend)");
        CPYTHON.includes(self)
    }

    /// The ABI version the context implements (`0` for HPy 0.9).
    pub fn abi_version(self) -> i32 {
        self.table().abi_version
    }
}

impl core::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Context").field(&self.name()).finish()
    }
}

/// The contexts whose name starts with `prefix`. Contexts of one kind share their static name
/// string (each debug-mode call gets a fresh context, all named alike), so after the first
/// sight of each kind the answer costs a load and a compare or two.
struct ContextKind {
    prefix: &'static str,
    /// The name pointer of a context of this kind, once seen.
    member: AtomicPtr<c_char>,
    /// The name pointer of the last context seen that is not of this kind.
    other: AtomicPtr<c_char>,
}

impl ContextKind {
    const fn new(prefix: &'static str) -> Self {
        ContextKind {
            prefix,
            // No context's name is at the dangling address (a null name counts as not seen).
            member: AtomicPtr::new(core::ptr::dangling_mut()),
            other: AtomicPtr::new(core::ptr::dangling_mut()),
        }
    }

    /// Whether `cx` is of this kind.
    #[inline(always)]
    fn includes(&self, cx: Context<'_>) -> bool {
        let name = cx.table().name.cast_mut();
        if name == self.member.load(Ordering::Relaxed) {
            return true;
        }
        if name == self.other.load(Ordering::Relaxed) {
            return false;
        }
        self.first_sight(cx)
    }

    /// [`ContextKind::includes`] for a name not seen yet: compares the text.
    #[inline(never)]
    fn first_sight(&self, cx: Context<'_>) -> bool {
        let name = cx.table().name.cast_mut();
        let included = cx.name().starts_with(self.prefix);
        let slot = if included { &self.member } else { &self.other };
        slot.store(name, Ordering::Relaxed);
        included
    }
}
