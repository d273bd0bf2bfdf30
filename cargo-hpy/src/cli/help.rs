//! The help texts and usage lines.

const BUILD_USAGE: &str = "cargo hpy build <crate-dir> --out <dir> [--debug] [--target-dir <dir>]";
const DEVELOP_USAGE: &str =
    "cargo hpy develop <crate-dir> [--debug] [--python <interpreter>] [--target-dir <dir>]";

const GENERAL_HELP: &str = "\
cargo-hpy: build hpy-rs extension modules for HPy 0.9 (universal ABI)

Usage:
    cargo hpy build <crate-dir> --out <dir> [--debug] [--target-dir <dir>]
    cargo hpy develop <crate-dir> [--debug] [--python <interpreter>] [--target-dir <dir>]
    cargo hpy help [<command>]

Commands:
    build      Build a crate into <module>.hpy0.so and its loader <module>.py
    develop    Build a crate and install it into a Python environment
    help       Print this help, or a command's

Options:
    -h, --help       Print help
    -V, --version    Print the version

`cargo-hpy <command> …` works too. Run `cargo hpy <command> --help` for a command's options.
";

const BUILD_HELP: &str = "\
cargo hpy build: build an hpy-rs extension crate for Python

Usage: cargo hpy build <crate-dir> --out <dir> [--debug] [--target-dir <dir>]

Builds the library of the cdylib crate in <crate-dir> with cargo ($CARGO, else `cargo`)
and writes <dir>/<module>.hpy0.so and its loader <dir>/<module>.py, <module> being the
name of the crate's #[hpy::module]. Python imports it from <dir> through hpy.universal
(hpy==0.9.0); HPY=universal|debug|trace or HPY=<module>:debug selects HPy's mode.

Options:
    --out <dir>           Where to write the module (created if missing)
    --debug               Build with the dev profile instead of --release
    --target-dir <dir>    Cargo's target directory
    -h, --help            Print this help
";

const DEVELOP_HELP: &str = "\
cargo hpy develop: build an hpy-rs extension crate and install it for a Python interpreter

Usage: cargo hpy develop <crate-dir> [--debug] [--python <interpreter>] [--target-dir <dir>]

Checks that the interpreter has hpy 0.9 (hpy.universal), then does what `cargo hpy build`
does with <dir> = the interpreter's site-packages (sysconfig's purelib).

Options:
    --python <interpreter>    The interpreter (default: the active virtualenv's,
                              $VIRTUAL_ENV/bin/python)
    --debug                   Build with the dev profile instead of --release
    --target-dir <dir>        Cargo's target directory
    -h, --help                Print this help
";

/// Which help text to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    /// The overview of all commands.
    General,
    /// `build`'s.
    Build,
    /// `develop`'s.
    Develop,
}

impl Help {
    /// The help text.
    pub fn text(self) -> &'static str {
        match self {
            Help::General => GENERAL_HELP,
            Help::Build => BUILD_HELP,
            Help::Develop => DEVELOP_HELP,
        }
    }

    pub(super) fn usage(self) -> &'static str {
        match self {
            Help::General => "cargo hpy <build|develop|help> …",
            Help::Build => BUILD_USAGE,
            Help::Develop => DEVELOP_USAGE,
        }
    }

    pub(super) fn command(self) -> &'static str {
        match self {
            Help::General => "cargo hpy",
            Help::Build => "cargo hpy build",
            Help::Develop => "cargo hpy develop",
        }
    }
}
