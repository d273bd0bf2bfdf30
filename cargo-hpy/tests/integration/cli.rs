//! The command line of the binary: help, usage errors and exit codes.

use cargo_hpy::cli::Help;

use crate::support::{cargo_hpy, run};

#[test]
fn help_output() {
    for (args, help) in [
        (&["--help"][..], Help::General),
        (&["hpy", "--help"], Help::General),
        (&["help"], Help::General),
        (&["help", "build"], Help::Build),
        (&["hpy", "build", "--help"], Help::Build),
        (&["develop", "-h"], Help::Develop),
    ] {
        let run = run(&mut cargo_hpy(args));
        assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
        assert_eq!(run.stdout, help.text(), "{args:?}");
        assert_eq!(run.stderr, "", "{args:?}");
    }
    let general = Help::General.text();
    for line in [
        "    cargo hpy build <crate-dir> --out <dir> [--debug] [--target-dir <dir>]\n",
        "    cargo hpy develop <crate-dir> [--debug] [--python <interpreter>] [--target-dir <dir>]\n",
    ] {
        assert!(general.contains(line), "{general}");
    }
    assert!(Help::Build.text().contains("    --out <dir> "));
    assert!(Help::Develop.text().contains("    --python <interpreter> "));
}

#[test]
fn version() {
    let run = run(&mut cargo_hpy(["hpy", "--version"]));
    assert_eq!(run.code, Some(0));
    assert_eq!(
        run.stdout,
        format!("cargo-hpy {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_with_2_and_print_the_usage() {
    let run_err = |args: &[&str]| {
        let run = run(&mut cargo_hpy(args));
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        run.stderr
    };
    let build_usage = "\n\nusage: cargo hpy build <crate-dir> --out <dir> [--debug] \
                       [--target-dir <dir>]\n\nFor more information, try `cargo hpy build --help`.\n";
    assert_eq!(
        run_err(&["hpy", "build", "examples/hello", "--bogus"]),
        format!("error: unknown option `--bogus`{build_usage}")
    );
    assert_eq!(
        run_err(&["build", "examples/hello"]),
        format!("error: missing `--out <dir>`{build_usage}")
    );
    assert_eq!(
        run_err(&[]),
        "error: no command given\n\nusage: cargo hpy <build|develop|help> …\n\n\
         For more information, try `cargo hpy --help`.\n"
    );
    assert!(run_err(&["hpy", "install"]).starts_with("error: unknown command `install`\n"));
    assert!(
        run_err(&["develop", "x", "--python"]).starts_with("error: `--python` needs a value\n")
    );
}
