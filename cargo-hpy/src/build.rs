//! `cargo hpy build`: crate -> `<out>/<name>.hpy0.so` + `<out>/<name>.py` + `<out>/<name>.pyi`
//! (the universal ABI), or `<out>/<name><EXT_SUFFIX>` + `<out>/<name>.pyi` (the CPython ABI).

use std::fs;
use std::path::{Path, PathBuf};

use crate::abi::{Abi, Target};
use crate::layout::Layout;
use crate::stub::loader_stub;
use crate::type_stub::read_type_stub;
use crate::{Error, Profile, cargo, install, python, symbols};

/// What to build, and where to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// The directory of the extension crate (the one with its `Cargo.toml`).
    pub crate_dir: PathBuf,
    /// Where to write the module; created if missing.
    pub out_dir: PathBuf,
    /// The cargo profile.
    pub profile: Profile,
    /// Cargo's target directory, if not the default one. A CPython-ABI build goes to its
    /// subdirectory `cpython-<major>.<minor>`, so the ABIs never overwrite each other's library.
    pub target_dir: Option<PathBuf>,
    /// The ABI; `None` means `[tool.cargo-hpy] abi` of the crate's `pyproject.toml`, else the
    /// universal ABI.
    pub abi: Option<Abi>,
    /// The interpreter a CPython-ABI build is for; `None` means the active virtualenv's
    /// (`$VIRTUAL_ENV`), else `python3`. It must have `hpy==0.9.0` installed.
    pub python: Option<PathBuf>,
}

impl BuildOptions {
    /// A release build of the crate in `crate_dir` into `out_dir`.
    pub fn new(crate_dir: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            crate_dir: crate_dir.into(),
            out_dir: out_dir.into(),
            profile: Profile::Release,
            target_dir: None,
            abi: None,
            python: None,
        }
    }
}

/// What [`build`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The name of the `#[hpy::module]`, the name Python imports.
    pub module: String,
    /// The ABI it was built for.
    pub abi: Abi,
    /// The shared library cargo built.
    pub library: PathBuf,
    /// `<out>/[<package>/]<module>.hpy0.so` (universal ABI) or
    /// `<out>/[<package>/]<module><EXT_SUFFIX>` (CPython ABI), a copy of `library`.
    pub extension: PathBuf,
    /// `<out>/[<package>/]<module>.py`, the loader stub of a universal-ABI module; `None` for
    /// the CPython ABI, whose extension CPython imports directly.
    pub loader: Option<PathBuf>,
    /// `<out>/[<package>/]<module>.pyi`, the type stub (none if the library has none).
    pub type_stub: Option<PathBuf>,
    /// The directory to put on `sys.path` (`<out>`; the extension may be in a package below
    /// it: see `[tool.cargo-hpy] module`).
    pub root: PathBuf,
}

/// Builds the crate's library with cargo and writes the extension (and, for the universal
/// ABI, its loader stub). Files a build for the other ABI left in the same place are removed.
///
/// Cargo's diagnostics go to this process's stderr.
pub fn build(options: &BuildOptions) -> Result<Built, Error> {
    let compiled = compile(
        &options.crate_dir,
        options.profile,
        options.target_dir.as_deref(),
        options.abi,
        options.python.as_deref(),
    )?;
    install::create_dir(&options.out_dir)?;
    // A mixed package's Python sources first, then the extension inside it.
    for file in compiled.layout.python_files(&compiled.module)? {
        let dest = options.out_dir.join(&file.path);
        install::create_dir(dest.parent().unwrap_or(&options.out_dir))?;
        install::write(&dest, &file.contents)?;
    }
    let (extension, loader) = compiled.install_into(&options.out_dir)?;
    let type_stub = (compiled.type_stub.as_ref())
        .map(|_| extension.with_file_name(format!("{}.pyi", compiled.module)));
    Ok(Built {
        module: compiled.module,
        abi: compiled.target.abi(),
        library: compiled.library,
        extension,
        loader,
        type_stub,
        root: options.out_dir.clone(),
    })
}

/// An extension crate, built.
pub(crate) struct Compiled {
    /// The crate's directory (the one with its `Cargo.toml`).
    pub crate_dir: PathBuf,
    /// What `cargo metadata` says of it.
    pub info: cargo::CrateInfo,
    /// Where its Python files go.
    pub layout: Layout,
    /// The ABI it was built for.
    pub target: Target,
    /// The shared library cargo built.
    pub library: PathBuf,
    /// The name of its `#[hpy::module]`.
    pub module: String,
    /// The text of its type stub, if the library has one.
    pub type_stub: Option<String>,
}

/// Builds the library of the crate in `dir` (or of the crate its `pyproject.toml` names, as at
/// the top of an sdist) for `abi` (else the one of its `pyproject.toml`) and checks its module
/// against its layout. `python` is the interpreter of a CPython-ABI build (see
/// [`BuildOptions::python`]).
pub(crate) fn compile(
    dir: &Path,
    profile: Profile,
    target_dir: Option<&Path>,
    abi: Option<Abi>,
    python: Option<&Path>,
) -> Result<Compiled, Error> {
    let manifest = manifest(&crate::wheel::crate_dir(dir)?)?;
    let info = cargo::check_cdylib(&manifest)?;
    let crate_dir = manifest.parent().unwrap_or(Path::new(".")).to_owned();
    let layout = crate::wheel::layout(&crate_dir)?;
    let target = match Abi::choose(abi, crate::wheel::pyproject_abi(&crate_dir)?) {
        Abi::Universal => Target::Universal,
        Abi::CPython => {
            let python = python::target_interpreter(python, std::env::var_os("VIRTUAL_ENV"))?;
            Target::CPython(python::query(&python)?.cpython_target(&python)?)
        }
    };
    let library = cargo::build_library(&manifest, profile, target_dir, &info, &target)?;
    let module = match target {
        Target::Universal => symbols::find_module(&library)?,
        Target::CPython(_) => symbols::find_cpython_module(&library)?,
    };
    layout.check_module(&module, &crate_dir.join("pyproject.toml"))?;
    let type_stub = read_type_stub(&library, &module)?;
    Ok(Compiled {
        crate_dir,
        info,
        layout,
        target,
        library,
        module,
        type_stub,
    })
}

impl Compiled {
    /// Writes the extension, its loader (universal ABI) and its typing files under `root` (in
    /// their package, if any), after removing what a build for the other ABI left there;
    /// returns the paths of the first two.
    pub(crate) fn install_into(&self, root: &Path) -> Result<(PathBuf, Option<PathBuf>), Error> {
        let dir = root.join(self.layout.package_dir());
        install::create_dir(&dir)?;
        self.target.remove_stale_files(&dir, &self.module)?;
        let extension = dir.join(self.target.extension_name(&self.module));
        install::copy(&self.library, &extension)?;
        let loader = match self.target {
            Target::Universal => {
                let loader = dir.join(format!("{}.py", self.module));
                install::write(&loader, loader_stub(&self.module))?;
                Some(loader)
            }
            Target::CPython(_) => None,
        };
        for file in (self.layout).typing_files(&self.module, self.type_stub.as_deref()) {
            install::write(&root.join(&file.path), &file.contents)?;
        }
        Ok((extension, loader))
    }
}

/// The canonical path of the crate's `Cargo.toml`.
pub(crate) fn manifest(crate_dir: &Path) -> Result<PathBuf, Error> {
    if !crate_dir.is_dir() {
        return Err(Error::CrateDirMissing(crate_dir.to_owned()));
    }
    let manifest = crate_dir.join("Cargo.toml");
    if !manifest.is_file() {
        return Err(Error::ManifestMissing(crate_dir.to_owned()));
    }
    fs::canonicalize(&manifest).map_err(|source| Error::Io {
        action: "resolve",
        path: manifest,
        source,
    })
}
