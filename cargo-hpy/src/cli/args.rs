//! The grammar of the command line, declared for clap; the doc comments are the help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::Command;
use crate::{Abi, BuildOptions, DevelopOptions, HpySource, NewOptions, Profile, WheelOptions};

/// `cargo …`: cargo runs `cargo-hpy hpy …` for `cargo hpy …`.
#[derive(Debug, Parser)]
#[command(name = "cargo", bin_name = "cargo")]
pub(super) enum Cargo {
    /// Build hpy-rs extension modules for HPy 0.9 (universal or CPython ABI)
    #[command(
        version,
        after_help = "`cargo-hpy <COMMAND> …` works too. \
                      Run `cargo hpy <COMMAND> --help` for a command's options."
    )]
    Hpy {
        #[command(subcommand)]
        command: Hpy,
    },
}

/// `cargo hpy …`.
#[derive(Debug, Subcommand)]
pub(super) enum Hpy {
    /// Create a new extension project in <dir> (its name is the module's)
    ///
    /// A crate with one function and one class, its pyproject.toml (cargo-hpy's PEP 517
    /// backend: `pip install <dir>` builds it), tests/test_<name>.py (HPy universal and debug
    /// mode), a .gitignore and a README. The crate depends on this checkout's hpy crate by
    /// path unless --hpy-path or --hpy-version says otherwise.
    #[command(verbatim_doc_comment)]
    New {
        /// The project's directory (must not exist)
        #[arg(value_name = "dir")]
        dir: PathBuf,
        #[command(flatten)]
        hpy: HpyDependency,
    },
    /// Create a new extension project in an existing directory (default: the current one)
    Init {
        /// The project's directory (none of the project's files may exist in it)
        #[arg(value_name = "dir", default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        hpy: HpyDependency,
    },
    /// Build a crate into <module>.hpy0.so and its loader <module>.py
    ///
    /// Builds the library of the cdylib crate in <crate-dir> with cargo ($CARGO, else `cargo`)
    /// and writes <dir>/<module>.hpy0.so and its loader <dir>/<module>.py, <module> being the
    /// name of the crate's #[hpy::module]. Python imports it from <dir> through hpy.universal
    /// (hpy==0.9.0); HPY=universal|debug|trace or HPY=<module>:debug selects HPy's mode.
    #[command(verbatim_doc_comment)]
    ///
    /// With --abi cpython it writes <dir>/<module><EXT_SUFFIX> instead (no loader), for the
    /// CPython of --python, which imports it directly, without the hpy package.
    Build {
        /// Where to write the module (created if missing)
        #[arg(long, value_name = "dir")]
        out: PathBuf,
        /// The interpreter to build for with --abi cpython (default: $VIRTUAL_ENV's python, else python3)
        #[arg(long, value_name = "interpreter")]
        python: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Build a crate into a wheel for every CPython hpy 0.9 supports
    ///
    /// Builds the crate like `cargo hpy build` and writes one wheel into <dir>, tagged
    /// cp38.cp39.cp310.cp311.cp312-none-<platform> (the universal ABI does not depend on the
    /// interpreter's) with the manylinux platform tag the library satisfies. Its metadata
    /// comes from the [project] table of the crate's pyproject.toml (or the crate's name and
    /// version), and it requires hpy==0.9.*. Prints the wheel's path.
    ///
    /// With --abi cpython the wheel is for the CPython of --python only, tagged
    /// cp3XY-cp3XY-<platform>, and does not require hpy.
    #[command(verbatim_doc_comment)]
    Wheel {
        /// Where to write the wheel (created if missing)
        #[arg(long, value_name = "dir")]
        out: PathBuf,
        /// The interpreter to build for with --abi cpython (default: $VIRTUAL_ENV's python, else python3)
        #[arg(long, value_name = "interpreter")]
        python: Option<PathBuf>,
        /// An editable wheel (PEP 660): the module stays in a build directory on sys.path
        #[arg(long)]
        editable: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Write the crate's .dist-info metadata (PEP 517's prepare_metadata_for_build_wheel)
    #[command(verbatim_doc_comment)]
    Metadata {
        /// Where to write the .dist-info directory (created if missing)
        #[arg(long, value_name = "dir")]
        out: PathBuf,
        /// The directory of the extension crate, the one with its Cargo.toml
        #[arg(value_name = "crate-dir")]
        crate_dir: PathBuf,
    },
    /// Write the crate's source distribution (<name>-<version>.tar.gz)
    ///
    /// The crate and the local crates it depends on (the hpy crates, until published) at
    /// their places in the workspace, the workspace's Cargo.toml reduced to them, Cargo.lock,
    /// and the crate's pyproject.toml at the top: `pip wheel <sdist>` builds it anywhere.
    /// Prints the sdist's path.
    #[command(verbatim_doc_comment)]
    Sdist {
        /// Where to write the sdist (created if missing)
        #[arg(long, value_name = "dir")]
        out: PathBuf,
        /// The directory of the extension crate, the one with its Cargo.toml
        #[arg(value_name = "crate-dir")]
        crate_dir: PathBuf,
    },
    /// Write the wheel of cargo-hpy itself (used by `pip wheel ./cargo-hpy`)
    #[command(hide = true)]
    ToolWheel {
        /// Where to write the wheel (created if missing)
        #[arg(long, value_name = "dir")]
        out: PathBuf,
    },
    /// Build a crate and install it into a Python environment
    ///
    /// Checks that the interpreter has hpy 0.9 (hpy.universal), builds the crate's editable
    /// wheel (the module in <target>/hpy-editable/<name>) and installs it with the
    /// interpreter's pip, as `pip install -e` does: pip list, show and uninstall know it, and
    /// running develop again rebuilds it in place. With --abi cpython the module is built for
    /// that interpreter's CPython ABI (in <target>/hpy-editable/<name>-cpython-3.X).
    #[command(verbatim_doc_comment)]
    Develop {
        /// The interpreter (default: the active virtualenv's, $VIRTUAL_ENV/bin/python)
        #[arg(long, value_name = "interpreter")]
        python: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
}

/// Where a new project's `hpy` dependency comes from.
#[derive(Debug, Args)]
pub(super) struct HpyDependency {
    /// Depend on the hpy crate at this path (default: this checkout's)
    #[arg(long, value_name = "path", conflicts_with = "hpy_version")]
    hpy_path: Option<PathBuf>,
    /// Depend on this version of hpy from crates.io instead
    #[arg(long, value_name = "requirement")]
    hpy_version: Option<String>,
}

impl HpyDependency {
    fn source(self) -> HpySource {
        match (self.hpy_path, self.hpy_version) {
            (Some(path), _) => HpySource::Path(path),
            (None, Some(version)) => HpySource::Version(version),
            (None, None) => HpySource::default(),
        }
    }
}

/// The arguments `build` and `develop` share.
#[derive(Debug, Args)]
pub(super) struct Common {
    /// The directory of the extension crate, the one with its Cargo.toml
    #[arg(value_name = "crate-dir")]
    crate_dir: PathBuf,
    /// Build with the dev profile instead of --release
    #[arg(long)]
    debug: bool,
    /// Cargo's target directory
    #[arg(long, value_name = "dir")]
    target_dir: Option<PathBuf>,
    /// The ABI: HPy's universal one, or CPython's for one version (default: [tool.cargo-hpy] abi of pyproject.toml, else universal)
    #[arg(long, value_name = "abi")]
    abi: Option<Abi>,
}

impl Common {
    fn profile(&self) -> Profile {
        if self.debug {
            Profile::Debug
        } else {
            Profile::Release
        }
    }
}

impl From<Cargo> for Command {
    fn from(Cargo::Hpy { command }: Cargo) -> Command {
        match command {
            Hpy::Build {
                out,
                python,
                common,
            } => Command::Build(BuildOptions {
                profile: common.profile(),
                crate_dir: common.crate_dir,
                out_dir: out,
                target_dir: common.target_dir,
                abi: common.abi,
                python,
            }),
            Hpy::Wheel {
                out,
                python,
                editable,
                common,
            } => Command::Wheel(WheelOptions {
                profile: common.profile(),
                crate_dir: common.crate_dir,
                out_dir: out,
                target_dir: common.target_dir,
                editable,
                abi: common.abi,
                python,
            }),
            Hpy::Metadata { out, crate_dir } => Command::Metadata { crate_dir, out },
            Hpy::ToolWheel { out } => Command::ToolWheel { out },
            Hpy::Sdist { out, crate_dir } => Command::Sdist { crate_dir, out },
            Hpy::New { dir, hpy } => Command::New(NewOptions {
                dir,
                init: false,
                hpy: hpy.source(),
            }),
            Hpy::Init { dir, hpy } => Command::New(NewOptions {
                dir,
                init: true,
                hpy: hpy.source(),
            }),
            Hpy::Develop { python, common } => Command::Develop(DevelopOptions {
                profile: common.profile(),
                crate_dir: common.crate_dir,
                python,
                target_dir: common.target_dir,
                abi: common.abi,
            }),
        }
    }
}
