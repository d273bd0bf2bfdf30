//! Running cargo: the package's metadata, and building its library.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::Error;
use crate::json::{self, Value};

/// The kinds of a library target (as opposed to binaries, tests, examples, …).
const LIB_KINDS: [&str; 6] = ["lib", "rlib", "dylib", "cdylib", "staticlib", "proc-macro"];

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
fn same_file(reported: &str, canonical: &Path) -> bool {
    Path::new(reported) == canonical
        || fs::canonicalize(reported).is_ok_and(|path| path == canonical)
}

/// Checks with `cargo metadata` that the package of `manifest` (a canonical path) builds a
/// `cdylib`.
pub(crate) fn check_cdylib(manifest: &Path) -> Result<(), Error> {
    let mut command = cargo();
    command
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(manifest);
    let output = run(command, "cargo metadata")?;
    let metadata = json::parse(&output).map_err(|e| Error::UnexpectedOutput {
        command: "`cargo metadata`".into(),
        detail: e.to_string(),
    })?;
    let packages = metadata.get("packages").and_then(Value::as_array);
    let package = packages
        .unwrap_or_default()
        .iter()
        .find(|p| {
            p.get("manifest_path")
                .and_then(Value::as_str)
                .is_some_and(|path| same_file(path, manifest))
        })
        .ok_or_else(|| Error::NoPackage(manifest.to_owned()))?;
    cdylib_check(package, manifest)
}

/// Whether the `cargo metadata` package has a library target whose crate types include
/// `cdylib`.
fn cdylib_check(package: &Value, manifest: &Path) -> Result<(), Error> {
    let library = package
        .get("targets")
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .find(|target| {
            target
                .get("kind")
                .is_some_and(|kinds| kinds.strings().any(|k| LIB_KINDS.contains(&k)))
        });
    let crate_types: Option<Vec<String>> = library.map(|target| {
        target
            .get("crate_types")
            .map(|types| types.strings().map(str::to_owned).collect())
            .unwrap_or_default()
    });
    if crate_types
        .as_ref()
        .is_some_and(|types| types.iter().any(|t| t == "cdylib"))
    {
        return Ok(());
    }
    Err(Error::NotCdylib {
        package: package
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned(),
        manifest: manifest.to_owned(),
        crate_types,
    })
}

/// Builds the library of the package of `manifest` (a canonical path) and returns the path
/// of the shared library cargo produced.
pub(crate) fn build_library(
    manifest: &Path,
    profile: Profile,
    target_dir: Option<&Path>,
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
    if let Some(dir) = target_dir {
        command.arg("--target-dir").arg(dir);
    }
    let messages = run(command, "cargo build")?;
    find_artifact(&messages, manifest).ok_or_else(|| Error::NoArtifact(manifest.to_owned()))
}

/// The shared library in the last `compiler-artifact` message for a `cdylib` of the package of
/// `manifest`. Lines that are not JSON (a proc macro may print to stdout) are skipped.
fn find_artifact(messages: &str, manifest: &Path) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| json::parse(line).ok())
        .filter(|message| {
            message.get("reason").and_then(Value::as_str) == Some("compiler-artifact")
                && message
                    .get("target")
                    .and_then(|t| t.get("kind"))
                    .is_some_and(|kinds| kinds.strings().any(|k| k == "cdylib"))
                && message
                    .get("manifest_path")
                    .and_then(Value::as_str)
                    .is_some_and(|path| same_file(path, manifest))
        })
        .filter_map(|message| {
            message
                .get("filenames")?
                .strings()
                .map(PathBuf::from)
                .find(|file| {
                    file.extension()
                        .is_some_and(|e| e == env::consts::DLL_EXTENSION)
                })
        })
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_cdylib(package: &str) -> String {
        let package = json::parse(package).unwrap();
        cdylib_check(&package, Path::new("/c/Cargo.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_cdylib_passes() {
        let package = json::parse(
            r#"{"name": "m", "targets": [
                {"kind": ["bin"], "crate_types": ["bin"]},
                {"kind": ["cdylib", "rlib"], "crate_types": ["cdylib", "rlib"]}]}"#,
        )
        .unwrap();
        assert!(cdylib_check(&package, Path::new("/c/Cargo.toml")).is_ok());
    }

    #[test]
    fn other_libraries_fail() {
        assert_eq!(
            not_cdylib(r#"{"name": "m", "targets": [{"kind": ["lib"], "crate_types": ["lib"]}]}"#),
            "crate `m` is not a cdylib (its library's crate-type is [\"lib\"]); \
             an hpy-rs extension needs `[lib] crate-type = [\"cdylib\"]` in /c/Cargo.toml"
        );
        assert_eq!(
            not_cdylib(r#"{"name": "m", "targets": [{"kind": ["bin"], "crate_types": ["bin"]}]}"#),
            "crate `m` has no library target; \
             an hpy-rs extension needs `[lib] crate-type = [\"cdylib\"]` in /c/Cargo.toml"
        );
    }

    #[test]
    fn finds_the_cdylib_of_the_package() {
        let ext = env::consts::DLL_EXTENSION;
        let messages = format!(
            r#"{{"reason":"compiler-artifact","manifest_path":"/dep/Cargo.toml","target":{{"kind":["cdylib"]}},"filenames":["/t/libdep.{ext}"]}}
printed by a proc macro
{{"reason":"compiler-artifact","manifest_path":"/c/Cargo.toml","target":{{"kind":["lib"]}},"filenames":["/t/libm.rlib"]}}
{{"reason":"compiler-artifact","manifest_path":"/c/Cargo.toml","target":{{"kind":["cdylib"]}},"filenames":["/t/m.{ext}.lib","/t/libm.{ext}"]}}
{{"reason":"build-finished","success":true}}"#
        );
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
