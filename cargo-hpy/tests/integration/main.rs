//! Runs the `cargo-hpy` binary: the command line, building `examples/hello` and importing it
//! (in the universal and in the CPython ABI), the errors, and `develop`. Everything is written
//! to temporary directories; cargo builds into a target directory of its own (this runs inside
//! `cargo test`).

mod build;
mod cli;
mod cpython;
mod develop;
mod errors;
mod new;
mod support;
mod wheel;
