//! `cargo hpy build`: crate -> `<out>/<name>.hpy0.so` + `<out>/<name>.py` + `<out>/<name>.pyi`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::layout::Layout;
use crate::stub::{EXTENSION_SUFFIX, loader_stub};
use crate::type_stub::read_type_stub;
use crate::{Error, Profile, cargo, install, symbols};

/// What to build, and where to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// The directory of the extension crate (the one with its `Cargo.toml`).
    pub crate_dir: PathBuf,
    /// Where to write the module; created if missing.
    pub out_dir: PathBuf,
    /// The cargo profile.
    pub profile: Profile,
    /// Cargo's target directory, if not the default one.
    pub target_dir: Option<PathBuf>,
}

impl BuildOptions {
    /// A release build of the crate in `crate_dir` into `out_dir`.
    pub fn new(crate_dir: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            crate_dir: crate_dir.into(),
            out_dir: out_dir.into(),
            profile: Profile::Release,
            target_dir: None,
        }
    }
}

/// What [`build`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The name of the `#[hpy::module]`, the name Python imports.
    pub module: String,
    /// The shared library cargo built.
    pub library: PathBuf,
    /// `<out>/[<package>/]<module>.hpy0.so`, a copy of `library`.
    pub extension: PathBuf,
    /// `<out>/[<package>/]<module>.py`, the loader stub.
    pub loader: PathBuf,
    /// `<out>/[<package>/]<module>.pyi`, the type stub (none if the library has none).
    pub type_stub: Option<PathBuf>,
    /// The directory to put on `sys.path` (`<out>`; the extension may be in a package below
    /// it: see `[tool.cargo-hpy] module`).
    pub root: PathBuf,
}

/// Builds the crate's library with cargo and writes the extension and its loader stub.
///
/// Cargo's diagnostics go to this process's stderr.
pub fn build(options: &BuildOptions) -> Result<Built, Error> {
    let compiled = compile(
        &options.crate_dir,
        options.profile,
        options.target_dir.as_deref(),
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
    /// The shared library cargo built.
    pub library: PathBuf,
    /// The name of its `#[hpy::module]`.
    pub module: String,
    /// The text of its type stub, if the library has one.
    pub type_stub: Option<String>,
}

/// Builds the library of the crate in `dir` (or of the crate its `pyproject.toml` names, as at
/// the top of an sdist) and checks its module against its layout.
pub(crate) fn compile(
    dir: &Path,
    profile: Profile,
    target_dir: Option<&Path>,
) -> Result<Compiled, Error> {
    let manifest = manifest(&crate::wheel::crate_dir(dir)?)?;
    let info = cargo::check_cdylib(&manifest)?;
    let crate_dir = manifest.parent().unwrap_or(Path::new(".")).to_owned();
    let layout = crate::wheel::layout(&crate_dir)?;
    let library = cargo::build_library(&manifest, profile, target_dir)?;
    let module = symbols::find_module(&library)?;
    layout.check_module(&module, &crate_dir.join("pyproject.toml"))?;
    let type_stub = read_type_stub(&library, &module)?;
    Ok(Compiled {
        crate_dir,
        info,
        layout,
        library,
        module,
        type_stub,
    })
}

impl Compiled {
    /// Writes the extension, its loader and its typing files under `root` (in their package,
    /// if any); returns the paths of the first two.
    pub(crate) fn install_into(&self, root: &Path) -> Result<(PathBuf, PathBuf), Error> {
        let dir = root.join(self.layout.package_dir());
        install::create_dir(&dir)?;
        let extension = dir.join(format!("{}{EXTENSION_SUFFIX}", self.module));
        let loader = dir.join(format!("{}.py", self.module));
        install::copy(&self.library, &extension)?;
        install::write(&loader, loader_stub(&self.module))?;
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
