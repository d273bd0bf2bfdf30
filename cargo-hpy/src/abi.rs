//! Which ABI an extension is built for: HPy's universal ABI (`<name>.hpy0.so`, loaded through
//! `hpy.universal` by a `<name>.py` loader stub, on every CPython hpy 0.9 supports), or
//! CPython's own (`<name><EXT_SUFFIX>`, e.g. `hello.cpython-311-x86_64-linux-gnu.so`, imported
//! by one CPython version directly, without the `hpy` package at run time).
//!
//! `--abi universal|cpython` chooses it, else `[tool.cargo-hpy] abi` of the crate's
//! `pyproject.toml`, else the universal ABI.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;

use crate::Error;
use crate::stub::EXTENSION_SUFFIX;

/// The ABI an extension is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Abi {
    /// HPy's universal ABI: `<name>.hpy0.so` and its loader stub `<name>.py`.
    #[default]
    Universal,
    /// CPython's ABI, for one CPython version: `<name><EXT_SUFFIX>`, no loader stub.
    #[serde(rename = "cpython")]
    #[value(name = "cpython")]
    CPython,
}

impl Abi {
    /// The name `--abi` and `[tool.cargo-hpy] abi` give it.
    pub fn name(self) -> &'static str {
        match self {
            Abi::Universal => "universal",
            Abi::CPython => "cpython",
        }
    }

    /// The ABI chosen on the command line (`cli`), else in `pyproject.toml` (`pyproject`),
    /// else the universal one.
    pub fn choose(cli: Option<Abi>, pyproject: Option<Abi>) -> Abi {
        cli.or(pyproject).unwrap_or_default()
    }
}

impl fmt::Display for Abi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Abi {
    type Err = String;

    fn from_str(s: &str) -> Result<Abi, String> {
        match s {
            "universal" => Ok(Abi::Universal),
            "cpython" => Ok(Abi::CPython),
            other => Err(format!(
                "unknown ABI `{other}`: expected `universal` or `cpython`"
            )),
        }
    }
}

/// The CPython an extension is built for in the CPython ABI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CPython {
    /// Its `sys.executable` (absolute): hpy-sys's build script gets it as `$HPY_RS_PYTHON`.
    pub python: PathBuf,
    /// Its `sys.version_info[:2]`.
    pub version: (u32, u32),
    /// Its `sysconfig.get_config_var("EXT_SUFFIX")`, e.g. `.cpython-311-x86_64-linux-gnu.so`.
    pub ext_suffix: String,
}

impl CPython {
    /// `cp311`, its wheel tag (Python and ABI tag alike).
    pub(crate) fn tag(&self) -> String {
        format!("cp{}{}", self.version.0, self.version.1)
    }

    /// The directory, below a target directory, its cargo builds go to: `cpython-3.11`.
    pub(crate) fn target_subdir(&self) -> String {
        format!("cpython-{}.{}", self.version.0, self.version.1)
    }
}

/// The ABI of one build, with what it needs to know of its interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// The universal ABI.
    Universal,
    /// The CPython ABI of this interpreter.
    CPython(CPython),
}

impl Target {
    /// The ABI.
    pub(crate) fn abi(&self) -> Abi {
        match self {
            Target::Universal => Abi::Universal,
            Target::CPython(_) => Abi::CPython,
        }
    }

    /// The file name of the extension of `module`: `<module>.hpy0.so`, or
    /// `<module><EXT_SUFFIX>`.
    pub(crate) fn extension_name(&self, module: &str) -> String {
        match self {
            Target::Universal => format!("{module}{EXTENSION_SUFFIX}"),
            Target::CPython(cpython) => format!("{module}{}", cpython.ext_suffix),
        }
    }

    /// The files in `dir` that another ABI's build of `module` left there and that would
    /// shadow (or be shadowed by) this build's: the universal extension and its loader stub
    /// for a CPython build; CPython extensions (`<module>.cpython-*`) for a universal one.
    pub(crate) fn stale_files(&self, dir: &Path, module: &str) -> Vec<PathBuf> {
        match self {
            Target::CPython(_) => {
                let loader = dir.join(format!("{module}.py"));
                let is_stub = std::fs::read(&loader)
                    .is_ok_and(|text| text.starts_with(crate::stub::STUB_HEADER.as_bytes()));
                let extension = dir.join(format!("{module}{EXTENSION_SUFFIX}"));
                (extension.exists().then_some(extension).into_iter())
                    .chain(is_stub.then_some(loader))
                    .collect()
            }
            Target::Universal => {
                let prefix = format!("{module}.cpython-");
                let Ok(entries) = std::fs::read_dir(dir) else {
                    return Vec::new();
                };
                let mut stale: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| {
                        path.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with(&prefix))
                    })
                    .collect();
                stale.sort();
                stale
            }
        }
    }

    /// Removes [`Target::stale_files`].
    pub(crate) fn remove_stale_files(&self, dir: &Path, module: &str) -> Result<(), Error> {
        for path in self.stale_files(dir, module) {
            std::fs::remove_file(&path).map_err(|source| Error::Io {
                action: "remove",
                path,
                source,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
