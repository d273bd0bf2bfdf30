//! The command line of the binary: help, usage errors and exit codes.

use crate::support::{cargo_hpy, run};

/// Runs `cargo-hpy args`, expects it to succeed with nothing on stderr, and returns its stdout.
fn stdout_of(args: &[&str]) -> String {
    let run = run(&mut cargo_hpy(args));
    assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
    assert_eq!(run.stderr, "", "{args:?}");
    run.stdout
}

#[test]
fn help_output() {
    let general = stdout_of(&["--help"]);
    assert!(
        general.starts_with(
            "Build hpy-rs extension modules for HPy 0.9 (universal or CPython ABI)\n\n\
             Usage: cargo hpy <COMMAND>\n\n\
             Commands:\n  \
             new       Create a new extension project in <dir> (its name is the module's)\n  \
             init      Create a new extension project in an existing directory (default: the \
             current one)\n  \
             build     Build a crate into <module>.hpy0.so and its loader <module>.py\n  \
             wheel     Build a crate into a wheel for every CPython hpy 0.9 supports\n  \
             metadata  Write the crate's .dist-info metadata (PEP 517's \
             prepare_metadata_for_build_wheel)\n  \
             sdist     Write the crate's source distribution (<name>-<version>.tar.gz)\n  \
             develop   Build a crate and install it into a Python environment\n"
        ),
        "{general}"
    );
    assert!(
        general.contains("\n  -V, --version  Print version\n"),
        "{general}"
    );
    for args in [&["hpy", "--help"][..], &["help"]] {
        assert_eq!(stdout_of(args), general, "{args:?}");
    }

    let build = stdout_of(&["help", "build"]);
    assert_eq!(stdout_of(&["hpy", "build", "--help"]), build);
    for line in [
        "Usage: cargo hpy build [OPTIONS] --out <dir> <crate-dir>\n",
        "\n      --out <dir>\n          Where to write the module (created if missing)\n",
        "\n      --debug\n          Build with the dev profile instead of --release\n",
        "\n      --target-dir <dir>\n          Cargo's target directory\n",
    ] {
        assert!(build.contains(line), "{build}");
    }
    let develop = stdout_of(&["develop", "-h"]);
    for line in [
        "Usage: cargo hpy develop [OPTIONS] <crate-dir>\n",
        "\n      --python <interpreter>  The interpreter (default: the active virtualenv's, \
         $VIRTUAL_ENV/bin/python)\n",
    ] {
        assert!(develop.contains(line), "{develop}");
    }
}

#[test]
fn version() {
    assert_eq!(
        stdout_of(&["hpy", "--version"]),
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
    let build_usage = "\n\nUsage: cargo hpy build --out <dir> <crate-dir>\n\n\
                       For more information, try '--help'.\n";
    assert_eq!(
        run_err(&["hpy", "build", "examples/hello", "--bogus"]),
        format!(
            "error: unexpected argument '--bogus' found\n\n  \
             tip: to pass '--bogus' as a value, use '-- --bogus'{build_usage}"
        )
    );
    assert_eq!(
        run_err(&["build", "examples/hello"]),
        format!(
            "error: the following required arguments were not provided:\n  --out <dir>{build_usage}"
        )
    );
    // Without a command, the help, on stderr.
    assert_eq!(run_err(&[]), stdout_of(&["--help"]));
    assert_eq!(
        run_err(&["hpy", "frobnicate"]),
        "error: unrecognized subcommand 'frobnicate'\n\nUsage: cargo hpy <COMMAND>\n\n\
         For more information, try '--help'.\n"
    );
    assert_eq!(
        run_err(&["develop", "x", "--python"]),
        "error: a value is required for '--python <interpreter>' but none was supplied\n\n\
         For more information, try '--help'.\n"
    );
}
