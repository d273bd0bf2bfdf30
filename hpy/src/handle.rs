//! [`Handle`]: an owned, call-local reference to a Python object.

use core::mem::ManuallyDrop;

use crate::context::call;
use crate::{Context, Error, Result, ffi};

/// A lent handle: borrowed from the runtime (or from a handle that outlives it) for a call,
/// never closed by hpy-rs.
pub(crate) type Lent<'ctx> = ManuallyDrop<Handle<'ctx>>;

/// An owned HPy handle to a Python object, valid for the call that owns the context `'ctx`.
///
/// * Dropping a `Handle` closes it (`HPy_Close`); cloning duplicates it (`HPy_Dup`).
/// * It cannot outlive `'ctx`, which the generated entry point introduces and which cannot be
///   named outside it, so it cannot be returned out of the call, stored in a `static`, a
///   thread-local or a `#[hpy::class]` struct, or sent to another thread (it is `!Send` and
///   `!Sync`). Long-lived references are [`Global`](crate::Global) (and, for objects, fields).
/// * Arguments the runtime lends to a function arrive as `&Handle<'ctx>`: borrowed, never
///   closed by your code. Clone one to keep an owned reference for the rest of the call.
///
/// Handle bits carry no meaning (on CPython they happen to encode a `PyObject*`, in debug mode
/// they point to a debug record), so `Handle` implements neither `PartialEq` nor `Hash`; use
/// [`Handle::is`] for identity and the object protocol for equality.
pub struct Handle<'ctx> {
    raw: ffi::HPy,
    cx: Context<'ctx>,
}

impl<'ctx> Handle<'ctx> {
    /// Takes ownership of a raw handle.
    ///
    /// # Safety
    /// `raw` must be an open, non-null handle created in the call that owns `cx`, and owned by
    /// the caller (the returned `Handle` closes it).
    #[inline(always)]
    pub unsafe fn from_raw(cx: Context<'ctx>, raw: ffi::HPy) -> Self {
        debug_assert!(!raw.is_null());
        Handle { raw, cx }
    }

    /// Takes ownership of the result of an HPy function that returns a new handle, or `HPy_NULL`
    /// with an exception set.
    ///
    /// # Safety
    /// Either `raw` is `HPy_NULL` and a Python exception is set, or it is an open handle of
    /// this call that the caller owns.
    #[inline(always)]
    pub unsafe fn from_raw_or_err(cx: Context<'ctx>, raw: ffi::HPy) -> Result<Self> {
        if raw.is_null() {
            Err(Error::set())
        } else {
            Ok(Handle { raw, cx })
        }
    }

    /// Borrows a handle the runtime lent to this call (an argument, `self`), without taking
    /// ownership: the result is never closed.
    ///
    /// # Safety
    /// `raw` must be open for the whole lifetime of the returned value.
    #[inline(always)]
    pub unsafe fn lend(cx: Context<'ctx>, raw: ffi::HPy) -> Lent<'ctx> {
        ManuallyDrop::new(Handle { raw, cx })
    }

    /// The raw handle, still owned by `self`.
    #[inline(always)]
    pub fn as_raw(&self) -> ffi::HPy {
        self.raw
    }

    /// Gives up ownership and returns the raw handle; the caller must close it.
    #[inline(always)]
    pub fn into_raw(self) -> ffi::HPy {
        ManuallyDrop::new(self).raw
    }

    /// The context this handle belongs to.
    #[inline(always)]
    pub fn context(&self) -> Context<'ctx> {
        self.cx
    }

    /// `self is other`: whether both handles refer to the same object.
    #[inline]
    pub fn is(&self, other: &Handle<'ctx>) -> bool {
        // SAFETY: both handles are open for this call.
        unsafe { call!(self.cx, ctx_Is(self.raw, other.raw)) != 0 }
    }

    /// `self is None`.
    #[inline]
    pub fn is_none(&self) -> bool {
        let none = self.cx.table().h_None;
        // SAFETY: `self` is open and `h_None` is a constant handle of the context.
        unsafe { call!(self.cx, ctx_Is(self.raw, none)) != 0 }
    }
}

impl Drop for Handle<'_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: `self` owns `raw`, which is open; it is closed exactly once, here.
        unsafe { call!(self.cx, ctx_Close(self.raw)) }
    }
}

impl Clone for Handle<'_> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: `self.raw` is open; `HPy_Dup` returns a new handle that the clone owns.
        let raw = unsafe { call!(self.cx, ctx_Dup(self.raw)) };
        Handle { raw, cx: self.cx }
    }
}

impl core::fmt::Debug for Handle<'_> {
    /// Formats as the object's `repr()`. If `repr()` raises, the exception is reported through
    /// `sys.unraisablehook` (as Python does for errors nobody can catch) and the output is
    /// `<unprintable object>`. While an exception is already set, nothing is called (that
    /// exception stays set) and the output is `<object: an exception is set>`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.format_with(f, Handle::repr)
    }
}

impl core::fmt::Display for Handle<'_> {
    /// Formats as the object's `str()`; failures are handled as in the `Debug` impl.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.format_with(f, Handle::str)
    }
}

impl<'ctx> Handle<'ctx> {
    fn format_with(
        &self,
        f: &mut core::fmt::Formatter<'_>,
        to_text: fn(&Self) -> Result<Handle<'ctx>>,
    ) -> core::fmt::Result {
        if crate::convert::err_occurred(self.cx) {
            return f.write_str("<object: an exception is set>");
        }
        let text = to_text(self).and_then(|t| t.extract::<String>());
        match text {
            Ok(s) => f.write_str(&s),
            Err(e) => {
                e.write_unraisable(self);
                f.write_str("<unprintable object>")
            }
        }
    }
}
