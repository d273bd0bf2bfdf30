//! The harness's CPython-ABI mode: the module is the CPython-ABI build (`<name><EXT_SUFFIX>`),
//! the tests see `HPY_RS_ABI=cpython` and no `HPY`, the `hpy` package cannot be imported, and the
//! plugin reports which extension was loaded from where (`tests/cpython_mode`).

use hpy_rs_tests::{Abi, Mode, build_module_for, run_pytest, workspace_root};

#[test]
fn the_cpython_mode_keeps_its_promises() {
    let built = build_module_for(&workspace_root().join("examples/hello"), Abi::CPython);
    assert_eq!(built.abi, Abi::CPython);
    assert_eq!(built.loader, None);
    assert!(
        built
            .root
            .ends_with("target/hpy-rs-tests/debug-cpython/hello")
            || built
                .root
                .ends_with("target/hpy-rs-tests/release-cpython/hello"),
        "{}",
        built.root.display()
    );
    let tests = workspace_root().join("tests/cpython_mode/test_cpython_mode.py");
    let run = run_pytest(&built, &[tests], Mode::CPython);
    assert!(run.passed, "{}", run.output);
    assert!(run.loaded_in("hello", Mode::CPython), "{}", run.output);
    let loads = run.cpython_loads();
    assert_eq!(
        loads,
        [(
            "hello".to_owned(),
            std::fs::canonicalize(&built.extension).unwrap()
        )],
        "{}",
        run.output
    );
}

#[test]
fn the_universal_modes_do_not_see_the_cpython_abi() {
    let built = build_module_for(&workspace_root().join("examples/hello"), Abi::Universal);
    let tests = workspace_root().join("tests/cpython_mode/test_cpython_mode.py");
    let run = run_pytest(&built, &[tests], Mode::Universal);
    assert!(!run.passed, "{}", run.output);
    assert!(run.cpython_loads().is_empty(), "{}", run.output);
    assert!(run.loaded_in("hello", Mode::Universal), "{}", run.output);
}
