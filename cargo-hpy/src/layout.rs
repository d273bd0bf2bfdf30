//! Where a module's files go: top-level (`<module>.hpy0.so` and its loader `<module>.py`), or,
//! for a mixed Rust/Python package, inside a Python package whose sources live next to the
//! crate. The crate's `pyproject.toml` says so:
//!
//! ```toml
//! [tool.cargo-hpy]
//! python-source = "python"      # a directory of Python packages and modules, shipped as they are
//! module = "mypkg._native"      # where the extension goes (its last part is the #[hpy::module]'s name)
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use crate::abi::Target;
use crate::stub::loader_stub;
use crate::{Error, install};

/// The layout of an extension crate's Python files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The directory of Python sources, if any (absolute).
    pub python_source: Option<PathBuf>,
    /// The packages the extension goes into (`["mypkg"]` for `mypkg._native`).
    pub packages: Vec<String>,
    /// The dotted name of the extension, as `[tool.cargo-hpy] module` gives it.
    pub module: Option<String>,
}

/// A file to install, relative to site-packages (or a wheel's root, or a build directory).
pub(crate) struct File {
    pub path: PathBuf,
    pub contents: Vec<u8>,
    pub executable: bool,
}

impl Layout {
    /// Checks that the `#[hpy::module]` is named as `[tool.cargo-hpy] module` says.
    pub(crate) fn check_module(&self, module: &str, pyproject: &Path) -> Result<(), Error> {
        match &self.module {
            Some(dotted) if dotted.rsplit('.').next() != Some(module) => {
                Err(Error::InvalidPyproject {
                    path: pyproject.to_owned(),
                    detail: format!(
                        "[tool.cargo-hpy] module is `{dotted}`, but the crate's #[hpy::module] is `{module}`"
                    ),
                })
            }
            _ => Ok(()),
        }
    }

    /// The directory, relative to the installation's root, the extension goes into.
    pub(crate) fn package_dir(&self) -> PathBuf {
        self.packages.iter().collect()
    }

    /// The extension (`library`'s contents, built for `target`), its loader (universal ABI
    /// only) and its typing files, at their places.
    pub(crate) fn module_files(
        &self,
        module: &str,
        library: Vec<u8>,
        stub: Option<&str>,
        target: &Target,
    ) -> Vec<File> {
        let dir = self.package_dir();
        let mut files = vec![File {
            path: dir.join(target.extension_name(module)),
            contents: library,
            executable: true,
        }];
        if *target == Target::Universal {
            files.push(File {
                path: dir.join(format!("{module}.py")),
                contents: loader_stub(module).into_bytes(),
                executable: false,
            });
        }
        files
            .into_iter()
            .chain(self.typing_files(module, stub))
            .collect()
    }

    /// The type stub `<module>.pyi` next to the extension, and `py.typed` in its top-level
    /// package if it is in one (PEP 561: the package ships its types); nothing without a stub.
    pub(crate) fn typing_files(&self, module: &str, stub: Option<&str>) -> Vec<File> {
        let Some(stub) = stub else {
            return Vec::new();
        };
        let marker = self.packages.first().map(|package| File {
            path: Path::new(package).join("py.typed"),
            contents: Vec::new(),
            executable: false,
        });
        let stub = File {
            path: self.package_dir().join(format!("{module}.pyi")),
            contents: stub.as_bytes().to_vec(),
            executable: false,
        };
        std::iter::once(stub).chain(marker).collect()
    }

    /// The Python sources, relative to `python-source`, without caches and without the
    /// extension's own files (a previous editable build may have put them there).
    pub(crate) fn python_files(&self, module: &str) -> Result<Vec<File>, Error> {
        let Some(root) = &self.python_source else {
            return Ok(Vec::new());
        };
        let own: Vec<PathBuf> = self
            .module_files(module, Vec::new(), Some(""), &Target::Universal)
            .into_iter()
            .map(|f| f.path)
            .collect();
        // A CPython-ABI extension an editable build left there: `<module>.cpython-*`.
        let cpython_extension = format!("{module}.cpython-");
        let is_own = |relative: &Path| {
            own.iter().any(|path| path == relative)
                || (relative.parent() == Some(self.package_dir().as_path())
                    && (relative.file_name().and_then(|n| n.to_str()))
                        .is_some_and(|n| n.starts_with(&cpython_extension)))
        };
        let mut out = Vec::new();
        let files = install::files_under(
            root,
            |dir| dir.file_name().unwrap_or_default() != "__pycache__",
            |file| file.extension().is_none_or(|e| e != "pyc"),
        )?;
        for path in files {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_owned();
            if is_own(&relative) {
                continue;
            }
            let contents = fs::read(&path).map_err(|source| Error::Io {
                action: "read",
                path: path.clone(),
                source,
            })?;
            if crate::stub::is_build_output(&path, &contents) {
                continue;
            }
            out.push(File {
                path: relative,
                contents,
                executable: false,
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_goes_into_its_package() {
        let layout = Layout {
            python_source: None,
            packages: vec!["pkg".into(), "sub".into()],
            module: Some("pkg.sub._native".into()),
        };
        let paths = |stub| -> Vec<PathBuf> {
            layout
                .module_files("_native", Vec::new(), stub, &Target::Universal)
                .into_iter()
                .map(|f| f.path)
                .collect()
        };
        assert_eq!(
            paths(None),
            [
                PathBuf::from("pkg/sub/_native.hpy0.so"),
                PathBuf::from("pkg/sub/_native.py")
            ]
        );
        assert_eq!(
            paths(Some("stub")),
            [
                PathBuf::from("pkg/sub/_native.hpy0.so"),
                PathBuf::from("pkg/sub/_native.py"),
                PathBuf::from("pkg/sub/_native.pyi"),
                PathBuf::from("pkg/py.typed")
            ]
        );
        let top_level = Layout::default();
        let stub_only: Vec<PathBuf> = (top_level.typing_files("m", Some("stub")).into_iter())
            .map(|f| f.path)
            .collect();
        assert_eq!(stub_only, [PathBuf::from("m.pyi")]);
        assert!(
            layout
                .check_module("_native", Path::new("pyproject.toml"))
                .is_ok()
        );
        let wrong = layout
            .check_module("other", Path::new("pyproject.toml"))
            .unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "`pyproject.toml` cannot be used: [tool.cargo-hpy] module is `pkg.sub._native`, but \
             the crate's #[hpy::module] is `other`"
        );
    }
}
