//! `cargo hpy develop`: build, then install into a Python environment's site-packages.

use std::env;
use std::path::PathBuf;

use crate::{BuildOptions, Built, Error, Profile, build, python};

/// What to build, and which interpreter to install it for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevelopOptions {
    /// The directory of the extension crate.
    pub crate_dir: PathBuf,
    /// The cargo profile.
    pub profile: Profile,
    /// The interpreter; `None` means the active virtualenv's (`$VIRTUAL_ENV`).
    pub python: Option<PathBuf>,
    /// Cargo's target directory, if not the default one.
    pub target_dir: Option<PathBuf>,
}

/// What [`develop`] installed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Developed {
    /// The interpreter it was installed for.
    pub python: PathBuf,
    /// That interpreter's HPy version.
    pub hpy_version: String,
    /// The files written into its site-packages.
    pub built: Built,
}

/// Checks that the interpreter has HPy 0.9, then [`build`]s into its site-packages
/// (`sysconfig.get_paths()["purelib"]`).
pub fn develop(options: &DevelopOptions) -> Result<Developed, Error> {
    let python = python::interpreter(options.python.as_deref(), env::var_os("VIRTUAL_ENV"))?;
    let interpreter = python::query(&python)?;
    let hpy_version = interpreter.require_hpy_0_9(&python)?.to_owned();
    let built = build(&BuildOptions {
        crate_dir: options.crate_dir.clone(),
        out_dir: interpreter.purelib,
        profile: options.profile,
        target_dir: options.target_dir.clone(),
    })?;
    Ok(Developed {
        python,
        hpy_version,
        built,
    })
}
