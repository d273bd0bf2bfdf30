//! Unit tests of the command line.

use std::path::PathBuf;

use clap::CommandFactory;
use clap::error::ErrorKind;

use super::*;
use crate::{Abi, HpySource, NewOptions, Profile};

fn parse_ok(args: &[&str]) -> Command {
    parse(args.iter().copied()).unwrap()
}

fn parse_err(args: &[&str]) -> clap::Error {
    parse(args.iter().copied()).unwrap_err()
}

/// The kind of the error and its text, as `cargo-hpy` prints it.
fn usage_error(args: &[&str]) -> (ErrorKind, String) {
    let error = parse_err(args);
    assert!(error.use_stderr(), "{args:?}");
    (error.kind(), error.to_string())
}

fn build_options(out: &str) -> BuildOptions {
    BuildOptions::new("crate", out)
}

#[test]
fn the_grammar_is_consistent() {
    args::Cargo::command().debug_assert();
}

#[test]
fn build_command_in_every_form() {
    let expected = Command::Build(build_options("out"));
    assert_eq!(parse_ok(&["build", "crate", "--out", "out"]), expected);
    assert_eq!(
        parse_ok(&["hpy", "build", "crate", "--out", "out"]),
        expected
    );
    assert_eq!(parse_ok(&["build", "--out=out", "crate"]), expected);
    assert_eq!(
        parse_ok(&[
            "hpy",
            "build",
            "--debug",
            "crate",
            "--target-dir",
            "t",
            "--out",
            "a=b"
        ]),
        Command::Build(BuildOptions {
            profile: Profile::Debug,
            target_dir: Some("t".into()),
            ..build_options("a=b")
        })
    );
}

#[test]
fn wheel_and_metadata_commands() {
    assert_eq!(
        parse_ok(&["wheel", "crate", "--out", "dist", "--editable", "--debug"]),
        Command::Wheel(WheelOptions {
            crate_dir: "crate".into(),
            out_dir: "dist".into(),
            profile: Profile::Debug,
            target_dir: None,
            editable: true,
            abi: None,
            python: None,
        })
    );
    assert_eq!(
        parse_ok(&[
            "wheel", "crate", "--out", "dist", "--abi", "cpython", "--python", "py"
        ]),
        Command::Wheel(WheelOptions {
            crate_dir: "crate".into(),
            out_dir: "dist".into(),
            profile: Profile::Release,
            target_dir: None,
            editable: false,
            abi: Some(Abi::CPython),
            python: Some("py".into()),
        })
    );
    assert_eq!(
        parse_ok(&["hpy", "metadata", "--out", "meta", "."]),
        Command::Metadata {
            crate_dir: ".".into(),
            out: "meta".into(),
        }
    );
    assert_eq!(
        parse_ok(&["tool-wheel", "--out", "dist"]),
        Command::ToolWheel { out: "dist".into() }
    );
    let help = parse_err(&["--help"]).to_string();
    assert!(
        !help.contains("tool-wheel"),
        "the backend's command is hidden: {help}"
    );
}

#[test]
fn new_and_init_commands() {
    assert_eq!(
        parse_ok(&["new", "myext"]),
        Command::New(NewOptions {
            dir: "myext".into(),
            init: false,
            hpy: HpySource::default(),
        })
    );
    assert_eq!(
        parse_ok(&["init", "--hpy-version", "0.1"]),
        Command::New(NewOptions {
            dir: ".".into(),
            init: true,
            hpy: HpySource::Version("0.1".into()),
        })
    );
    assert_eq!(
        parse_ok(&["new", "x", "--hpy-path", "../hpy"]),
        Command::New(NewOptions {
            dir: "x".into(),
            init: false,
            hpy: HpySource::Path("../hpy".into()),
        })
    );
    let both = parse_err(&["new", "x", "--hpy-path", "p", "--hpy-version", "1"]);
    assert_eq!(both.kind(), ErrorKind::ArgumentConflict);
}

#[test]
fn develop_command() {
    assert_eq!(
        parse_ok(&["develop", "crate"]),
        Command::Develop(DevelopOptions {
            crate_dir: "crate".into(),
            profile: Profile::Release,
            python: None,
            target_dir: None,
            abi: None,
        })
    );
    assert_eq!(
        parse_ok(&[
            "hpy",
            "develop",
            "crate",
            "--python=py",
            "--debug",
            "--target-dir=t",
            "--abi=cpython"
        ]),
        Command::Develop(DevelopOptions {
            crate_dir: "crate".into(),
            profile: Profile::Debug,
            python: Some("py".into()),
            target_dir: Some("t".into()),
            abi: Some(Abi::CPython),
        })
    );
}

#[test]
fn the_abi_option() {
    assert_eq!(
        parse_ok(&[
            "build",
            "crate",
            "--out",
            "o",
            "--abi",
            "cpython",
            "--python=/p/python"
        ]),
        Command::Build(BuildOptions {
            abi: Some(Abi::CPython),
            python: Some("/p/python".into()),
            ..build_options("o")
        })
    );
    assert_eq!(
        parse_ok(&["build", "crate", "--out", "o", "--abi=universal"]),
        Command::Build(BuildOptions {
            abi: Some(Abi::Universal),
            ..build_options("o")
        })
    );
    let (kind, text) = usage_error(&["build", "crate", "--out", "o", "--abi", "abi3"]);
    assert_eq!(kind, ErrorKind::InvalidValue);
    assert!(
        text.contains("invalid value 'abi3' for '--abi <abi>'")
            && text.contains("[possible values: universal, cpython]"),
        "{text}"
    );
}

#[test]
fn help_and_version() {
    let general = parse_err(&["--help"]).to_string();
    assert!(
        general.starts_with(
            "Build hpy-rs extension modules for HPy 0.9 (universal or CPython ABI)\n\n\
             Usage: cargo hpy <COMMAND>\n"
        ),
        "{general}"
    );
    for args in [&["hpy", "-h"][..], &["help"], &["hpy", "help"]] {
        assert_eq!(parse_err(args).to_string(), general, "{args:?}");
    }
    let build = parse_err(&["build", "--help"]).to_string();
    assert!(
        build.contains("\nUsage: cargo hpy build [OPTIONS] --out <dir> <crate-dir>\n"),
        "{build}"
    );
    assert_eq!(parse_err(&["hpy", "help", "build"]).to_string(), build);
    let develop = parse_err(&["develop", "x", "-h"]).to_string();
    assert!(
        develop.contains("\nUsage: cargo hpy develop [OPTIONS] <crate-dir>\n"),
        "{develop}"
    );
    for args in [
        &["--help"][..],
        &["help", "develop"],
        &["develop", "-h"],
        &["-V"],
        &["hpy", "--version"],
    ] {
        let error = parse_err(args);
        assert!(!error.use_stderr(), "{args:?}");
        assert_eq!(error.exit_code(), 0, "{args:?}");
    }
    assert_eq!(
        parse_err(&["hpy", "--version"]).to_string(),
        format!("cargo-hpy {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors() {
    let general = "\n\nUsage: cargo hpy <COMMAND>\n\nFor more information, try '--help'.\n";
    let build = "\n\nUsage: cargo hpy build [OPTIONS] --out <dir> <crate-dir>\n\n\
                 For more information, try '--help'.\n";
    let no_command = parse_err(&["hpy"]);
    assert_eq!(
        no_command.kind(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    assert!(no_command.use_stderr());
    assert_eq!(
        no_command.to_string(),
        parse_err(&["--help"]).to_string(),
        "without a command, the help goes to stderr"
    );
    assert_eq!(
        usage_error(&["biuld"]),
        (
            ErrorKind::InvalidSubcommand,
            format!(
                "error: unrecognized subcommand 'biuld'\n\n  \
                 tip: a similar subcommand exists: 'build'{general}"
            )
        )
    );
    assert_eq!(
        usage_error(&["help", "x"]),
        (
            ErrorKind::InvalidSubcommand,
            format!("error: unrecognized subcommand 'x'{general}")
        )
    );
    assert_eq!(
        usage_error(&["build", "c", "--release", "--out", "o"]),
        (
            ErrorKind::UnknownArgument,
            "error: unexpected argument '--release' found\n\n  \
             tip: to pass '--release' as a value, use '-- --release'\n\n\
             Usage: cargo hpy build --out <dir> <crate-dir>\n\n\
             For more information, try '--help'.\n"
                .into()
        )
    );
    assert_eq!(
        usage_error(&["build", "c", "--editable", "--out", "o"]).0,
        ErrorKind::UnknownArgument
    );
    assert_eq!(
        usage_error(&["develop", "c", "--out", "o"]).0,
        ErrorKind::UnknownArgument
    );
    assert_eq!(
        usage_error(&["build", "c", "-x", "--out", "o"]).0,
        ErrorKind::UnknownArgument
    );
    assert_eq!(
        usage_error(&["build", "c"]),
        (
            ErrorKind::MissingRequiredArgument,
            "error: the following required arguments were not provided:\n  --out <dir>\n\n\
             Usage: cargo hpy build --out <dir> <crate-dir>\n\n\
             For more information, try '--help'.\n"
                .into()
        )
    );
    assert_eq!(
        usage_error(&["build", "--out", "o"]).1,
        "error: the following required arguments were not provided:\n  <crate-dir>\n\n\
         Usage: cargo hpy build --out <dir> <crate-dir>\n\n\
         For more information, try '--help'.\n"
    );
    let needs_value = "error: a value is required for '--out <dir>' but none was supplied\n\n\
                       For more information, try '--help'.\n";
    for args in [
        &["build", "c", "--out"][..],
        &["build", "c", "--out", "--debug"],
        &["build", "c", "--out="],
    ] {
        assert_eq!(
            usage_error(args),
            (ErrorKind::InvalidValue, needs_value.into()),
            "{args:?}"
        );
    }
    assert_eq!(
        usage_error(&["build", "c", "--out", "a", "--out=b"]),
        (
            ErrorKind::ArgumentConflict,
            format!("error: the argument '--out <dir>' cannot be used multiple times{build}")
        )
    );
    assert_eq!(
        usage_error(&["build", "c", "--debug", "--debug", "--out", "o"]),
        (
            ErrorKind::ArgumentConflict,
            format!("error: the argument '--debug' cannot be used multiple times{build}")
        )
    );
    assert_eq!(
        usage_error(&["build", "c", "d", "--out", "o"]),
        (
            ErrorKind::UnknownArgument,
            format!("error: unexpected argument 'd' found{build}")
        )
    );
}

#[cfg(unix)]
#[test]
fn non_unicode_values() {
    use std::os::unix::ffi::OsStringExt;
    let odd = OsString::from_vec(b"out\xff".to_vec());
    let expected = Command::Build(BuildOptions::new("c", PathBuf::from(odd.clone())));
    let args = [
        OsString::from("build"),
        "c".into(),
        "--out".into(),
        odd.clone(),
    ];
    assert_eq!(parse(args).unwrap(), expected);
    let mut inline = OsString::from("--out=");
    inline.push(&odd);
    assert_eq!(
        parse([OsString::from("build"), "c".into(), inline]).unwrap(),
        expected
    );
}
