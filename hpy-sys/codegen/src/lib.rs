//! The generator of `hpy-sys`.
//!
//! It reads the ABI table [`ABI_TABLE_PATH`] (a restricted C transcription of the
//! HPy 0.9.0 headers) and writes the Rust bindings under `hpy-sys/src/generated/`,
//! the layout test's C program and expected values under `hpy-sys/tests/layout/`,
//! the list of context handles for the `hpy` crate (`hpy/src/generated/builtins.rs`),
//! and the `HPyFunc_*` signatures CPython reaches through a trampoline: for `hpy`, their
//! function-pointer types, erasers, trampoline bodies and `Def` constructors typed by each
//! signature's slots (`hpy/src/generated/hpyfunc.rs`), and for `hpy-macros`, the same
//! signatures and each slot's signature as data (`hpy-macros/src/generated/hpyfunc.rs`).
//!
//! It also writes [`COVERAGE_PATH`], the table of the context's functions and the safe API
//! that reaches each ([`coverage`]), from the ABI table, the hand-written
//! [`COVERAGE_ANNOTATIONS_PATH`] and the calls found in [`SAFE_API_SRC`].
//!
//! Run [`REGENERATE_COMMAND`] after changing the table; `-- --check` only reports
//! the files that differ. The `hpy-sys` test `regenerate` fails when a committed
//! file is not what [`generate`] produces, and this crate's test `api_coverage` when
//! the coverage table is not what [`coverage`] produces (or its inputs disagree).

mod ast;
mod coverage;
mod emit;
mod lexer;
mod model;
mod parser;
mod rust_types;
mod wrap;

/// The table, relative to the workspace root.
pub const ABI_TABLE_PATH: &str = "hpy-sys/abi/hpy-0.9.0-universal.abi";

/// The CPython ABI's API table (the C function behind each function member of the
/// context), relative to the workspace root.
pub const CPYTHON_API_PATH: &str = "hpy-sys/abi/hpy-0.9.0-cpython-api.tsv";

/// The annotation file of the coverage table, relative to the workspace root.
pub const COVERAGE_ANNOTATIONS_PATH: &str = "docs/api-coverage.txt";

/// The coverage table, relative to the workspace root.
pub const COVERAGE_PATH: &str = "docs/api-coverage.md";

/// The sources of the safe API whose calls the coverage table lists.
pub const SAFE_API_SRC: &str = "hpy/src";

pub use coverage::coverage;

/// The command that regenerates every file from the table.
pub const REGENERATE_COMMAND: &str = "cargo run -p hpy-sys-codegen";

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the workspace root, with `/` separators.
    pub path: &'static str,
    /// The exact bytes to write.
    pub contents: String,
}

/// Parses and checks the table `abi_source` and the CPython ABI's API table
/// `cpython_api` ([`CPYTHON_API_PATH`]), then renders every generated file.
///
/// Errors name the table line (`line 12: expected ...`).
pub fn generate(abi_source: &str, cpython_api: &str) -> Result<Vec<GeneratedFile>, String> {
    let items = parser::parse(abi_source)?;
    let abi = model::Abi::build(items)?;
    emit::all(&abi, cpython_api)
}

/// Reads both tables under the workspace root `root` and renders every generated file.
pub fn generate_from(root: &std::path::Path) -> Result<Vec<GeneratedFile>, String> {
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"));
    generate(&read(ABI_TABLE_PATH)?, &read(CPYTHON_API_PATH)?)
        .map_err(|e| format!("{ABI_TABLE_PATH}: {e}"))
}
