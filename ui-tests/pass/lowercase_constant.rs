// A constant whose Python name is not upper case (`__version__`) compiles without warnings,
// written either way.
#![deny(warnings)]

#[hpy::module]
mod m {
    #[hpy::constant]
    const __version__: &str = "1.0";

    #[hpy::constant(name = "__author__")]
    const AUTHOR: &str = "hpy-rs";
}

fn main() {}
