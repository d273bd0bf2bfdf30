//! The type stub check of a module crate: the `<name>.pyi` that cargo-hpy wrote from the
//! module's Rust signatures must describe the module as it is at run time
//! (`python -m mypy.stubtest`, which imports it, in HPy universal mode), and be usable:
//! `mypy --strict` must accept the crate's typed user script, `tests/typed_use.py`, against it.

use std::path::Path;
use std::process::{Command, Output};

use crate::{build_module, discovery, python, workspace_root};

/// Builds the crate and checks its stub with stubtest and its typed user script with
/// `mypy --strict`; the error says what failed.
pub fn check_stubs(crate_dir: &Path) -> Result<(), String> {
    let built = build_module(crate_dir);
    let stub = built
        .type_stub
        .as_ref()
        .ok_or_else(|| format!("cargo-hpy wrote no type stub for {}", built.module))?;
    // `pkg/_native.pyi` is the module `pkg._native`.
    let relative = stub
        .strip_prefix(&built.root)
        .expect("the stub is under the build's root")
        .with_extension("");
    let dotted: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let dotted = dotted.join(".");
    let script = discovery::typed_use(crate_dir)
        .ok_or_else(|| format!("{} has no tests/typed_use.py", crate_dir.display()))?;
    let cache = workspace_root()
        .join("target/hpy-rs-tests/mypy-cache")
        .join(&built.module);
    let stubtest = mypy(&built.root, &cache)
        .args(["-m", "mypy.stubtest", &dotted])
        .output();
    expect_success(stubtest, &format!("stubtest {dotted}"))?;
    let strict = mypy(&built.root, &cache)
        .args(["-m", "mypy", "--strict"])
        .arg(&script)
        .output();
    expect_success(strict, &format!("mypy --strict {}", script.display()))
}

/// `python` with the built module importable (and its stub found) from `root`.
fn mypy(root: &Path, cache: &Path) -> Command {
    let mut command = Command::new(python());
    command
        .current_dir(root)
        .env("PYTHONPATH", root)
        .env("MYPYPATH", root)
        .env("MYPY_CACHE_DIR", cache)
        .env("HPY", "universal")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    command
}

fn expect_success(output: std::io::Result<Output>, what: &str) -> Result<(), String> {
    let output = output.map_err(|e| format!("running {what} with {}: {e}", python().display()))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}
