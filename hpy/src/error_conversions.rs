//! `From` conversions of common Rust errors into Python exceptions, so `?` works on them.

use std::borrow::Cow;
use std::io;

use crate::Error;
use crate::exceptions::{
    BlockingIOError, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError,
    ConnectionResetError, ExceptionType, FileExistsError, FileNotFoundError, InterruptedError,
    IsADirectoryError, MemoryError, NotADirectoryError, OSError, OverflowError, PermissionError,
    TimeoutError, ValueError,
};

impl From<io::Error> for Error {
    /// The `OSError` subclass Python uses for the same `errno` condition. An error from the
    /// OS (with a [`raw_os_error`](io::Error::raw_os_error)) becomes the exception CPython
    /// raises for that `errno` (`[Errno 2] No such file or directory`, with `errno` and
    /// `strerror`), which [`Error::with_filename`] can name a file for; any other error keeps
    /// its message. `Error::from(io::Error::last_os_error())` raises the current `errno`.
    fn from(err: io::Error) -> Self {
        let ty: ExceptionType = match err.kind() {
            io::ErrorKind::NotFound => FileNotFoundError.into(),
            io::ErrorKind::PermissionDenied => PermissionError.into(),
            io::ErrorKind::AlreadyExists => FileExistsError.into(),
            io::ErrorKind::WouldBlock => BlockingIOError.into(),
            io::ErrorKind::BrokenPipe => BrokenPipeError.into(),
            io::ErrorKind::ConnectionRefused => ConnectionRefusedError.into(),
            io::ErrorKind::ConnectionReset => ConnectionResetError.into(),
            io::ErrorKind::ConnectionAborted => ConnectionAbortedError.into(),
            io::ErrorKind::Interrupted => InterruptedError.into(),
            io::ErrorKind::TimedOut => TimeoutError.into(),
            io::ErrorKind::IsADirectory => IsADirectoryError.into(),
            io::ErrorKind::NotADirectory => NotADirectoryError.into(),
            _ => OSError.into(),
        };
        match err.raw_os_error() {
            Some(code) => {
                let ty = crate::os_error::errno_exception_type(code);
                Error::os(ty, crate::os_error::OsError::new(code))
            }
            None => Error::new(ty, err.to_string()),
        }
    }
}

macro_rules! value_errors {
    ($($ty:ty => $exc:ident),* $(,)?) => {$(
        impl From<$ty> for Error {
            #[doc = concat!("Raised as `", stringify!($exc), "` with the error's message.")]
            fn from(err: $ty) -> Self {
                Error::new($exc, Cow::Owned(err.to_string()))
            }
        }
    )*};
}

impl From<std::collections::TryReserveError> for Error {
    /// Raised as `MemoryError`, so `vec.try_reserve(n)?` works in an extension function
    /// (see [`hpy::alloc`](crate::alloc)).
    fn from(err: std::collections::TryReserveError) -> Self {
        Error::new(MemoryError, err.to_string())
    }
}

value_errors! {
    core::num::ParseIntError => ValueError,
    core::num::ParseFloatError => ValueError,
    core::num::TryFromIntError => OverflowError,
    core::str::Utf8Error => ValueError,
    std::string::FromUtf8Error => ValueError,
    std::ffi::NulError => ValueError,
}
