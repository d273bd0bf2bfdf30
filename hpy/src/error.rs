//! [`Error`] and [`Result`]: one error type for every fallible operation.

use core::sync::atomic::{AtomicBool, Ordering};
use std::borrow::Cow;

use crate::context::call;
use crate::exceptions::{self, ExceptionType};
use crate::{Context, Handle};

/// The result of every fallible hpy-rs operation.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// A Python exception, either already raised in the interpreter or pending.
///
/// * **Already set**: an HPy call failed and the interpreter holds the exception (HPy 0.9 has
///   no way to fetch it into a value). Returning the error from a function lets it propagate
///   to the caller unchanged.
/// * **Pending**: created in Rust with [`Error::new`] or an exception type's `new_err`, and
///   raised only when it reaches the boundary to Python (or [`Error::restore`] is called).
///
/// Every generated entry point turns an `Err` into "exception set + error return value", so
/// `?` works across all fallible calls.
///
/// An already-set error belongs to the call that raised it: kept past that call (in a
/// `static` or a thread-local) it stands for nothing, and returning it later raises a
/// `SystemError` that says so. A pending error can be kept and returned any time.
///
/// **To handle an error instead of returning it, call [`Error::clear`].** HPy cannot take an
/// already-set exception out of the interpreter, so dropping such an error (`.ok()`,
/// `.unwrap_or(..)`, `if let Ok(..)`) leaves the exception set — calls made meanwhile run
/// with it set — and the function then fails with `SystemError: an extension function
/// returned a result with an exception set` (as CPython fails a C function that does so):
///
/// ```no_run
/// # fn f(obj: &hpy::Handle<'_>) -> i64 {
/// let cx = obj.context();
/// // obj.extract::<i64>().unwrap_or(-1)   <- wrong: the OverflowError stays set
/// obj.extract::<i64>().unwrap_or_else(|err| {
///     err.clear(cx);
///     -1
/// })
/// # }
/// ```
#[must_use = "an Error must be returned, restored or cleared"]
pub struct Error {
    repr: Repr,
}

enum Repr {
    AlreadySet(SetToken),
    Pending(Box<Pending>),
}

/// Carried by an already-set error. Consuming the error (`restore`, `clear`) forgets the
/// token; dropping the error instead (`.ok()`, `unwrap_or`) drops it, which records that the
/// exception may still be set: the call's boundary then refuses to report success with an
/// exception set (a `SystemError`, as CPython raises for a C function doing so), rather
/// than let the stale exception surface at some later, unrelated point.
struct SetToken;

impl Drop for SetToken {
    #[inline]
    fn drop(&mut self) {
        DROPPED_WHILE_SET.store(true, Ordering::Relaxed);
    }
}

/// Whether an already-set error was dropped since the flag was last checked
/// ([`dropped_while_set`]).
static DROPPED_WHILE_SET: AtomicBool = AtomicBool::new(false);

/// Whether an already-set error was dropped (and the call that is ending must check that no
/// exception was left set); clears the flag.
#[inline(always)]
/// The error of reading item `index` of a tuple or list whose storage holds NULL there: one
/// still being built by C code (which Python code can reach through the garbage collector).
/// CPython itself would crash on it (`tuple[i]` increments the NULL's count).
#[cold]
pub(crate) fn null_item(index: usize) -> Error {
    crate::exceptions::SystemError::new_err(format!(
        "item {index} of this sequence is NULL: it is still being built"
    ))
}

pub(crate) fn dropped_while_set() -> bool {
    DROPPED_WHILE_SET.load(Ordering::Relaxed) && DROPPED_WHILE_SET.swap(false, Ordering::Relaxed)
}

/// The `SystemError` a call that succeeds with an exception still set raises instead (that
/// exception came from an already-set error that was dropped rather than cleared).
#[cold]
#[inline(never)]
pub(crate) fn raise_dropped_while_set(cx: Context<'_>) {
    exceptions::SystemError::new_err(
        "an extension function returned a result with an exception set: an hpy::Error that \
         stands for an exception already raised was dropped (`.ok()`, `unwrap_or`, `if let \
         Ok`) instead of being returned or cleared with Error::clear",
    )
    .restore(cx);
}

struct Pending {
    ty: ExceptionType,
    message: Message,
}

enum Message {
    Text(Cow<'static, str>),
    /// An `OSError` for the C `errno` value `code`, about up to two files; raised through
    /// `HPyErr_SetFromErrnoWithFilenameObjects` (see `os_error.rs`).
    Os(crate::os_error::OsError),
    /// "must be {expected}, not {actual}", given a subject when it reaches an argument.
    WrongType {
        expected: Cow<'static, str>,
        actual: String,
        /// Where inside the converted value the mismatch sits, outermost first ("item 1").
        path: Vec<String>,
    },
}

impl Error {
    /// A pending exception of type `ty` with message `message`.
    ///
    /// ```
    /// use hpy::exceptions::ValueError;
    /// let err = hpy::Error::new(ValueError, "negative length");
    /// assert_eq!(err.to_string(), "ValueError: negative length");
    /// ```
    pub fn new(ty: impl Into<ExceptionType>, message: impl Into<Cow<'static, str>>) -> Self {
        Self::pending(ty.into(), Message::Text(message.into()))
    }

    /// The error of an HPy call that failed and left its exception set in the interpreter,
    /// for code that calls `hpy::ffi` directly.
    ///
    /// # Safety
    /// A Python exception must be set in the interpreter: the error makes the calling entry
    /// point return its error value, and returning one without an exception set is a
    /// `SystemError` at best.
    pub unsafe fn already_set() -> Self {
        Self::set()
    }

    /// [`Error::already_set`], for this crate's callers that have just seen an HPy function
    /// report an error.
    pub(crate) fn set() -> Self {
        Error {
            repr: Repr::AlreadySet(SetToken),
        }
    }

    /// Whether the exception is already set in the interpreter (rather than pending).
    pub fn is_already_set(&self) -> bool {
        matches!(self.repr, Repr::AlreadySet(_))
    }

    /// The exception type of a pending error (`None` if already set).
    pub fn exception_type(&self) -> Option<ExceptionType> {
        match &self.repr {
            Repr::AlreadySet(_) => None,
            Repr::Pending(p) => Some(p.ty),
        }
    }

    /// The message of a pending error (`None` if already set).
    pub fn message(&self) -> Option<String> {
        match &self.repr {
            Repr::AlreadySet(_) => None,
            Repr::Pending(p) => Some(p.message.render(None)),
        }
    }

    /// Whether the exception is an instance of `ty` (or of a subclass), like `except ty:`.
    pub fn matches(&self, cx: Context<'_>, ty: impl Into<ExceptionType>) -> bool {
        let Ok(ty) = ty.into().to_handle(cx) else {
            return false;
        };
        match &self.repr {
            // SAFETY: `ty` is an open handle of this call.
            Repr::AlreadySet(_) => unsafe { call!(cx, ctx_Err_ExceptionMatches(ty.as_raw())) != 0 },
            Repr::Pending(p) => {
                let Ok(own) = p.ty.to_handle(cx) else {
                    return false;
                };
                let type_type = cx.table().h_TypeType;
                // SAFETY: both handles are open; `h_TypeType` is a constant type handle.
                let both_types = unsafe {
                    call!(cx, ctx_TypeCheck(own.as_raw(), type_type)) != 0
                        && call!(cx, ctx_TypeCheck(ty.as_raw(), type_type)) != 0
                };
                // SAFETY: both are open handles to types, as HPyType_IsSubtype requires.
                both_types
                    && unsafe { call!(cx, ctx_Type_IsSubtype(own.as_raw(), ty.as_raw())) != 0 }
            }
        }
    }

    /// Raises the exception now: after this a Python exception is set.
    ///
    /// An error that is already set stands for the exception in the interpreter, which HPy
    /// cannot take out (HPy 0.9 has no `HPyErr_Fetch`), so it is only meaningful during the
    /// call that raised it. If no exception is set any more when it is restored — it was
    /// kept past its call (in a `static`, a thread-local), or its exception was cleared —
    /// a `SystemError` saying so is raised instead.
    #[inline]
    pub fn restore(self, cx: Context<'_>) {
        match self.repr {
            Repr::Pending(pending) => raise(*pending, cx),
            Repr::AlreadySet(token) => {
                core::mem::forget(token);
                if !crate::convert::err_occurred(cx) {
                    raise_lost(cx);
                }
            }
        }
    }

    /// Discards the error: clears the interpreter's exception if it is already set.
    pub fn clear(self, cx: Context<'_>) {
        if let Repr::AlreadySet(token) = self.repr {
            core::mem::forget(token);
            // SAFETY: clearing the current exception is always allowed.
            unsafe { call!(cx, ctx_Err_Clear()) }
        }
    }

    /// Reports the error through `sys.unraisablehook` with `obj` as context, then clears it —
    /// what Python does with an exception nobody can catch.
    pub fn write_unraisable(self, obj: &Handle<'_>) {
        let cx = obj.context();
        self.restore(cx);
        // SAFETY: `obj` is open; an exception is set (restore just set it, or it already was).
        unsafe { call!(cx, ctx_Err_WriteUnraisable(obj.as_raw())) }
    }

    /// A `TypeError` saying `obj` is not of the `expected` type: "must be int, not str". When
    /// the error reaches an argument, it names it: "f() argument 'x' must be int, not str".
    pub fn wrong_type(expected: impl Into<Cow<'static, str>>, obj: &Handle<'_>) -> Self {
        Self::pending(
            exceptions::TypeError.into(),
            Message::WrongType {
                expected: expected.into(),
                actual: obj.type_name(),
                path: Vec::new(),
            },
        )
    }

    /// Locates a type mismatch inside a container ("item 1", "key", "value of key 'a'").
    pub(crate) fn within(mut self, place: impl FnOnce() -> String) -> Self {
        if let Repr::Pending(p) = &mut self.repr
            && let Message::WrongType { path, .. } = &mut p.message
        {
            path.insert(0, place());
        }
        self
    }

    /// Replaces the description of the offending object ("tuple of length 3" instead of
    /// "tuple").
    pub(crate) fn with_actual(mut self, description: String) -> Self {
        if let Repr::Pending(p) = &mut self.repr
            && let Message::WrongType { actual, .. } = &mut p.message
        {
            *actual = description;
        }
        self
    }

    /// Names the function argument a conversion error belongs to, in CPython's wording.
    #[doc(hidden)]
    pub fn for_argument(self, function: &str, argument: &str) -> Self {
        self.for_subject(&format!("{function}() argument '{argument}'"))
    }

    /// Names what a type mismatch is about: "`subject` must be int, not str".
    pub(crate) fn for_subject(mut self, subject: &str) -> Self {
        if let Repr::Pending(p) = &mut self.repr
            && let Message::WrongType { .. } = p.message
        {
            p.message = Message::Text(p.message.render(Some(subject)).into());
        }
        self
    }

    /// The pending `OSError` of `os` (its type is the subclass Python picks for the errno).
    pub(crate) fn os(ty: ExceptionType, os: crate::os_error::OsError) -> Self {
        Self::pending(ty, Message::Os(os))
    }

    /// The [`OsError`](crate::os_error::OsError) of a pending `OSError` made from an
    /// `errno` code, to name its files.
    pub(crate) fn os_mut(&mut self) -> Option<&mut crate::os_error::OsError> {
        match &mut self.repr {
            Repr::Pending(p) => match &mut p.message {
                Message::Os(os) => Some(os),
                _ => None,
            },
            Repr::AlreadySet(_) => None,
        }
    }

    fn pending(ty: ExceptionType, message: Message) -> Self {
        Error {
            repr: Repr::Pending(Box::new(Pending { ty, message })),
        }
    }
}

impl Message {
    fn render(&self, subject: Option<&str>) -> String {
        match self {
            Message::Text(text) => text.to_string(),
            Message::Os(os) => os.to_string(),
            Message::WrongType {
                expected,
                actual,
                path,
            } => {
                let mut out = String::new();
                for part in subject
                    .into_iter()
                    .map(str::to_owned)
                    .chain(path.iter().cloned())
                {
                    out.push_str(&part);
                    out.push(' ');
                }
                out.push_str(&format!("must be {expected}, not {actual}"));
                out
            }
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.repr {
            Repr::AlreadySet(_) => f.write_str("a Python exception is set in the interpreter"),
            Repr::Pending(p) => write!(f, "{}: {}", p.ty.name(), p.message.render(None)),
        }
    }
}

impl core::fmt::Debug for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Error({self})")
    }
}

impl std::error::Error for Error {}

/// Raises the `SystemError` for an already-set error whose exception is gone
/// ([`Error::restore`]).
#[cold]
#[inline(never)]
fn raise_lost(cx: Context<'_>) {
    let lost = exceptions::SystemError::new_err(
        "an hpy::Error that stands for an exception already raised was returned, but no \
         exception is set any more: the error was kept past the call that raised it, or its \
         exception was cleared (HPy cannot keep an exception across calls; keep the error's \
         message instead, or create a new error)",
    );
    lost.restore(cx);
}

/// Sets a pending error as the interpreter's exception ([`Error::restore`]).
#[inline(never)]
fn raise(pending: Pending, cx: Context<'_>) {
    let Pending { ty, message } = pending;
    if let Message::Os(os) = message {
        return os.raise(cx);
    }
    let ty = match ty.to_handle(cx) {
        Ok(ty) => ty,
        Err(err) => return err.restore(cx), // the type is unavailable: raise why instead
    };
    let Ok(text) = crate::convert::new_str(cx, &message.render(None)) else {
        return; // MemoryError (or similar) is set instead
    };
    // SAFETY: both handles are open for this call; HPyErr_SetObject does not steal them.
    unsafe { call!(cx, ctx_Err_SetObject(ty.as_raw(), text.as_raw())) }
}
