//! Every module crate's Python tests, one test per module and mode, each mode in its own pytest
//! process: `<module>::universal` in HPy universal mode, `<module>::debug` in HPy debug mode
//! under the leak detector (both on the universal-ABI build), `<module>::cpython` on the
//! CPython-ABI build, without the `hpy` package (`HPY_RS_ABI=cpython`). The module crates are those `hpy_rs_tests::module_crates` discovers
//! (`examples/*`, `tests/modules/*`, `ports/*` and `guide/examples/*` with a `tests/test_*.py`);
//! `<module>` is the crate's folder name. `tests/build.rs` writes the tests, so a new module
//! crate gets them without an edit here. Running some of them (cargo's usual test-name filter):
//!
//! ```text
//! cargo test -p hpy-rs-tests --test modules point::debug     # one module in one mode
//! cargo test -p hpy-rs-tests --test modules hello::cpython   # one module, CPython ABI
//! cargo test -p hpy-rs-tests --test modules point::          # one module in every mode
//! cargo test -p hpy-rs-tests --test modules ::universal      # every module in one mode
//! cargo test -p hpy-rs-tests --test modules -- --list        # the names
//! ```
//!
//! Tests run in parallel threads; each module crate is built once per process and ABI (universal
//! and debug mode share the universal build, see `build_module_for`), into its own output folder.

use hpy_rs_tests::{Mode, check_module, module_crates, typed_use, workspace_root};

/// Builds the module crate in `relative` (to the workspace root) and runs its Python tests in
/// `mode`; called by the generated tests.
fn check(relative: &str, mode: Mode) {
    if let Err(failure) = check_module(&workspace_root().join(relative), mode) {
        panic!("{failure}");
    }
}

/// Builds the module crate in `relative` and checks its type stub (stubtest, and `mypy --strict`
/// on its typed user script); called by the generated tests.
fn check_stubs(relative: &str) {
    if let Err(failure) = hpy_rs_tests::check_stubs(&workspace_root().join(relative)) {
        panic!("{failure}");
    }
}

// `mod <module> { fn universal(); fn debug(); fn cpython(); fn stubs(); }` for each module crate (`stubs` if
// it has a typed user script), and `GENERATED`.
include!(concat!(env!("OUT_DIR"), "/module_tests.rs"));

#[test]
fn the_known_modules_are_discovered() {
    let names: Vec<String> = module_crates()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "hello",
        "picoarray",
        "point",
        "protocols",
        "quickstart",
        "roundtrip",
        "ujson",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not among {names:?}"
        );
    }
}

#[test]
fn every_example_and_port_checks_its_stub() {
    let root = workspace_root();
    let unchecked: Vec<_> = module_crates()
        .into_iter()
        .filter(|d| d.starts_with(root.join("examples")) || d.starts_with(root.join("ports")))
        .filter(|d| typed_use(d).is_none())
        .collect();
    assert!(
        unchecked.is_empty(),
        "without tests/typed_use.py (their stubs go unchecked): {unchecked:?}"
    );
}

#[test]
fn every_discovered_module_has_its_tests() {
    let root = workspace_root();
    let discovered: Vec<String> = module_crates()
        .iter()
        .map(|d| {
            d.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        discovered, GENERATED,
        "the tests that tests/build.rs wrote are not those of the module crates found now: \
         `touch tests/build.rs` reruns it"
    );
}
