//! The harness's leak detection must fail a run that leaks: `tests/fixtures/leaky` leaks a
//! handle inside a test and, in another file, at import time.

use hpy_rs_tests::{Mode, build_module, run_pytest, workspace_root};

fn leaky_test(file: &str) -> std::path::PathBuf {
    workspace_root()
        .join("tests/fixtures/leaky/tests")
        .join(file)
}

#[test]
fn a_leak_inside_a_test_fails_that_test_in_debug_mode() {
    let built = build_module(&workspace_root().join("tests/fixtures/leaky"));
    let run = run_pytest(&built, &[leaky_test("test_leak_in_test.py")], Mode::Debug);
    assert!(
        !run.passed,
        "BUG: a leaking test passed in debug mode:\n{}",
        run.output
    );
    assert!(run.loaded_in("leaky", Mode::Debug), "{}", run.output);
    assert!(
        run.output.contains("HPyLeakError: 1 unclosed handle"),
        "{}",
        run.output
    );
    // Both tests pass; the leaking one then errors in the leak check of its teardown.
    assert!(run.output.contains("2 passed, 1 error"), "{}", run.output);
}

#[test]
fn a_leak_outside_any_test_fails_the_session_in_debug_mode() {
    let built = build_module(&workspace_root().join("tests/fixtures/leaky"));
    let run = run_pytest(&built, &[leaky_test("test_leak_at_import.py")], Mode::Debug);
    assert!(
        !run.passed,
        "BUG: a leak at import time went unnoticed:\n{}",
        run.output
    );
    assert!(
        run.output
            .contains("handles still open at the end of the session"),
        "{}",
        run.output
    );
    assert!(run.output.contains("1 unclosed handle"), "{}", run.output);
}

#[test]
fn universal_mode_cannot_see_leaks() {
    // The reason every test also runs in debug mode.
    let built = build_module(&workspace_root().join("tests/fixtures/leaky"));
    let run = run_pytest(
        &built,
        &[leaky_test("test_leak_in_test.py")],
        Mode::Universal,
    );
    assert!(run.passed, "{}", run.output);
}
