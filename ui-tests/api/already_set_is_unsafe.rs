// Rule: claiming an exception is set is a promise only `unsafe` code can make.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::Error;

fn claim() -> Error {
    Error::already_set()
}

fn main() {
    println!("BUG: an already-set error was claimed without unsafe");
}
