//! `PathBuf`, `OsString` ← `str`, `bytes` or any `os.PathLike` (through `os.fsencode`, which
//! calls `os.fspath`); `PathBuf`, `&Path`, `OsString`, `&OsStr` → `str` (through
//! `os.fsdecode` when they are not UTF-8).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use super::{FromPy, IntoPy};
use crate::{Context, Error, Handle, Result};

/// What `os.fsencode(obj)` gives: the path's bytes, as the OS sees them (a `str` encoded with
/// the filesystem encoding and `surrogateescape`, so names that are not valid UTF-8 survive).
fn os_bytes(obj: &Handle<'_>) -> Result<OsString> {
    let cx = obj.context();
    let encoded = match cx.import("os")?.getattr(c"fsencode")?.call((obj,)) {
        Ok(encoded) => encoded,
        Err(e) if e.matches(cx, crate::exceptions::TypeError) => {
            e.clear(cx);
            return Err(Error::wrong_type("str, bytes or os.PathLike", obj));
        }
        Err(e) => return Err(e),
    };
    let bytes: &[u8] = encoded.extract()?;
    from_bytes(bytes)
}

#[cfg(unix)]
fn from_bytes(bytes: &[u8]) -> Result<OsString> {
    use std::os::unix::ffi::OsStrExt;
    Ok(OsStr::from_bytes(bytes).to_owned())
}

#[cfg(not(unix))]
fn from_bytes(bytes: &[u8]) -> Result<OsString> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(OsString::from(text)),
        Err(_) => Err(crate::exceptions::ValueError::new_err(
            "the path is not valid in this platform's encoding",
        )),
    }
}

/// A `str` of `name`: directly when it is UTF-8, else `os.fsdecode` of its bytes.
fn os_str_into_py<'ctx>(name: &OsStr, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
    if let Some(text) = name.to_str() {
        return text.into_py(cx);
    }
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name);
    #[cfg(not(unix))]
    let bytes = name.to_string_lossy();
    #[cfg(not(unix))]
    let bytes = bytes.as_bytes();
    cx.import("os")?.getattr(c"fsdecode")?.call((bytes,))
}

impl FromPy<'_, '_> for OsString {
    fn from_py(obj: &Handle<'_>) -> Result<Self> {
        os_bytes(obj)
    }
}

impl FromPy<'_, '_> for PathBuf {
    fn from_py(obj: &Handle<'_>) -> Result<Self> {
        os_bytes(obj).map(PathBuf::from)
    }
}

impl<'ctx> IntoPy<'ctx> for &OsStr {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        os_str_into_py(self, cx)
    }
}

impl<'ctx> IntoPy<'ctx> for OsString {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        os_str_into_py(&self, cx)
    }
}

impl<'ctx> IntoPy<'ctx> for &Path {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        os_str_into_py(self.as_os_str(), cx)
    }
}

impl<'ctx> IntoPy<'ctx> for PathBuf {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        os_str_into_py(self.as_os_str(), cx)
    }
}
