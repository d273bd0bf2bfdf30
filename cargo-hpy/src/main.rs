//! `cargo-hpy`: see `cargo hpy --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    cargo_hpy::cli::run(std::env::args_os())
}
