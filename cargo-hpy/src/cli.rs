//! The command line: `cargo hpy build|develop|help …` (cargo runs `cargo-hpy hpy …`).

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::{BuildOptions, DevelopOptions, Profile, build, develop};

mod help;
#[cfg(test)]
mod tests;

pub use help::Help;

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `build`.
    Build(BuildOptions),
    /// `develop`.
    Develop(DevelopOptions),
    /// `--help`, `help [<command>]` or `<command> --help`.
    Help(Help),
    /// `--version`.
    Version,
}

/// A mistake on the command line. Its `Display` is the `error:` line, the usage line and a
/// pointer to the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    message: String,
    help: Help,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n\nusage: {}\n\nFor more information, try `{} --help`.",
            self.message,
            self.help.usage(),
            self.help.command()
        )
    }
}

impl std::error::Error for UsageError {}

fn usage_error(help: Help, message: impl Into<String>) -> UsageError {
    UsageError {
        message: message.into(),
        help,
    }
}

/// Parses the arguments after the program name; a leading `hpy` (from `cargo hpy …`) is
/// skipped.
pub fn parse<I>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut args = args.into_iter().map(Into::into).peekable();
    if args.peek().is_some_and(|arg| arg == "hpy") {
        args.next();
    }
    let Some(command) = args.next() else {
        return Err(usage_error(Help::General, "no command given"));
    };
    match command.to_str() {
        Some("build") => parse_command(Help::Build, args),
        Some("develop") => parse_command(Help::Develop, args),
        Some("help") => parse_help(args),
        Some("-h" | "--help") => Ok(Command::Help(Help::General)),
        Some("-V" | "--version") => Ok(Command::Version),
        _ => Err(usage_error(
            Help::General,
            format!("unknown command `{}`", command.to_string_lossy()),
        )),
    }
}

fn parse_help(mut args: impl Iterator<Item = OsString>) -> Result<Command, UsageError> {
    let help = match args.next() {
        None => Help::General,
        Some(topic) if topic == "build" => Help::Build,
        Some(topic) if topic == "develop" => Help::Develop,
        Some(topic) => {
            return Err(usage_error(
                Help::General,
                format!("unknown command `{}`", topic.to_string_lossy()),
            ));
        }
    };
    match args.next() {
        Some(extra) => Err(usage_error(
            Help::General,
            format!("unexpected argument `{}`", extra.to_string_lossy()),
        )),
        None => Ok(Command::Help(help)),
    }
}

/// The options of `build` and `develop`.
#[derive(Default)]
struct Parsed {
    crate_dir: Option<PathBuf>,
    out: Option<PathBuf>,
    python: Option<PathBuf>,
    target_dir: Option<PathBuf>,
    debug: bool,
}

fn parse_command(
    help: Help,
    mut args: impl Iterator<Item = OsString>,
) -> Result<Command, UsageError> {
    let error = |message: String| usage_error(help, message);
    let mut parsed = Parsed::default();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "-h" || text == "--help" {
            return Ok(Command::Help(help));
        }
        if text == "--debug" {
            if parsed.debug {
                return Err(error("`--debug` given twice".into()));
            }
            parsed.debug = true;
            continue;
        }
        if !text.starts_with('-') || text == "-" {
            if parsed.crate_dir.is_some() {
                return Err(error(format!("unexpected argument `{text}`")));
            }
            parsed.crate_dir = Some(arg.into());
            continue;
        }
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) => {
                if arg.to_str().is_none() {
                    return Err(error(format!(
                        "the value of `{flag}=` is not valid Unicode; pass it as the next argument"
                    )));
                }
                (flag.to_owned(), Some(OsString::from(value)))
            }
            None => (text.into_owned(), None),
        };
        let slot = match (help, flag.as_str()) {
            (Help::Build, "--out") => &mut parsed.out,
            (Help::Develop, "--python") => &mut parsed.python,
            (_, "--target-dir") => &mut parsed.target_dir,
            _ => return Err(error(format!("unknown option `{flag}`"))),
        };
        let value = inline
            .or_else(|| args.next())
            .filter(|v| !v.is_empty() && !v.to_string_lossy().starts_with("--"))
            .ok_or_else(|| error(format!("`{flag}` needs a value")))?;
        if slot.replace(value.into()).is_some() {
            return Err(error(format!("`{flag}` given twice")));
        }
    }
    let crate_dir = parsed
        .crate_dir
        .ok_or_else(|| error("missing <crate-dir>".into()))?;
    let profile = if parsed.debug {
        Profile::Debug
    } else {
        Profile::Release
    };
    Ok(match help {
        Help::Develop => Command::Develop(DevelopOptions {
            crate_dir,
            profile,
            python: parsed.python,
            target_dir: parsed.target_dir,
        }),
        _ => Command::Build(BuildOptions {
            crate_dir,
            out_dir: parsed
                .out
                .ok_or_else(|| error("missing `--out <dir>`".into()))?,
            profile,
            target_dir: parsed.target_dir,
        }),
    })
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
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help(help) => {
            print!("{}", help.text());
            Ok(())
        }
        Command::Version => {
            println!("cargo-hpy {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::Build(options) => build(&options).map(|built| {
            println!(
                "cargo-hpy: wrote module `{}`: {} and {}",
                built.module,
                built.extension.display(),
                built.loader.display()
            );
        }),
        Command::Develop(options) => develop(&options).map(|developed| {
            println!(
                "cargo-hpy: installed module `{}` for {} (hpy {}): {} and {}",
                developed.built.module,
                developed.python.display(),
                developed.hpy_version,
                developed.built.extension.display(),
                developed.built.loader.display()
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
