//! The hpy-rs test harness: builds extension modules with `cargo-hpy` and runs their Python
//! tests with pytest in three modes, each in its own process: HPy universal mode and HPy debug
//! mode (the universal-ABI build, `<name>.hpy0.so` loaded through `hpy.universal`), and the
//! CPython ABI (the same crate built with `--abi cpython` for the harness's interpreter,
//! `<name><EXT_SUFFIX>` imported by CPython directly). In debug mode the pytest plugin
//! `tests/python/hpy_rs_pytest.py` runs every test, and the whole session, under
//! `hpy.debug.LeakDetector`.
//!
//! What a module's Python tests can rely on in each mode:
//!
//! | mode | env | out dir (`PYTHONPATH`) | plugin |
//! | --- | --- | --- | --- |
//! | universal | `HPY=universal`, `HPY_LOG=1` | `target/hpy-rs-tests/<profile>/<folder>` | — |
//! | debug | `HPY=debug`, `HPY_LOG=1` | the same | leak detection |
//! | cpython | `HPY_RS_ABI=cpython`, no `HPY`, no `HPY_LOG` | `target/hpy-rs-tests/<profile>-cpython/<folder>` | `sys.modules["hpy"] = None`; prints `hpy-rs: loaded '<module>' from <file>` at the end |
//!
//! So a test tells the CPython ABI by `os.environ.get("HPY_RS_ABI") == "cpython"`.
//!
//! The Python interpreter is `$HPY_RS_PYTHON`, else `<workspace>/.venv/bin/python`; without
//! either the harness fails (it never skips): run `./scripts/test.sh`, which creates `.venv`.
//! `HPY_RS_PROFILE=release` builds the modules in release mode (default: debug, so that debug
//! assertions and overflow checks of the runtime are on).
//!
//! A module crate whose Python tests import other module crates' extensions (two extensions
//! sharing a capsule) lists those crates, relative to its own folder, in its `Cargo.toml`:
//! `[package.metadata.hpy-rs-tests] imports = ["../capsules"]`; the harness builds them too
//! and puts them on the path (built in the same ABI).
#![deny(missing_docs)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

pub use cargo_hpy::Abi;
use cargo_hpy::{BuildOptions, Built, Profile};

/// The mode a module is built and loaded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `HPY=universal`: the universal-ABI build, the plain CPython context.
    Universal,
    /// `HPY=debug`: the universal-ABI build, the debug context, with leak detection.
    Debug,
    /// `HPY_RS_ABI=cpython`: the CPython-ABI build, without the `hpy` package.
    CPython,
}

impl Mode {
    /// The value of the `HPY` environment variable; none in the CPython ABI.
    pub fn hpy_env(self) -> Option<&'static str> {
        match self {
            Mode::Universal => Some("universal"),
            Mode::Debug => Some("debug"),
            Mode::CPython => None,
        }
    }

    /// The ABI the module is built for in this mode.
    pub fn abi(self) -> Abi {
        match self {
            Mode::Universal | Mode::Debug => Abi::Universal,
            Mode::CPython => Abi::CPython,
        }
    }

    /// What hpy's loader prints (with `HPY_LOG=1`) when it loads `module` in this mode; in the
    /// CPython ABI, the start of the line the plugin prints at the end of the session for each
    /// extension module it finds imported (`hpy-rs: loaded '<module>' from <file>`).
    pub fn load_message(self, module: &str) -> String {
        match self {
            Mode::Universal => format!("Loading '{module}' in HPy universal mode\n"),
            Mode::Debug => {
                format!("Loading '{module}' in HPy universal mode with a debug context\n")
            }
            Mode::CPython => format!("{CPYTHON_LOAD_PREFIX}{module}' from "),
        }
    }
}

/// The start of the plugin's `hpy-rs: loaded '<module>' from <file>` lines.
const CPYTHON_LOAD_PREFIX: &str = "hpy-rs: loaded '";

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

/// Builds a module crate for the universal ABI once per test process (tests share the
/// result).
pub fn build_module(crate_dir: &Path) -> Built {
    build_module_for(crate_dir, Abi::Universal)
}

/// Builds a module crate for `abi` once per test process (tests share the result), into
/// `target/hpy-rs-tests/<profile>/<folder>` (universal ABI) or
/// `target/hpy-rs-tests/<profile>-cpython/<folder>` (the CPython ABI of [`python()`]).
pub fn build_module_for(crate_dir: &Path, abi: Abi) -> Built {
    static BUILT: OnceLock<Mutex<HashMap<(PathBuf, Abi), Built>>> = OnceLock::new();
    let cache = BUILT.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = (crate_dir.to_owned(), abi);
    if let Some(built) = cache.get(&key) {
        return built.clone();
    }
    let profile = profile();
    let target = workspace_root().join("target/hpy-rs-tests");
    let name = crate_dir.file_name().expect("a crate directory name");
    let mut out = format!("{profile:?}").to_lowercase();
    if abi == Abi::CPython {
        out.push_str("-cpython");
    }
    let options = BuildOptions {
        crate_dir: crate_dir.to_owned(),
        out_dir: target.join(out).join(name),
        profile,
        // A target directory of its own: the outer `cargo test` may hold the default one.
        // cargo-hpy builds the CPython ABI in its subdirectory `cpython-<version>`.
        target_dir: Some(target.join("cargo")),
        abi: Some(abi),
        python: Some(python()),
    };
    let built = cargo_hpy::build(&options)
        .unwrap_or_else(|e| panic!("building {} ({abi} ABI): {e}", crate_dir.display()));
    cache.insert(key, built.clone());
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
    /// Whether the loader logged loading `module` in `mode` (in the CPython ABI: whether the
    /// plugin found `module`, or a module of a package whose last part is `module`, imported).
    pub fn loaded_in(&self, module: &str, mode: Mode) -> bool {
        match mode {
            Mode::Universal | Mode::Debug => self.stdout.contains(&mode.load_message(module)),
            Mode::CPython => self
                .cpython_loads()
                .iter()
                .any(|(dotted, _)| dotted == module || dotted.rsplit('.').next() == Some(module)),
        }
    }

    /// The extension modules the plugin found imported in the CPython ABI: the dotted name
    /// and the file of each `hpy-rs: loaded '<module>' from <file>` line.
    pub fn cpython_loads(&self) -> Vec<(String, PathBuf)> {
        self.stdout
            .lines()
            .filter_map(|line| line.strip_prefix(CPYTHON_LOAD_PREFIX))
            .filter_map(|rest| rest.split_once("' from "))
            .map(|(module, file)| (module.to_owned(), PathBuf::from(file)))
            .collect()
    }
}

/// Runs pytest on `tests` with the module built in `built` importable, in `mode` (`built` must
/// have been built for `mode.abi()`).
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
    let mut command = Command::new(python());
    match mode.hpy_env() {
        Some(hpy) => command
            .env("HPY", hpy)
            .env("HPY_LOG", "1")
            .env_remove("HPY_RS_ABI"),
        None => command
            .env("HPY_RS_ABI", mode.abi().name())
            .env_remove("HPY")
            .env_remove("HPY_LOG"),
    };
    let output = command
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
///
/// In HPy universal and debug mode the loader must have logged loading the module in that
/// mode; in the CPython ABI the plugin must have found it imported from the extension
/// cargo-hpy wrote, `<out>/[<package>/]<module><EXT_SUFFIX>`.
pub fn check_module(crate_dir: &Path, mode: Mode) -> Result<(), String> {
    let built = build_module_for(crate_dir, mode.abi());
    let imports: Vec<Built> = imported_crates(crate_dir)
        .iter()
        .map(|dir| build_module_for(dir, mode.abi()))
        .collect();
    let run = run_pytest_with(&built, &imports, &python_tests(crate_dir), mode);
    if !run.passed {
        return Err(format!(
            "{} failed in {mode:?} mode:\n{}",
            built.module, run.output
        ));
    }
    if mode == Mode::CPython {
        let expected = canonical(&built.extension);
        let loads = run.cpython_loads();
        if !loads.iter().any(|(_, file)| canonical(file) == expected) {
            return Err(format!(
                "{} was not imported from {} in the CPython ABI (the plugin found {loads:?}):\n{}",
                built.module,
                built.extension.display(),
                run.output
            ));
        }
        return Ok(());
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

/// `path` with symbolic links resolved, if it exists.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
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
