//! The command line: `cargo hpy build|develop|help …` (cargo runs `cargo-hpy hpy …`), parsed
//! by clap.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use std::path::PathBuf;

use crate::{
    BuildOptions, DevelopOptions, NewOptions, WheelOptions, build, develop, metadata, new_project,
    sdist, tool_wheel, wheel,
};

mod args;
#[cfg(test)]
mod tests;

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `build`.
    Build(BuildOptions),
    /// `develop`.
    Develop(DevelopOptions),
    /// `wheel`.
    Wheel(WheelOptions),
    /// `metadata`: write the crate's `.dist-info` into `out`.
    Metadata {
        /// The crate.
        crate_dir: PathBuf,
        /// Where to write it.
        out: PathBuf,
    },
    /// `new` or `init`.
    New(NewOptions),
    /// `sdist`: write the crate's source distribution into `out`.
    Sdist {
        /// The crate.
        crate_dir: PathBuf,
        /// Where to write it.
        out: PathBuf,
    },
    /// `tool-wheel`: write cargo-hpy's own wheel into `out`.
    ToolWheel {
        /// Where to write it.
        out: PathBuf,
    },
}

/// Parses the arguments after the program name; a leading `hpy` (from `cargo hpy …`) is
/// skipped.
///
/// `--help`, `help [<command>]`, `<command> --help` and `--version` are errors too, as clap
/// reports them: [`clap::Error::print`] prints the text (on stdout for these), and
/// [`clap::Error::exit_code`] is 0 for them and 2 for usage errors.
pub fn parse<I>(args: I) -> Result<Command, clap::Error>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut args = args.into_iter().map(Into::into).peekable();
    args.next_if(|arg| arg == "hpy");
    let cargo_hpy = ["cargo", "hpy"].map(OsString::from);
    args::Cargo::try_parse_from(cargo_hpy.into_iter().chain(args)).map(Command::from)
}

/// Runs the program: `args` is the whole command line, program name first. Prints what was
/// written on stdout, errors as `error: …` on stderr; exits with 1 on errors and 2 on usage
/// errors.
pub fn run<I>(args: I) -> ExitCode
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let command = match parse(args.into_iter().skip(1)) {
        Ok(command) => command,
        Err(error) => {
            // Ignored: with stdout or stderr closed, there is nowhere left to report it.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match command {
        Command::Build(options) => build(&options).map(|built| match &built.loader {
            Some(loader) => println!(
                "cargo-hpy: wrote module `{}`: {} and {}",
                built.module,
                built.extension.display(),
                loader.display()
            ),
            None => println!(
                "cargo-hpy: wrote module `{}` (CPython ABI): {}",
                built.module,
                built.extension.display()
            ),
        }),
        // The PEP 517 backend reads the last line: the path of what was written.
        Command::Wheel(options) => {
            wheel(&options).map(|wheel| println!("{}", wheel.path.display()))
        }
        Command::Metadata { crate_dir, out } => {
            metadata(&crate_dir, &out).map(|path| println!("{}", path.display()))
        }
        Command::ToolWheel { out } => tool_wheel(&out).map(|path| println!("{}", path.display())),
        Command::New(options) => new_project(&options).map(|dir| {
            println!("cargo-hpy: created the extension project {}", dir.display());
        }),
        Command::Sdist { crate_dir, out } => {
            sdist(&crate_dir, &out).map(|path| println!("{}", path.display()))
        }
        Command::Develop(options) => develop(&options).map(|developed| {
            let wheel = &developed.wheel;
            let dir = wheel
                .editable_dir
                .as_deref()
                .unwrap_or(wheel.path.as_path());
            println!(
                "cargo-hpy: installed module `{}` for {} (hpy {}), editable: built into {}",
                wheel.module,
                developed.python.display(),
                developed.hpy_version,
                dir.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
