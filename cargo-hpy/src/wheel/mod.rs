//! `cargo hpy wheel`: an extension crate as one wheel for every CPython the universal ABI
//! serves, and the metadata and tool wheels the PEP 517 backend asks for.
//!
//! A universal-ABI module does not depend on the interpreter's ABI: the same `.hpy0.so` loads
//! on CPython 3.8 to 3.12 (the versions hpy 0.9 supports) through `hpy.universal`, so the
//! wheel is tagged `cp38.cp39.cp310.cp311.cp312-none-<platform>` — one file per platform —
//! and requires `hpy==0.9.*`. The platform tag is the manylinux one the library satisfies
//! ([`platform`]).
//!
//! A CPython-ABI module (`--abi cpython`) is for one CPython version: its wheel is tagged
//! `cp3XY-cp3XY-<platform>` for the interpreter it was built with, and does not require
//! `hpy` (the HPy runtime is linked into the module).

mod archive;
mod platform;
mod project;
mod sdist;

pub(crate) use project::{crate_dir, layout, pyproject_abi};
pub use sdist::sdist;

use std::fs;
use std::path::{Path, PathBuf};

use archive::Entry;
use project::{HPY_REQUIREMENT, Project, python_version};

use crate::abi::{Abi, Target};
use crate::{Error, Profile, build, cargo, install};

/// The Python tags of an extension wheel: the CPython versions hpy 0.9 supports.
pub const PYTHON_TAGS: &str = "cp38.cp39.cp310.cp311.cp312";

/// What to build, and where to write the wheel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WheelOptions {
    /// The directory of the extension crate.
    pub crate_dir: PathBuf,
    /// Where to write the wheel; created if missing.
    pub out_dir: PathBuf,
    /// The cargo profile.
    pub profile: Profile,
    /// Cargo's target directory, if not the default one.
    pub target_dir: Option<PathBuf>,
    /// An editable wheel (PEP 660): the module stays in a build directory that a `.pth` file
    /// puts on `sys.path`, so a rebuild there is picked up.
    pub editable: bool,
    /// The ABI; `None` means `[tool.cargo-hpy] abi` of the crate's `pyproject.toml`, else the
    /// universal ABI.
    pub abi: Option<Abi>,
    /// The interpreter a CPython-ABI wheel is for (see [`crate::BuildOptions::python`]).
    pub python: Option<PathBuf>,
}

/// What [`wheel`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wheel {
    /// The wheel.
    pub path: PathBuf,
    /// The name of the `#[hpy::module]`.
    pub module: String,
    /// For an editable wheel, the directory the module was built into (the one its `.pth`
    /// file puts on `sys.path`).
    pub editable_dir: Option<PathBuf>,
}

/// Builds the crate and writes its wheel.
pub fn wheel(options: &WheelOptions) -> Result<Wheel, Error> {
    let compiled = build::compile(
        &options.crate_dir,
        options.profile,
        options.target_dir.as_deref(),
        options.abi,
        options.python.as_deref(),
    )?;
    let (crate_dir, layout, library, module) = (
        compiled.crate_dir.as_path(),
        &compiled.layout,
        &compiled.library,
        &compiled.module,
    );
    let project = Project::read(crate_dir, &compiled.info.name, &compiled.info.version)?;
    let platform = platform::platform(library)?;
    if let Some(why) = &platform.not_manylinux {
        eprintln!(
            "cargo-hpy: warning: the wheel is tagged {} (no package index accepts it) because {why}",
            platform.tag
        );
    }
    let mut entries = Vec::new();
    let mut editable_dir = None;
    if options.editable {
        // The module is built where the `.pth` file's directory makes it importable: next to
        // the Python sources (as `pip install -e` of a Python package leaves them), or in a
        // build directory of its own (one per ABI and CPython version, `<name>-cpython-3.11`
        // for the CPython ABI: interpreters developed into at once do not share it).
        let root = match &layout.python_source {
            Some(dir) => dir.clone(),
            None => {
                let target = (options.target_dir.clone())
                    .unwrap_or_else(|| compiled.info.target_directory.clone());
                let name = match &compiled.target {
                    Target::Universal => project.file_name(),
                    Target::CPython(cpython) => {
                        format!("{}-{}", project.file_name(), cpython.target_subdir())
                    }
                };
                target.join("hpy-editable").join(name)
            }
        };
        let (extension, _) = compiled.install_into(&root)?;
        let root = fs::canonicalize(&root).map_err(|source| Error::Io {
            action: "resolve",
            path: root.clone(),
            source,
        })?;
        entries.push(Entry::file(
            format!("_{}_editable.pth", project.file_name()),
            format!("{}\n", root.display()),
        ));
        editable_dir = extension.parent().map(Path::to_owned);
    } else {
        let contents = match options.profile {
            Profile::Release => stripped(library)?,
            Profile::Debug => fs::read(library).map_err(|source| Error::Io {
                action: "read",
                path: library.clone(),
                source,
            })?,
        };
        let files = (layout.python_files(module)?.into_iter()).chain(layout.module_files(
            module,
            contents,
            compiled.type_stub.as_deref(),
            &compiled.target,
        ));
        for file in files {
            entries.push(Entry {
                path: file.path.to_string_lossy().replace('\\', "/"),
                contents: file.contents,
                executable: file.executable,
            });
        }
    }
    let tag = match &compiled.target {
        Target::Universal => format!("{PYTHON_TAGS}-none-{}", platform.tag),
        Target::CPython(cpython) => format!("{0}-{0}-{1}", cpython.tag(), platform.tag),
    };
    let requirements = requirements(compiled.target.abi());
    let path = finish(
        &project,
        crate_dir,
        &tag,
        entries,
        &options.out_dir,
        requirements,
    )?;
    Ok(Wheel {
        path,
        module: compiled.module.clone(),
        editable_dir: editable_dir.map(|d| fs::canonicalize(&d).unwrap_or(d)),
    })
}

/// The library without its debug information and local symbols, as a release wheel ships it
/// (the dynamic symbols the runtime loads it by stay): `strip --strip-unneeded`, from
/// binutils, which the C toolchain a Rust build links with comes with (`$STRIP` names another).
fn stripped(library: &Path) -> Result<Vec<u8>, Error> {
    let temp = library.with_extension(format!("stripped.{}", std::process::id()));
    let program = std::env::var_os("STRIP").unwrap_or_else(|| "strip".into());
    let status = std::process::Command::new(&program)
        .arg("--strip-unneeded")
        .arg("-o")
        .arg(&temp)
        .arg(library)
        .status()
        .map_err(|source| Error::Spawn {
            program: PathBuf::from(&program),
            source,
        })?;
    if !status.success() {
        return Err(Error::CommandFailed {
            command: format!("`{} --strip-unneeded`", PathBuf::from(&program).display()),
            status,
        });
    }
    let contents = fs::read(&temp).map_err(|source| Error::Io {
        action: "read",
        path: temp.clone(),
        source,
    });
    // Ignored: a leftover temporary file in the target directory is harmless.
    let _ = fs::remove_file(&temp);
    contents
}

/// What a wheel of an extension in `abi` requires: the HPy runtime its universal ABI is for;
/// nothing for the CPython ABI, whose module carries HPy's CPython-ABI runtime itself.
fn requirements(abi: Abi) -> &'static [&'static str] {
    match abi {
        Abi::Universal => &[HPY_REQUIREMENT],
        Abi::CPython => &[],
    }
}

/// Writes the `.dist-info` directory the PEP 517 hook `prepare_metadata_for_build_wheel`
/// asks for (`METADATA`, and `entry_points.txt` if any) into `out_dir`, without building;
/// returns its path.
pub fn metadata(crate_dir: &Path, out_dir: &Path) -> Result<PathBuf, Error> {
    let manifest = build::manifest(&project::crate_dir(crate_dir)?)?;
    let info = cargo::check_cdylib(&manifest)?;
    let crate_dir = manifest.parent().unwrap_or(Path::new("."));
    let project = Project::read(crate_dir, &info.name, &info.version)?;
    let dir = out_dir.join(project.dist_info());
    install::create_dir(&dir)?;
    let abi = Abi::choose(None, project::pyproject_abi(crate_dir)?);
    install::write(
        &dir.join("METADATA"),
        &project.metadata(crate_dir, requirements(abi))?,
    )?;
    if let Some(entry_points) = project.entry_points() {
        install::write(&dir.join("entry_points.txt"), &entry_points)?;
    }
    Ok(dir)
}

/// Writes the wheel of cargo-hpy itself (`pip wheel ./cargo-hpy`): this program, as a script,
/// and the `cargo_hpy` PEP 517 backend; returns its path.
pub fn tool_wheel(out_dir: &Path) -> Result<PathBuf, Error> {
    let program = std::env::current_exe().map_err(|source| Error::Io {
        action: "find",
        path: PathBuf::from("cargo-hpy"),
        source,
    })?;
    let platform = platform::platform(&program)?;
    let project = Project {
        name: "cargo-hpy".into(),
        version: Some(python_version(env!("CARGO_PKG_VERSION"))),
        description: Some(env!("CARGO_PKG_DESCRIPTION").into()),
        requires_python: Some(">=3.8".into()),
        license: Some(project::License::Spdx("MIT".into())),
        ..Project::default()
    };
    let contents = fs::read(&program).map_err(|source| Error::Io {
        action: "read",
        path: program.clone(),
        source,
    })?;
    let data = format!("{}-{}.data", project.file_name(), project.version());
    let entries = vec![
        Entry::file(
            "cargo_hpy/__init__.py",
            include_str!("../../python/cargo_hpy/__init__.py"),
        ),
        Entry {
            path: format!("{data}/scripts/cargo-hpy"),
            contents,
            executable: true,
        },
    ];
    let tag = format!("py3-none-{}", platform.tag);
    finish(&project, Path::new("."), &tag, entries, out_dir, &[])
}

/// Adds the `.dist-info` files (the metadata with `requirements` besides the project's own)
/// to `entries` and writes the wheel into `out_dir`.
fn finish(
    project: &Project,
    crate_dir: &Path,
    tag: &str,
    mut entries: Vec<Entry>,
    out_dir: &Path,
    requirements: &[&str],
) -> Result<PathBuf, Error> {
    let dist_info = project.dist_info();
    entries.push(Entry::file(
        format!("{dist_info}/METADATA"),
        project.metadata(crate_dir, requirements)?,
    ));
    entries.push(Entry::file(format!("{dist_info}/WHEEL"), wheel_file(tag)));
    if let Some(entry_points) = project.entry_points() {
        entries.push(Entry::file(
            format!("{dist_info}/entry_points.txt"),
            entry_points,
        ));
    }
    install::create_dir(out_dir)?;
    let name = format!("{}-{}-{tag}.whl", project.file_name(), project.version());
    archive::write(&out_dir.join(name), entries, &format!("{dist_info}/RECORD"))
}

/// The `WHEEL` file: one `Tag` line per tag of the compressed tag set `tag`.
fn wheel_file(tag: &str) -> String {
    let mut out = format!(
        "Wheel-Version: 1.0\nGenerator: cargo-hpy {}\nRoot-Is-Purelib: false\n",
        env!("CARGO_PKG_VERSION")
    );
    let mut parts = tag.splitn(3, '-');
    let (pythons, abis, platforms) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    for python in pythons.split('.') {
        for abi in abis.split('.') {
            for platform in platforms.split('.') {
                out.push_str(&format!("Tag: {python}-{abi}-{platform}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wheel_file_lists_every_tag() {
        assert_eq!(
            wheel_file("cp38.cp39-none-manylinux_2_17_x86_64"),
            format!(
                "Wheel-Version: 1.0\nGenerator: cargo-hpy {}\nRoot-Is-Purelib: false\n\
                 Tag: cp38-none-manylinux_2_17_x86_64\nTag: cp39-none-manylinux_2_17_x86_64\n",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
