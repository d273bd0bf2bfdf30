//! Compile-fail cases, one mistake per file, grouped by topic under `ui/<topic>/`, each with
//! the compiler's expected `.stderr`; and cases under `pass/` that must compile. A case that
//! starts compiling is a hole in the rules: each says `BUG:` in its comment.
//!
//! The `.stderr` files are rustc's own output for the toolchain this repository is tested
//! with; regenerate them with `TRYBUILD=overwrite cargo test -p hpy-ui-tests` and review the
//! diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*/*.rs");
    t.pass("pass/*.rs");
}
