//! Writing into the output directory without disturbing a Python process that has the old
//! files open: each file is written to a temporary file next to it, then renamed over it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process;

use crate::Error;

/// Copies `source` to `dest`.
pub(crate) fn copy(source: &Path, dest: &Path) -> Result<(), Error> {
    replace(dest, |temp| fs::copy(source, temp).map(drop))
}

/// Writes `contents` to `dest`.
pub(crate) fn write(dest: &Path, contents: impl AsRef<[u8]>) -> Result<(), Error> {
    replace(dest, |temp| fs::write(temp, contents))
}

/// Creates `dir` (and its parents) if missing.
pub(crate) fn create_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|source| Error::Io {
        action: "create directory",
        path: dir.to_owned(),
        source,
    })
}

fn replace(dest: &Path, fill: impl FnOnce(&Path) -> io::Result<()>) -> Result<(), Error> {
    let temp = temp_path(dest);
    fill(&temp)
        .map_err(|source| Error::Io {
            action: "write",
            path: temp.clone(),
            source,
        })
        .and_then(|()| {
            fs::rename(&temp, dest).map_err(|source| Error::Io {
                action: "replace",
                path: dest.to_owned(),
                source,
            })
        })
        .inspect_err(|_| {
            // Best effort: the original error is the one to report.
            let _ = fs::remove_file(&temp);
        })
}

/// `<dir>/.<file>.<pid>.tmp`: hidden, and distinct for concurrent builds.
fn temp_path(dest: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(dest.file_name().unwrap_or_default());
    name.push(format!(".{}.tmp", process::id()));
    dest.with_file_name(name)
}

/// Every file under `dir` (sorted), skipping hidden entries, directories `enter` refuses and
/// files `keep` refuses.
pub(crate) fn files_under(
    dir: &Path,
    enter: impl Fn(&Path) -> bool,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        let read_error = |source| Error::Io {
            action: "read directory",
            path: current.clone(),
            source,
        };
        for entry in fs::read_dir(&current).map_err(read_error)? {
            let path = entry.map_err(read_error)?.path();
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if path.is_dir() {
                if enter(&path) {
                    stack.push(path);
                }
            } else if keep(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_files_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("cargo-hpy-install-{}", process::id()));
        let out = dir.join("a/b");
        create_dir(&out).unwrap();
        let dest = out.join("m.py");
        write(&dest, "old").unwrap();
        write(&dest, "new").unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");

        let lib = out.join("m.hpy0.so");
        copy(&dest, &lib).unwrap();
        assert_eq!(fs::read_to_string(&lib).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");

        let error = copy(&dir.join("missing"), &lib).unwrap_err().to_string();
        assert!(error.starts_with("cannot write `"), "{error}");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 2);
        fs::remove_dir_all(&dir).unwrap();
    }
}
