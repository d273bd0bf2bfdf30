//! Running cargo: the package's metadata, and building its library.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use cargo_metadata::camino::Utf8Path;
use cargo_metadata::{CrateType, Message, Metadata, MetadataCommand, Package, TargetKind};

use crate::Error;
use crate::abi::Target;

/// The kinds of a library target (as opposed to binaries, tests, examples, …).
const LIB_KINDS: [TargetKind; 6] = [
    TargetKind::Lib,
    TargetKind::RLib,
    TargetKind::DyLib,
    TargetKind::CDyLib,
    TargetKind::StaticLib,
    TargetKind::ProcMacro,
];

/// Which cargo profile to build with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// `--release`.
    #[default]
    Release,
    /// The dev profile (unoptimized, with debug assertions).
    Debug,
}

/// The cargo that runs this program (`$CARGO`, set by `cargo hpy` and `cargo test`), else the
/// one on `PATH`.
fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Runs `command` with the user's terminal as its stderr, capturing its stdout.
fn run(mut command: Command, name: &str) -> Result<String, Error> {
    let program = PathBuf::from(command.get_program());
    let Output { status, stdout, .. } = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|source| Error::Spawn { program, source })?;
    if !status.success() {
        return Err(Error::CommandFailed {
            command: format!("`{name}`"),
            status,
        });
    }
    String::from_utf8(stdout).map_err(|_| Error::UnexpectedOutput {
        command: format!("`{name}`"),
        detail: "it is not UTF-8".into(),
    })
}

/// Whether two paths name the same file (cargo reports absolute, not canonical, paths).
fn same_file(reported: &Utf8Path, canonical: &Path) -> bool {
    reported == canonical || fs::canonicalize(reported).is_ok_and(|path| path == canonical)
}

/// `cargo metadata` for the package of `manifest`, with its dependency graph if
/// `with_dependencies`.
fn metadata(manifest: &Path, with_dependencies: bool) -> Result<Metadata, Error> {
    let mut command = MetadataCommand::new();
    command.manifest_path(manifest);
    if !with_dependencies {
        command.no_deps();
    }
    // The cargo of `MetadataCommand` is `$CARGO`, else `cargo`, as for `cargo build` below.
    let output = run(command.cargo_command(), "cargo metadata")?;
    MetadataCommand::parse(output).map_err(|e| Error::UnexpectedOutput {
        command: "`cargo metadata`".into(),
        detail: e.to_string(),
    })
}

/// The package of `manifest` (a canonical path) in `metadata`.
fn package_of<'m>(metadata: &'m Metadata, manifest: &Path) -> Result<&'m Package, Error> {
    metadata
        .packages
        .iter()
        .find(|package| same_file(&package.manifest_path, manifest))
        .ok_or_else(|| Error::NoPackage(manifest.to_owned()))
}

/// What `cargo metadata` says of an extension crate.
#[derive(Debug, Clone)]
pub(crate) struct CrateInfo {
    /// The package's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The workspace's target directory.
    pub target_directory: PathBuf,
}

/// Checks with `cargo metadata` that the package of `manifest` (a canonical path) builds a
/// `cdylib`, and returns what a wheel needs to know of it.
pub(crate) fn check_cdylib(manifest: &Path) -> Result<CrateInfo, Error> {
    let metadata = metadata(manifest, false)?;
    let package = package_of(&metadata, manifest)?;
    cdylib_check(package, manifest)?;
    Ok(CrateInfo {
        name: package.name.to_string(),
        version: package.version.to_string(),
        target_directory: metadata.target_directory.clone().into_std_path_buf(),
    })
}

/// The workspace root of the package of `manifest` (a canonical path), and the directories of
/// that package and of every local (path) package it depends on, the package's first. Dev
/// dependencies count: cargo reads every member's manifest whole, so a workspace without them
/// would not load.
pub(crate) fn local_packages(manifest: &Path) -> Result<(PathBuf, Vec<PathBuf>), Error> {
    let metadata = metadata(manifest, true)?;
    let root = package_of(&metadata, manifest)?;
    let nodes = &metadata
        .resolve
        .as_ref()
        .ok_or_else(|| Error::UnexpectedOutput {
            command: "`cargo metadata`".into(),
            detail: "it has no dependency graph".into(),
        })?
        .nodes;
    let mut found = vec![root.id.clone()];
    let mut next = 0;
    while let Some(id) = found.get(next).cloned() {
        next += 1;
        let Some(node) = nodes.iter().find(|node| node.id == id) else {
            continue;
        };
        for dep in &node.deps {
            let local = metadata
                .packages
                .iter()
                .any(|p| p.id == dep.pkg && p.source.is_none());
            if local && !found.contains(&dep.pkg) {
                found.push(dep.pkg.clone());
            }
        }
    }
    let dirs = found
        .iter()
        .filter_map(|id| metadata.packages.iter().find(|p| &p.id == id))
        .filter_map(|p| p.manifest_path.parent().map(|d| d.as_std_path().to_owned()))
        .collect();
    Ok((metadata.workspace_root.into_std_path_buf(), dirs))
}

/// Whether the `cargo metadata` package has a library target whose crate types include
/// `cdylib`.
fn cdylib_check(package: &Package, manifest: &Path) -> Result<(), Error> {
    let library = package
        .targets
        .iter()
        .find(|target| target.kind.iter().any(|kind| LIB_KINDS.contains(kind)));
    if library.is_some_and(|target| target.crate_types.contains(&CrateType::CDyLib)) {
        return Ok(());
    }
    Err(Error::NotCdylib {
        package: package.name.to_string(),
        manifest: manifest.to_owned(),
        crate_types: library
            .map(|target| target.crate_types.iter().map(ToString::to_string).collect()),
    })
}

/// Builds the library of the package of `manifest` (a canonical path, `info` its metadata)
/// for `target` and returns the path of the shared library cargo produced.
///
/// A CPython-ABI build enables the feature `hpy/abi-cpython`, tells hpy-sys's build script the
/// interpreter (`$HPY_RS_PYTHON`), and goes to the target directory's subdirectory
/// `cpython-<major>.<minor>`: the universal and each CPython build keep their own library.
pub(crate) fn build_library(
    manifest: &Path,
    profile: Profile,
    target_dir: Option<&Path>,
    info: &CrateInfo,
    target: &Target,
) -> Result<PathBuf, Error> {
    let mut command = cargo();
    command
        .args([
            "build",
            "--lib",
            "--message-format=json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(manifest);
    if profile == Profile::Release {
        command.arg("--release");
    }
    match target {
        Target::Universal => {
            if let Some(dir) = target_dir {
                command.arg("--target-dir").arg(dir);
            }
        }
        Target::CPython(cpython) => {
            let base = target_dir.unwrap_or(&info.target_directory);
            command
                .arg("--target-dir")
                .arg(base.join(cpython.target_subdir()))
                .args(["--features", "hpy/abi-cpython"])
                .env("HPY_RS_PYTHON", &cpython.python);
        }
    }
    let messages = run(command, "cargo build")?;
    find_artifact(&messages, manifest).ok_or_else(|| Error::NoArtifact(manifest.to_owned()))
}

/// The shared library in the last `compiler-artifact` message for a `cdylib` of the package of
/// `manifest`. Lines that are not JSON (a proc macro may print to stdout) are skipped.
fn find_artifact(messages: &str, manifest: &Path) -> Option<PathBuf> {
    Message::parse_stream(messages.as_bytes())
        .filter_map(|message| match message {
            Ok(Message::CompilerArtifact(artifact)) => Some(artifact),
            _ => None,
        })
        .filter(|artifact| {
            artifact.target.is_cdylib() && same_file(&artifact.manifest_path, manifest)
        })
        .filter_map(|artifact| {
            artifact
                .filenames
                .into_iter()
                .find(|file| file.extension() == Some(env::consts::DLL_EXTENSION))
        })
        .last()
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// A package of `cargo metadata` with these targets (`[kind, crate type]`).
    fn package(targets: &[[&str; 2]]) -> Package {
        let targets: Vec<Value> = targets
            .iter()
            .map(|[kind, crate_type]| {
                json!({"name": "m", "kind": [kind], "crate_types": [crate_type],
                       "src_path": "/c/src/lib.rs"})
            })
            .collect();
        serde_json::from_value(json!({
            "name": "m", "version": "0.1.0", "id": "path+file:///c#m@0.1.0",
            "dependencies": [], "features": {}, "manifest_path": "/c/Cargo.toml",
            "targets": targets,
        }))
        .unwrap()
    }

    fn not_cdylib(targets: &[[&str; 2]]) -> String {
        cdylib_check(&package(targets), Path::new("/c/Cargo.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_cdylib_passes() {
        let package = package(&[["bin", "bin"], ["cdylib", "cdylib"], ["rlib", "rlib"]]);
        assert!(cdylib_check(&package, Path::new("/c/Cargo.toml")).is_ok());
    }

    #[test]
    fn other_libraries_fail() {
        assert_eq!(
            not_cdylib(&[["lib", "lib"]]),
            "crate `m` is not a cdylib (its library's crate-type is [\"lib\"]); \
             an hpy-rs extension needs `[lib] crate-type = [\"cdylib\"]` in /c/Cargo.toml"
        );
        assert_eq!(
            not_cdylib(&[["bin", "bin"]]),
            "crate `m` has no library target; \
             an hpy-rs extension needs `[lib] crate-type = [\"cdylib\"]` in /c/Cargo.toml"
        );
    }

    /// A `compiler-artifact` message of cargo.
    fn artifact(manifest: &str, kind: &str, filenames: &[String]) -> String {
        json!({
            "reason": "compiler-artifact",
            "package_id": "path+file:///c#m@0.1.0",
            "manifest_path": manifest,
            "target": {"name": "m", "kind": [kind], "crate_types": [kind],
                       "src_path": "/c/src/lib.rs"},
            "profile": {"opt_level": "0", "debuginfo": 2, "debug_assertions": true,
                        "overflow_checks": true, "test": false},
            "features": [],
            "filenames": filenames,
            "executable": null,
            "fresh": false,
        })
        .to_string()
    }

    #[test]
    fn finds_the_cdylib_of_the_package() {
        let ext = env::consts::DLL_EXTENSION;
        let messages = [
            artifact("/dep/Cargo.toml", "cdylib", &[format!("/t/libdep.{ext}")]),
            "printed by a proc macro".into(),
            artifact("/c/Cargo.toml", "lib", &["/t/libm.rlib".into()]),
            artifact(
                "/c/Cargo.toml",
                "cdylib",
                &[format!("/t/m.{ext}.lib"), format!("/t/libm.{ext}")],
            ),
            r#"{"reason":"build-finished","success":true}"#.into(),
        ]
        .join("\n");
        assert_eq!(
            find_artifact(&messages, Path::new("/c/Cargo.toml")),
            Some(PathBuf::from(format!("/t/libm.{ext}")))
        );
        assert_eq!(
            find_artifact(&messages, Path::new("/other/Cargo.toml")),
            None
        );
    }
}
