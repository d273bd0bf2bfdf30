//! Compile-fail cases, one mistake per file, in topic folders (`<topic>/<case>.rs` + the
//! compiler's `.stderr`), and `pass/` cases that must compile. Each compile-fail case says
//! which rule it checks; its `main` prints `BUG: ...` so that a case that starts compiling
//! (a hole in the rules) is obvious even outside this harness.
//!
//! The `.stderr` files are rustc's own output for the toolchain recorded in
//! `rustc-version.txt`; this test refuses to compare them against another one. After a
//! toolchain change, regenerate them with `TRYBUILD=overwrite cargo test -p hpy-ui-tests`,
//! review the diff, and update `rustc-version.txt`.

use std::process::Command;

/// The topics, each a folder of compile-fail cases.
const TOPICS: [&str; 12] = [
    "handle_escape",
    "context",
    "asstruct",
    "borrowed",
    "fields",
    "destroy",
    "macros",
    "types",
    "api",
    "leave_python",
    "capsules",
    "legacy",
];

#[test]
fn ui() {
    let here = env!("CARGO_MANIFEST_DIR");
    let recorded = std::fs::read_to_string(format!("{here}/rustc-version.txt")).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(rustc).arg("--version").output().unwrap();
    let current = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        current.trim(),
        recorded.trim(),
        "the .stderr files were recorded with another rustc; see ui-tests/tests/ui.rs"
    );
    let t = trybuild::TestCases::new();
    for topic in TOPICS {
        t.compile_fail(format!("{topic}/*.rs"));
    }
    t.pass("pass/*.rs");
}

#[test]
fn every_case_folder_is_a_topic() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(here).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && !["pass", "tests"].contains(&name.as_str()) {
            assert!(TOPICS.contains(&name.as_str()), "{name}/ is not in TOPICS");
        }
    }
}
