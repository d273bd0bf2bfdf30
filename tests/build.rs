//! Writes `$OUT_DIR/module_tests.rs`, which `tests/modules.rs` includes: for every module crate
//! that discovery (`src/discovery.rs`, the library's `module_crates`) finds, a module named after
//! the crate's folder with three tests, `universal` and `debug` (the universal-ABI build in HPy's
//! two modes) and `cpython` (the CPython-ABI build) (and `stubs`, on the universal-ABI build,
//! when the crate has a typed user script, `tests/typed_use.py`). So each module and mode is a
//! test of its own, selectable by name (`cargo test -p hpy-rs-tests --test modules point::debug`,
//! `hello::cpython`), and a new module crate gets its tests without editing anything.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/discovery.rs"]
mod discovery;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest_dir
        .parent()
        .expect("tests/ is one level below the workspace root");
    // A folder is scanned recursively: a module crate added, removed or given its first
    // `tests/test_*.py` reruns this script.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/discovery.rs");
    for parent in discovery::MODULE_PARENTS {
        println!("cargo::rerun-if-changed={}", root.join(parent).display());
    }

    let mut tests = String::new();
    let mut generated = Vec::new();
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    for dir in discovery::module_crates(root) {
        let relative = relative_path(&dir, root);
        let name = identifier(&dir);
        if let Some(other) = by_name.insert(name.clone(), relative.clone()) {
            // Their tests would share a name, and their builds the output folder
            // `target/hpy-rs-tests/<profile>[-cpython]/<folder>`.
            panic!("{other} and {relative} are both named `{name}`: rename one of the folders");
        }
        writeln!(
            tests,
            "mod {name} {{\n    \
                 #[test]\n    \
                 fn universal() {{\n        \
                     super::check({relative:?}, ::hpy_rs_tests::Mode::Universal);\n    \
                 }}\n\n    \
                 #[test]\n    \
                 fn debug() {{\n        \
                     super::check({relative:?}, ::hpy_rs_tests::Mode::Debug);\n    \
                 }}\n\n    \
                 #[test]\n    \
                 fn cpython() {{\n        \
                     super::check({relative:?}, ::hpy_rs_tests::Mode::CPython);\n    \
                 }}\n"
        )
        .expect("writing to a String");
        if discovery::typed_use(&dir).is_some() {
            writeln!(
                tests,
                "\n    #[test]\n    \
                 fn stubs() {{\n        \
                     super::check_stubs({relative:?});\n    \
                 }}"
            )
            .expect("writing to a String");
        }
        writeln!(tests, "}}\n").expect("writing to a String");
        generated.push(relative);
    }
    writeln!(
        tests,
        "/// The module crates the tests above were written for, relative to the workspace root.\n\
         const GENERATED: &[&str] = &{generated:?};"
    )
    .expect("writing to a String");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let path = out.join("module_tests.rs");
    std::fs::write(&path, tests).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `dir` relative to `root`, with `/` between components.
fn relative_path(dir: &Path, root: &Path) -> String {
    let relative = dir
        .strip_prefix(root)
        .expect("module crates are inside the workspace");
    let parts: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str().expect("a UTF-8 path"))
        .collect();
    parts.join("/")
}

/// The Rust module name for a crate folder: its name with every character other than ASCII
/// letters, digits and `_` replaced by `_`; `_` in front of a leading digit, and after a keyword.
fn identifier(dir: &Path) -> String {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
        "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
        "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
        "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
        "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    let folder = dir.file_name().expect("a folder name").to_string_lossy();
    let mut name: String = folder
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) || name == "_" {
        name.push('_');
    }
    name
}
