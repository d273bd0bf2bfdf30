//! Every module's Python tests, in HPy universal mode and in HPy debug mode (under the leak
//! detector), each mode in its own pytest process.

use hpy_rs_tests::{Mode, check_module, module_crates};

fn check_all(mode: Mode) {
    let failures: Vec<String> = module_crates()
        .iter()
        .filter_map(|dir| check_module(dir, mode).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_module_passes_in_universal_mode() {
    check_all(Mode::Universal);
}

#[test]
fn every_module_passes_in_debug_mode_without_leaking_handles() {
    check_all(Mode::Debug);
}

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
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not among {names:?}"
        );
    }
}
