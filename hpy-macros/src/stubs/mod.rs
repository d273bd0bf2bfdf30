//! The module's type stub (`<name>.pyi`): written by `#[hpy::module]`, which sees every item
//! of the module as written, from the same parse of each signature the item macros make
//! ([`collect`]), with the Rust types mapped to annotations ([`annotation`]) and written out
//! deterministically ([`writer`]). The text is embedded in the extension as the exported
//! static `HPyRsStub_<name>`, which nothing reads at run time; `cargo hpy` copies it into
//! `<name>.pyi` next to the extension.

pub mod annotation;
pub mod collect;
pub mod writer;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The prefix of the exported static that holds a module's stub (`HPyRsStub_<name>`), which
/// `cargo-hpy` looks up.
pub const SYMBOL_PREFIX: &str = "HPyRsStub_";

/// The exported static holding `stub`, the text of the module `name`'s stub.
pub fn emit(name: &str, stub: &str) -> TokenStream {
    let symbol = format_ident!("{SYMBOL_PREFIX}{name}");
    let bytes = Literal::byte_string(stub.as_bytes());
    let len = stub.len();
    quote! {
        // The module's type stub, for `cargo hpy` to write as `<name>.pyi` (never read at run
        // time).
        #[doc(hidden)]
        #[unsafe(no_mangle)]
        #[allow(non_upper_case_globals)]
        pub static #symbol: [u8; #len] = *#bytes;
    }
}
