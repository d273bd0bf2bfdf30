//! The hpy-rs test harness: builds extension modules with `cargo-hpy` and runs their Python
//! tests with pytest, once in HPy universal mode and once in HPy debug mode (each in its own
//! process). In debug mode the pytest plugin `tests/python/hpy_rs_pytest.py` runs every test,
//! and the whole session, under `hpy.debug.LeakDetector`.
//!
//! The Python interpreter is `$HPY_RS_PYTHON`, else `<workspace>/.venv/bin/python`; without
//! either the harness fails (it never skips): run `./scripts/test.sh`, which creates `.venv`.
//! `HPY_RS_PROFILE=release` builds the modules in release mode (default: debug, so that debug
//! assertions and overflow checks of the runtime are on).
//!
//! A module crate whose Python tests import other module crates' extensions (two extensions
//! sharing a capsule) lists those crates, relative to its own folder, in its `Cargo.toml`:
//! `[package.metadata.hpy-rs-tests] imports = ["../capsules"]`; the harness builds them too
//! and puts them on the path.
#![deny(missing_docs)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use cargo_hpy::{BuildOptions, Built, Profile};

/// The HPy mode a module is loaded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `HPY=universal`: the plain CPython context.
    Universal,
    /// `HPY=debug`: the debug context, with leak detection.
    Debug,
}

impl Mode {
    /// The value of the `HPY` environment variable.
    pub fn env_value(self) -> &'static str {
        match self {
            Mode::Universal => "universal",
            Mode::Debug => "debug",
        }
    }

    /// What hpy's loader prints (with `HPY_LOG=1`) when it loads `module` in this mode.
    pub fn load_message(self, module: &str) -> String {
        match self {
            Mode::Universal => format!("Loading '{module}' in HPy universal mode\n"),
            Mode::Debug => {
                format!("Loading '{module}' in HPy universal mode with a debug context\n")
            }
        }
    }
}

pub use hpy_rs_test_python::{python, workspace_root};

/// The cargo profile the modules are built with (`HPY_RS_PROFILE`, default `debug`).
pub fn profile() -> Profile {
    match std::env::var("HPY_RS_PROFILE").as_deref() {
        Ok("release") => Profile::Release,
        Ok("debug") | Err(_) => Profile::Debug,
        Ok(other) => panic!("HPY_RS_PROFILE must be `debug` or `release`, not {other:?}"),
    }
}

mod discovery;
mod stubs;

pub use discovery::{python_tests, typed_use};
pub use stubs::check_stubs;

/// The module crates with Python tests: `examples/*`, `tests/modules/*`, `ports/*` and
/// `guide/examples/*` that have a `tests/test_*.py`, sorted. `tests/build.rs` uses the same
/// discovery to write one test per module crate and mode into `tests/modules.rs`.
pub fn module_crates() -> Vec<PathBuf> {
    discovery::module_crates(&workspace_root())
}

/// Builds a module crate once per test process (tests share the result).
pub fn build_module(crate_dir: &Path) -> Built {
    static BUILT: OnceLock<Mutex<HashMap<PathBuf, Built>>> = OnceLock::new();
    let cache = BUILT.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(built) = cache.get(crate_dir) {
        return built.clone();
    }
    let profile = profile();
    let target = workspace_root().join("target/hpy-rs-tests");
    let name = crate_dir.file_name().expect("a crate directory name");
    let options = BuildOptions {
        crate_dir: crate_dir.to_owned(),
        out_dir: target
            .join(format!("{profile:?}").to_lowercase())
            .join(name),
        profile,
        // A target directory of its own: the outer `cargo test` may hold the default one.
        target_dir: Some(target.join("cargo")),
        abi: Some(cargo_hpy::Abi::Universal),
        python: None,
    };
    let built = cargo_hpy::build(&options)
        .unwrap_or_else(|e| panic!("building {}: {e}", crate_dir.display()));
    cache.insert(crate_dir.to_owned(), built.clone());
    built
}

/// What a pytest run printed and how it ended.
pub struct PytestRun {
    /// Whether pytest exited with status 0.
    pub passed: bool,
    /// stdout and stderr, for messages.
    pub output: String,
    stdout: String,
}

impl PytestRun {
    /// Whether the loader logged loading `module` in `mode`.
    pub fn loaded_in(&self, module: &str, mode: Mode) -> bool {
        self.stdout.contains(&mode.load_message(module))
    }
}

/// Runs pytest on `tests` with the module built in `built` importable, in `mode`.
pub fn run_pytest(built: &Built, tests: &[PathBuf], mode: Mode) -> PytestRun {
    run_pytest_with(built, &[], tests, mode)
}

/// [`run_pytest`] with the modules built in `imports` importable too.
pub fn run_pytest_with(
    built: &Built,
    imports: &[Built],
    tests: &[PathBuf],
    mode: Mode,
) -> PytestRun {
    let root = workspace_root();
    let roots = std::iter::once(built)
        .chain(imports)
        .map(|b| b.root.clone());
    let python_path = std::env::join_paths(roots.chain([root.join("tests/python")]))
        .expect("paths without separators");
    let output = Command::new(python())
        .args([
            "-m",
            "pytest",
            "-p",
            "hpy_rs_pytest",
            "-p",
            "no:cacheprovider",
            "-s",
            "-q",
        ])
        .args(["-W", "error::pytest.PytestUnraisableExceptionWarning"])
        .args(tests)
        .current_dir(&root)
        .env("HPY", mode.env_value())
        .env("HPY_LOG", "1")
        .env("PYTHONPATH", python_path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap_or_else(|e| panic!("running pytest with {}: {e}", python().display()));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    PytestRun {
        passed: output.status.success(),
        output: format!("{stdout}{stderr}"),
        stdout,
    }
}

/// Builds the crate and runs its Python tests in `mode`; the error describes what failed.
pub fn check_module(crate_dir: &Path, mode: Mode) -> Result<(), String> {
    let built = build_module(crate_dir);
    let imports: Vec<Built> = imported_crates(crate_dir)
        .iter()
        .map(|dir| build_module(dir))
        .collect();
    let run = run_pytest_with(&built, &imports, &python_tests(crate_dir), mode);
    if !run.passed {
        return Err(format!(
            "{} failed in {mode:?} mode:\n{}",
            built.module, run.output
        ));
    }
    if !run.loaded_in(&built.module, mode) {
        return Err(format!(
            "{} was not loaded in {mode:?} mode (expected the loader's {:?}):\n{}",
            built.module,
            mode.load_message(&built.module),
            run.output
        ));
    }
    Ok(())
}

/// The module crates whose extensions the Python tests of `crate_dir` import besides its own:
/// `[package.metadata.hpy-rs-tests] imports` in its `Cargo.toml`, folders relative to it.
pub fn imported_crates(crate_dir: &Path) -> Vec<PathBuf> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let imports = table
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("hpy-rs-tests"))
        .and_then(|t| t.get("imports"));
    let Some(imports) = imports else {
        return Vec::new();
    };
    let folders: Option<Vec<&str>> = imports
        .as_array()
        .and_then(|list| list.iter().map(toml::Value::as_str).collect());
    let folders = folders.unwrap_or_else(|| {
        panic!(
            "{}: `imports` must be a list of folders",
            manifest.display()
        )
    });
    folders
        .into_iter()
        .map(|dir| {
            let dir = crate_dir.join(dir);
            std::fs::canonicalize(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        })
        .collect()
}
