//! The README's quickstart code is `examples/quickstart/src/lib.rs`, which the workspace builds
//! and the harness tests.

use hpy_rs_tests::workspace_root;

#[test]
fn the_readme_shows_the_quickstart_example_verbatim() {
    let root = workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let code = std::fs::read_to_string(root.join("examples/quickstart/src/lib.rs")).unwrap();
    assert!(
        readme.contains(&format!("```rust\n{code}```")),
        "README.md's rust block differs from examples/quickstart/src/lib.rs"
    );
}
