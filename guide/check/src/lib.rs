//! The guide's chapters as doc tests: `build.rs` writes one module per chapter of
//! `guide/src/SUMMARY.md`, documented by the chapter's Markdown, so `cargo test -p hpy-rs-guide
//! --doc` compiles every ```` ```rust ```` block (and runs those with a `main` that does
//! something). Blocks marked `ignore` are not compiled: the guide uses them only to show code
//! included from a crate that is compiled and tested elsewhere, or PyO3 code in the porting
//! chapter; `tests/links.rs` checks that, and the links and includes.
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/chapters.rs"));
