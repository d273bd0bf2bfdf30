//! Unit tests of the command-line parser.

use super::*;

fn parse_ok(args: &[&str]) -> Command {
    parse(args.iter().copied()).unwrap()
}

fn parse_err(args: &[&str]) -> String {
    parse(args.iter().copied()).unwrap_err().to_string()
}

fn build_options(out: &str) -> BuildOptions {
    BuildOptions::new("crate", out)
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
fn develop_command() {
    assert_eq!(
        parse_ok(&["develop", "crate"]),
        Command::Develop(DevelopOptions {
            crate_dir: "crate".into(),
            profile: Profile::Release,
            python: None,
            target_dir: None,
        })
    );
    assert_eq!(
        parse_ok(&[
            "hpy",
            "develop",
            "crate",
            "--python=py",
            "--debug",
            "--target-dir=t"
        ]),
        Command::Develop(DevelopOptions {
            crate_dir: "crate".into(),
            profile: Profile::Debug,
            python: Some("py".into()),
            target_dir: Some("t".into()),
        })
    );
}

#[test]
fn help_and_version() {
    assert_eq!(parse_ok(&["--help"]), Command::Help(Help::General));
    assert_eq!(parse_ok(&["hpy", "-h"]), Command::Help(Help::General));
    assert_eq!(parse_ok(&["help"]), Command::Help(Help::General));
    assert_eq!(parse_ok(&["help", "build"]), Command::Help(Help::Build));
    assert_eq!(
        parse_ok(&["hpy", "help", "develop"]),
        Command::Help(Help::Develop)
    );
    assert_eq!(parse_ok(&["build", "--help"]), Command::Help(Help::Build));
    assert_eq!(
        parse_ok(&["develop", "x", "-h"]),
        Command::Help(Help::Develop)
    );
    assert_eq!(parse_ok(&["-V"]), Command::Version);
    assert_eq!(parse_ok(&["hpy", "--version"]), Command::Version);
}

#[test]
fn usage_errors() {
    let build_usage = "\n\nusage: cargo hpy build <crate-dir> --out <dir> [--debug] \
                       [--target-dir <dir>]\n\nFor more information, try `cargo hpy build --help`.";
    let general_usage = "\n\nusage: cargo hpy <build|develop|help> …\n\n\
                         For more information, try `cargo hpy --help`.";
    assert_eq!(
        parse_err(&[]),
        format!("error: no command given{general_usage}")
    );
    assert_eq!(
        parse_err(&["hpy"]),
        format!("error: no command given{general_usage}")
    );
    assert_eq!(
        parse_err(&["biuld"]),
        format!("error: unknown command `biuld`{general_usage}")
    );
    assert_eq!(
        parse_err(&["help", "x"]),
        format!("error: unknown command `x`{general_usage}")
    );
    assert_eq!(
        parse_err(&["help", "build", "x"]),
        format!("error: unexpected argument `x`{general_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--release"]),
        format!("error: unknown option `--release`{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--python", "p", "--out", "o"]),
        format!("error: unknown option `--python`{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "-x"]),
        format!("error: unknown option `-x`{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c"]),
        format!("error: missing `--out <dir>`{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "--out", "o"]),
        format!("error: missing <crate-dir>{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--out"]),
        format!("error: `--out` needs a value{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--out", "--debug"]),
        format!("error: `--out` needs a value{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--out="]),
        format!("error: `--out` needs a value{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--out", "a", "--out=b"]),
        format!("error: `--out` given twice{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "--debug", "--debug", "--out", "o"]),
        format!("error: `--debug` given twice{build_usage}")
    );
    assert_eq!(
        parse_err(&["build", "c", "d", "--out", "o"]),
        format!("error: unexpected argument `d`{build_usage}")
    );
    assert!(parse_err(&["develop", "c", "--out", "o"]).starts_with(
        "error: unknown option `--out`\n\nusage: cargo hpy develop <crate-dir> [--debug] \
         [--python <interpreter>] [--target-dir <dir>]\n\n"
    ));
}

#[cfg(unix)]
#[test]
fn non_unicode_values() {
    use std::os::unix::ffi::OsStringExt;
    let odd = OsString::from_vec(b"out\xff".to_vec());
    let args = [
        OsString::from("build"),
        "c".into(),
        "--out".into(),
        odd.clone(),
    ];
    assert_eq!(
        parse(args).unwrap(),
        Command::Build(BuildOptions::new("c", PathBuf::from(odd.clone())))
    );
    let mut inline = OsString::from("--out=");
    inline.push(&odd);
    let error = parse([OsString::from("build"), "c".into(), inline]).unwrap_err();
    assert!(error.to_string().starts_with(
        "error: the value of `--out=` is not valid Unicode; pass it as the next argument"
    ));
}
