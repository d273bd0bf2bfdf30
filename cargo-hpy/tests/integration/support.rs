//! Shared helpers: temporary directories, running `cargo-hpy` and Python.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub use hpy_rs_test_python::{python as test_python, workspace_root as workspace};

/// `examples/hello`.
pub fn hello_crate() -> PathBuf {
    workspace().join("examples/hello")
}

/// The target directory for builds of `examples/hello`, next to the one `cargo test` uses
/// (whose lock it holds) and shared by the tests.
pub fn hello_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp")
        .join("cargo-hpy-tests")
}

/// A debug build of `examples/hello` into `out`, in the shared target directory.
pub fn hello_debug_build(out: &Path) -> cargo_hpy::BuildOptions {
    cargo_hpy::BuildOptions {
        profile: cargo_hpy::Profile::Debug,
        target_dir: Some(hello_target_dir()),
        ..cargo_hpy::BuildOptions::new(hello_crate(), out)
    }
}

/// A directory under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("cargo-hpy-test-{label}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(fs::canonicalize(dir).unwrap())
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// How a process ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// The `cargo-hpy` binary, outside any virtualenv.
pub fn cargo_hpy<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-hpy"));
    command.args(args).env_remove("VIRTUAL_ENV");
    command
}

/// Runs `command` to completion.
pub fn run(command: &mut Command) -> Run {
    command.output().expect("the command starts").into()
}

/// Runs `command` and expects it to fail with exit code 1 and exactly `error:
/// <message>` on stderr (after whatever cargo printed).
pub fn expect_error(command: &mut Command, message: &str) {
    let run = run(command);
    assert_eq!(run.code, Some(1), "{run:?}");
    let last = run.stderr.lines().last().unwrap_or_default();
    assert_eq!(last, format!("error: {message}"), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
}

/// Writes a crate named `name`, outside the workspace (its own `[workspace]`), with the
/// given `[lib]` table and `src/lib.rs`.
pub fn write_crate(dir: &Path, name: &str, lib_table: &str, lib_rs: &str) {
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
             publish = false\n\n{lib_table}\n\n[workspace]\n"
        ),
    )
    .unwrap();
    fs::write(dir.join("src/lib.rs"), lib_rs).unwrap();
}

/// Creates a virtualenv without pip from the test interpreter; returns its interpreter and
/// site-packages.
pub fn make_venv(dir: &Path) -> (PathBuf, PathBuf) {
    let created = run(Command::new(test_python())
        .args(["-m", "venv", "--without-pip"])
        .arg(dir));
    assert_eq!(created.code, Some(0), "{created:?}");
    let python = dir.join("bin/python");
    let purelib = purelib(&python);
    assert!(purelib.starts_with(dir), "{}", purelib.display());
    (python, purelib)
}

/// A virtualenv (see [`make_venv`]) in `dir` that also sees the test interpreter's packages
/// (hpy 0.9.0 and pip: no network needed) through a `.pth` file; returns its interpreter and
/// site-packages.
pub fn make_venv_with_test_packages(dir: &Path) -> (PathBuf, PathBuf) {
    let (python, site_packages) = make_venv(dir);
    let test_site = purelib(&test_python());
    fs::write(
        site_packages.join("hpy_rs_test.pth"),
        format!("{}\n", test_site.display()),
    )
    .unwrap();
    (python, site_packages)
}

/// `sysconfig.get_paths()["purelib"]` of `python`.
pub fn purelib(python: &Path) -> PathBuf {
    let query = run(Command::new(python).args([
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
    ]));
    assert_eq!(query.code, Some(0), "{query:?}");
    PathBuf::from(query.stdout.trim_end())
}

/// Runs `python -c code` in `cwd` with `env` added and hpy's own variables removed.
pub fn python(python: &Path, cwd: &Path, env: &[(&str, &str)], code: &str) -> Run {
    let mut command = Command::new(python);
    command
        .args(["-c", code])
        .current_dir(cwd)
        .env_remove("HPY")
        .env_remove("HPY_LOG")
        .env_remove("PYTHONPATH");
    for (key, value) in env {
        command.env(key, value);
    }
    run(&mut command)
}
