//! `cargo hpy develop`: build an editable wheel and install it with the interpreter's pip, as
//! `pip install -e` does: `pip list`, `pip show` and `pip uninstall` know the module, and a
//! rebuild (`cargo hpy develop` again) is picked up.

use std::env;
use std::path::PathBuf;
use std::process::Command;

use crate::{Abi, Error, Profile, Wheel, WheelOptions, python, wheel};

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
    /// The ABI; `None` means `[tool.cargo-hpy] abi` of the crate's `pyproject.toml`, else the
    /// universal ABI. A CPython-ABI module is built for the interpreter it is installed into.
    pub abi: Option<Abi>,
}

/// What [`develop`] installed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Developed {
    /// The interpreter it was installed for.
    pub python: PathBuf,
    /// That interpreter's HPy version.
    pub hpy_version: String,
    /// The editable wheel pip installed (its module lives in `wheel.editable_dir`).
    pub wheel: Wheel,
}

/// Checks that the interpreter has HPy 0.9, builds the crate's editable wheel (the module in
/// `<target>/hpy-editable/<name>`, or `<name>-cpython-3.X` for the CPython ABI, behind a
/// `.pth` file) and installs it with `<python> -m pip install --no-deps --force-reinstall`.
pub fn develop(options: &DevelopOptions) -> Result<Developed, Error> {
    let python = python::interpreter(options.python.as_deref(), env::var_os("VIRTUAL_ENV"))?;
    let interpreter = python::query(&python)?;
    let hpy_version = interpreter.require_hpy_0_9(&python)?.to_owned();
    let out_dir = env::temp_dir().join(format!("cargo-hpy-develop-{}", std::process::id()));
    let built = wheel(&WheelOptions {
        crate_dir: options.crate_dir.clone(),
        out_dir: out_dir.clone(),
        profile: options.profile,
        target_dir: options.target_dir.clone(),
        editable: true,
        abi: options.abi,
        python: Some(python.clone()),
    });
    let installed = built.and_then(|wheel| {
        let status = Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--force-reinstall",
            ])
            .arg(&wheel.path)
            .status()
            .map_err(|source| Error::Spawn {
                program: python.clone(),
                source,
            })?;
        if !status.success() {
            return Err(Error::CommandFailed {
                command: format!("`{} -m pip install`", python.display()),
                status,
            });
        }
        Ok(wheel)
    });
    // Ignored: a leftover wheel in the temporary directory is harmless.
    let _ = std::fs::remove_dir_all(&out_dir);
    Ok(Developed {
        python,
        hpy_version,
        wheel: installed?,
    })
}
