//! [`Context::leave_python`]: running Rust code with the interpreter released (HPy's
//! `HPy_LeavePythonExecution` / `HPy_ReenterPythonExecution`; CPython's "releasing the GIL").

use crate::context::call;
use crate::{Context, ffi};

impl<'ctx> Context<'ctx> {
    /// Runs `f` outside Python: the interpreter is released (on CPython, the GIL), so other
    /// Python threads run meanwhile, and re-entered when `f` returns — or panics: the panic
    /// then carries on, after re-entering, to become a Python exception as usual. PyO3 calls
    /// this `allow_threads` (now `detach`).
    ///
    /// `f` must be `Send`, which keeps everything that touches Python out of it: a
    /// [`Handle`](crate::Handle) (and `&Handle`), the `Context` itself,
    /// [`Typed`](crate::Typed), [`Ref`](crate::Ref) and [`RefMut`](crate::RefMut) are
    /// neither `Send` nor `Sync`. What may cross is plain Rust data and data borrowed from
    /// objects that no other thread can change meanwhile: `&str` and `&[u8]` from `str` and
    /// `bytes` (immutable, kept alive by the caller's handle), and the value of a class
    /// borrowed through a `Ref`/`RefMut` the caller holds (its borrow flag turns other
    /// threads' borrows away until it is released, which happens under the interpreter
    /// again); a value holding a [`Field`](crate::Field) is not `Sync`, so only `&mut` to it
    /// crosses, and the garbage collector does not traverse a value lent mutably. The
    /// argument is written out in `docs/safety.md`.
    ///
    /// ```
    /// use hpy::prelude::*;
    ///
    /// #[hpy::module]
    /// mod primes {
    ///     use super::*;
    ///
    ///     /// How many primes are below `limit`, counted without holding the interpreter.
    ///     #[hpy::function]
    ///     fn count_primes(cx: Context<'_>, limit: u64) -> usize {
    ///         cx.leave_python(|| {
    ///             (2..limit)
    ///                 .filter(|&n| (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0))
    ///                 .count()
    ///         })
    ///     }
    /// }
    /// # fn main() {}
    /// ```
    ///
    /// Borrowed text crosses; a handle does not (`Handle` is not `Sync`):
    ///
    /// ```compile_fail
    /// use hpy::prelude::*;
    ///
    /// #[hpy::module]
    /// mod words {
    ///     use super::*;
    ///
    ///     #[hpy::function]
    ///     fn count<'ctx>(cx: Context<'ctx>, text: &Handle<'ctx>) -> Result<usize> {
    ///         let s: &str = text.extract()?;
    ///         let words = cx.leave_python(|| s.split_whitespace().count()); // fine
    ///         let len = cx.leave_python(|| text.len()); // error: `Handle` is not `Sync`
    ///         Ok(words + len?)
    ///     }
    /// }
    /// # fn main() {}
    /// ```
    pub fn leave_python<F, R>(self, f: F) -> R
    where
        F: Send + FnOnce() -> R,
    {
        // SAFETY: the context of a call in progress, on its thread; nothing of the runtime is
        // used until `Reenter` re-enters with the state returned here.
        let state = unsafe { call!(self, ctx_LeavePythonExecution()) };
        let _reenter = Reenter { cx: self, state };
        f()
    }
}

/// Re-enters the interpreter when dropped: after `f` returns or while its panic unwinds.
struct Reenter<'ctx> {
    cx: Context<'ctx>,
    state: ffi::HPyThreadState,
}

impl Drop for Reenter<'_> {
    fn drop(&mut self) {
        // SAFETY: `state` is what `HPy_LeavePythonExecution` returned on this thread, for this
        // context, and it is used exactly once.
        unsafe { call!(self.cx, ctx_ReenterPythonExecution(self.state)) }
    }
}
