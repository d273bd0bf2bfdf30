//! Runs the `cargo-hpy` binary: the command line, building `examples/hello` and importing it,
//! the errors, and `develop`. Everything is written to temporary directories; cargo builds
//! into a target directory of its own (this runs inside `cargo test`).

mod build;
mod cli;
mod develop;
mod errors;
mod new;
mod support;
mod wheel;
