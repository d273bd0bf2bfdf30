//! Which crates have Python tests. Shared, through `#[path]`, by the library
//! (`hpy_rs_tests::module_crates`) and by the build script, which writes one test per module
//! crate and mode for `tests/modules.rs`: discovery stays in one place.

use std::path::{Path, PathBuf};

/// The folders, relative to the workspace root, whose subfolders are module crates.
pub const MODULE_PARENTS: [&str; 4] = ["examples", "tests/modules", "ports", "guide/examples"];

/// The module crates with Python tests: the subfolders of [`MODULE_PARENTS`] that have a
/// `Cargo.toml` and a `tests/test_*.py`, sorted.
pub fn module_crates(root: &Path) -> Vec<PathBuf> {
    let mut crates = Vec::new();
    for parent in MODULE_PARENTS.map(|parent| root.join(parent)) {
        let entries =
            std::fs::read_dir(&parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        for entry in entries {
            let dir = entry.expect("a directory entry").path();
            if dir.join("Cargo.toml").exists() && !python_tests(&dir).is_empty() {
                crates.push(dir);
            }
        }
    }
    crates.sort();
    crates
}

/// The `tests/test_*.py` files of a module crate, sorted.
pub fn python_tests(crate_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(crate_dir.join("tests")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("test_") && name.ends_with(".py")
        })
        .collect();
    files.sort();
    files
}

/// A module crate's typed user script, if it has one (`tests/typed_use.py`): code using the
/// module as its users would, which `mypy --strict` must accept against the module's stub.
pub fn typed_use(crate_dir: &Path) -> Option<PathBuf> {
    Some(crate_dir.join("tests/typed_use.py")).filter(|p| p.is_file())
}
