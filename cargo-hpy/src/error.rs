//! The errors of building and installing an extension.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::process::ExitStatus;

/// Why a build or an install failed. Its `Display` is a complete sentence for the user.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The crate directory does not exist (or is not a directory).
    CrateDirMissing(PathBuf),
    /// The crate directory has no `Cargo.toml`.
    ManifestMissing(PathBuf),
    /// The manifest declares no package (a virtual workspace manifest, for example).
    NoPackage(PathBuf),
    /// The package's library is not a `cdylib`.
    NotCdylib {
        /// The package's name.
        package: String,
        /// Its manifest.
        manifest: PathBuf,
        /// The crate types of its library target, or `None` if it has no library.
        crate_types: Option<Vec<String>>,
    },
    /// A program could not be started.
    Spawn {
        /// The program.
        program: PathBuf,
        /// Why it could not start.
        source: io::Error,
    },
    /// A command ran and failed.
    CommandFailed {
        /// What ran, e.g. ``"`cargo build`"``.
        command: String,
        /// How it exited.
        status: ExitStatus,
    },
    /// A command's output was not what was expected.
    UnexpectedOutput {
        /// What ran.
        command: String,
        /// What was wrong with its output.
        detail: String,
    },
    /// `cargo build` succeeded without producing the crate's shared library.
    NoArtifact(PathBuf),
    /// A file operation failed.
    Io {
        /// What was being done, e.g. `"read"`.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The failure.
        source: io::Error,
    },
    /// The built library is not a valid shared library.
    MalformedLibrary {
        /// The library.
        library: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// The library has no `#[hpy::module]`.
    NoModule(PathBuf),
    /// The library, built for the CPython ABI, exports no `PyInit_<name>`.
    NoCPythonModule(PathBuf),
    /// The library has more than one `#[hpy::module]`.
    ManyModules {
        /// The library.
        library: PathBuf,
        /// The modules' names, sorted.
        names: Vec<String>,
    },
    /// The library exports some but not all of a module's symbols.
    IncompleteModule {
        /// The library.
        library: PathBuf,
        /// The module's name.
        name: String,
        /// The missing symbols.
        missing: Vec<String>,
    },
    /// `develop` was given no `--python` and no virtualenv is active.
    NoInterpreter,
    /// `$VIRTUAL_ENV` names a directory without a Python interpreter.
    VirtualEnvWithoutPython {
        /// The value of `$VIRTUAL_ENV`.
        virtual_env: PathBuf,
        /// Where its interpreter should be.
        python: PathBuf,
    },
    /// The interpreter cannot import `hpy.universal`.
    HpyMissing {
        /// The interpreter.
        python: PathBuf,
        /// The import error.
        detail: String,
    },
    /// The interpreter has an HPy other than 0.9.x.
    HpyVersion {
        /// The interpreter.
        python: PathBuf,
        /// Its `hpy.devel.version.__version__`.
        version: String,
    },
    /// `cargo hpy new` or `init` cannot create the project.
    NewProject {
        /// The project's directory.
        dir: PathBuf,
        /// Why.
        detail: String,
    },
    /// The crate's `pyproject.toml` cannot be used.
    InvalidPyproject {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CrateDirMissing(dir) => {
                write!(f, "crate directory `{}` does not exist", dir.display())
            }
            Error::ManifestMissing(dir) => write!(
                f,
                "`{}` is not a crate directory: it has no Cargo.toml",
                dir.display()
            ),
            Error::NoPackage(manifest) => write!(
                f,
                "`{}` declares no package (is it a virtual workspace manifest?); \
                 pass the directory of the extension crate",
                manifest.display()
            ),
            Error::NotCdylib {
                package,
                manifest,
                crate_types,
            } => {
                match crate_types {
                    Some(types) => write!(
                        f,
                        "crate `{package}` is not a cdylib (its library's crate-type is {types:?})"
                    )?,
                    None => write!(f, "crate `{package}` has no library target")?,
                }
                write!(
                    f,
                    "; an hpy-rs extension needs `[lib] crate-type = [\"cdylib\"]` in {}",
                    manifest.display()
                )
            }
            Error::Spawn { program, source } => {
                write!(f, "cannot run `{}`: {source}", program.display())
            }
            Error::CommandFailed { command, status } => write!(f, "{command} failed ({status})"),
            Error::UnexpectedOutput { command, detail } => {
                write!(f, "unexpected output from {command}: {detail}")
            }
            Error::NoArtifact(manifest) => write!(
                f,
                "`cargo build` reported no cdylib for {}",
                manifest.display()
            ),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} `{}`: {source}", path.display()),
            Error::MalformedLibrary { library, detail } => write!(
                f,
                "`{}` is not a valid shared library: {detail}",
                library.display()
            ),
            Error::NoModule(library) => write!(
                f,
                "no #[hpy::module] in `{}`: it exports no \
                 `get_required_hpy_major_version_<name>` symbol",
                library.display()
            ),
            Error::NoCPythonModule(library) => write!(
                f,
                "no CPython-ABI module in `{}`: it exports no `PyInit_<name>` symbol \
                 (does the crate depend on hpy, whose feature abi-cpython cargo-hpy enables, \
                 and have one #[hpy::module]?)",
                library.display()
            ),
            Error::ManyModules { library, names } => write!(
                f,
                "`{}` contains {} modules ({}), but a library can hold only one #[hpy::module]",
                library.display(),
                names.len(),
                quoted(names)
            ),
            Error::IncompleteModule {
                library,
                name,
                missing,
            } => write!(
                f,
                "`{}` exports `get_required_hpy_major_version_{name}` but not {}: \
                 it was not built by hpy-rs's #[hpy::module]",
                library.display(),
                quoted(missing)
            ),
            Error::NoInterpreter => f.write_str(
                "no Python interpreter to develop into: activate a virtualenv \
                 (VIRTUAL_ENV is not set) or pass --python <interpreter>",
            ),
            Error::VirtualEnvWithoutPython {
                virtual_env,
                python,
            } => write!(
                f,
                "VIRTUAL_ENV is `{}`, but `{}` does not exist: activate a working virtualenv \
                 or pass --python <interpreter>",
                virtual_env.display(),
                python.display()
            ),
            Error::HpyMissing { python, detail } => write!(
                f,
                "`{0}` cannot import hpy.universal ({detail}); install HPy 0.9 with: \
                 {0} -m pip install hpy==0.9.0",
                python.display()
            ),
            Error::HpyVersion { python, version } => write!(
                f,
                "`{0}` has hpy {version}, but hpy-rs needs hpy 0.9.x; install it with: \
                 {0} -m pip install hpy==0.9.0",
                python.display()
            ),
            Error::NewProject { dir, detail } => {
                write!(
                    f,
                    "cannot create a project in `{}`: {detail}",
                    dir.display()
                )
            }
            Error::InvalidPyproject { path, detail } => {
                write!(f, "`{}` cannot be used: {detail}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Spawn { source, .. } | Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `` `a`, `b` ``.
fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
