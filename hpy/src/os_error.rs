//! `OSError`s made from C `errno` codes — the code of a [`std::io::Error`] from the OS — and
//! the files they are about ([`Error::with_filename`]).
//!
//! They are raised through HPy's `HPyErr_SetFromErrnoWithFilenameObjects`, so the exception
//! is CPython's own for the same failure: the subclass for the code (`FileNotFoundError`,
//! `PermissionError`, ...), `errno`, `strerror`, `filename`, `filename2`, the message
//! `[Errno 2] No such file or directory: 'data.txt'`, and, for `EINTR`, a pending signal's
//! exception (from its Python handler) in its place.

use std::path::{Path, PathBuf};

use crate::context::call;
use crate::exceptions::{ExceptionType, OSError};
use crate::{Context, Error, Handle, IntoPy, ffi};

/// What an `OSError` from an `errno` code carries until it is raised.
pub(crate) struct OsError {
    code: i32,
    filenames: [Option<PathBuf>; 2],
}

impl OsError {
    /// The error for `errno` value `code`, about no file yet.
    pub(crate) fn new(code: i32) -> Self {
        OsError {
            code,
            filenames: [None, None],
        }
    }

    /// Sets the interpreter's exception.
    pub(crate) fn raise(self, cx: Context<'_>) {
        let mut filenames = [None, None];
        for (path, name) in self.filenames.iter().zip(&mut filenames) {
            if let Some(path) = path {
                match path.as_path().into_py(cx) {
                    Ok(handle) => *name = Some(handle),
                    Err(err) => return err.restore(cx), // raise why it could not be named
                }
            }
        }
        let ty = match ExceptionType::from(OSError).to_handle(cx) {
            Ok(ty) => ty,
            Err(err) => return err.restore(cx),
        };
        let [first, second] = filenames
            .each_ref()
            .map(|f| f.as_ref().map_or(ffi::HPy_NULL, Handle::as_raw));
        set_errno(self.code);
        // SAFETY: `ty` is an open handle and the names open handles or HPy_NULL (no name);
        // the function reads `errno`, set just above, and always sets an exception.
        unsafe {
            call!(
                cx,
                ctx_Err_SetFromErrnoWithFilenameObjects(ty.as_raw(), first, second)
            )
        }
    }
}

/// The `OSError` subclass CPython raises for `errno` value `code` (`Objects/exceptions.c`,
/// `_PyExc_InitState`'s `ADD_ERRNO` table), so that a pending error's
/// [`exception_type`](Error::exception_type) and [`matches`](Error::matches) agree with the
/// exception it becomes.
pub(crate) fn errno_exception_type(code: i32) -> ExceptionType {
    use crate::exceptions::*;
    #[cfg(unix)]
    {
        use libc::*;
        match code {
            EAGAIN | EALREADY | EINPROGRESS => return BlockingIOError.into(),
            #[allow(unreachable_patterns)] // EWOULDBLOCK is EAGAIN on most systems
            EWOULDBLOCK => return BlockingIOError.into(),
            ECHILD => return ChildProcessError.into(),
            EPIPE | ESHUTDOWN => return BrokenPipeError.into(),
            ECONNABORTED => return ConnectionAbortedError.into(),
            ECONNREFUSED => return ConnectionRefusedError.into(),
            ECONNRESET => return ConnectionResetError.into(),
            EEXIST => return FileExistsError.into(),
            ENOENT => return FileNotFoundError.into(),
            EISDIR => return IsADirectoryError.into(),
            ENOTDIR => return NotADirectoryError.into(),
            EINTR => return InterruptedError.into(),
            EACCES | EPERM => return PermissionError.into(),
            ESRCH => return ProcessLookupError.into(),
            ETIMEDOUT => return TimeoutError.into(),
            _ => {}
        }
    }
    let _ = code;
    OSError.into()
}

/// Sets the calling thread's C `errno`.
fn set_errno(code: i32) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: `__errno_location` returns the calling thread's `errno`, valid for writes.
    unsafe {
        *libc::__errno_location() = code;
    }
    #[cfg(any(target_vendor = "apple", target_os = "freebsd"))]
    // SAFETY: `__error` returns the calling thread's `errno`, valid for writes.
    unsafe {
        *libc::__error() = code;
    }
    #[cfg(windows)]
    {
        // The C runtime's `errno` is the macro `(*_errno())`.
        unsafe extern "C" {
            fn _errno() -> *mut core::ffi::c_int;
        }
        // SAFETY: `_errno` returns the calling thread's `errno`, valid for writes.
        unsafe {
            *_errno() = code;
        }
    }
}

/// The message CPython gives the exception: `[Errno 2] No such file or directory: 'a'`, with
/// ` -> 'b'` for a second file.
impl core::fmt::Display for OsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // std's message for an OS error is the C library's `strerror` text plus " (os error N)".
        let text = std::io::Error::from_raw_os_error(self.code).to_string();
        let strerror = text
            .strip_suffix(&format!(" (os error {})", self.code))
            .unwrap_or(&text);
        write!(f, "[Errno {}] {strerror}", self.code)?;
        let mut separator = ": ";
        for path in self.filenames.iter().flatten() {
            write!(f, "{separator}'{}'", path.display())?;
            separator = " -> ";
        }
        Ok(())
    }
}

impl Error {
    /// Names the file an `OSError` from the OS is about, as CPython's own errors do:
    /// `FileNotFoundError: [Errno 2] No such file or directory: 'data.txt'`, with
    /// `err.filename == 'data.txt'`. An error that did not come from an OS error code (an
    /// [`io::Error`](std::io::Error) without [`raw_os_error`](std::io::Error::raw_os_error),
    /// any other exception) is returned unchanged.
    ///
    /// ```
    /// use std::path::PathBuf;
    /// use hpy::prelude::*;
    ///
    /// #[hpy::module]
    /// mod files {
    ///     use super::*;
    ///
    ///     /// The size of the file at `path`, in bytes.
    ///     #[hpy::function]
    ///     fn size(path: PathBuf) -> Result<u64> {
    ///         let metadata = std::fs::metadata(&path)
    ///             .map_err(|err| Error::from(err).with_filename(&path))?;
    ///         Ok(metadata.len())
    ///     }
    /// }
    /// # fn main() {}
    /// ```
    pub fn with_filename(mut self, path: impl AsRef<Path>) -> Self {
        if let Some(os) = self.os_mut() {
            os.filenames = [Some(path.as_ref().to_owned()), None];
        }
        self
    }

    /// [`with_filename`](Self::with_filename) for an operation on two files (a rename, a
    /// link): `[Errno 2] No such file or directory: 'a' -> 'b'`, with `filename2 == 'b'`.
    pub fn with_filenames(mut self, first: impl AsRef<Path>, second: impl AsRef<Path>) -> Self {
        if let Some(os) = self.os_mut() {
            os.filenames = [
                Some(first.as_ref().to_owned()),
                Some(second.as_ref().to_owned()),
            ];
        }
        self
    }
}
