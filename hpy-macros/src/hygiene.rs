//! The local names generated code introduces. Each has `Span::mixed_site()` hygiene, so the
//! user's tokens (default expressions, method bodies) can neither see nor capture them.

use proc_macro2::{Ident, Span};

/// A generated local name, invisible to user tokens.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// The lent `self` handle inside generated bodies.
pub fn self_handle() -> Ident {
    local("_self")
}

/// The call's context inside generated bodies.
pub fn context() -> Ident {
    local("cx")
}

/// The raw `HPyContext *` parameter of generated `impl` functions.
pub fn raw_context() -> Ident {
    local("ctx")
}

/// The call's `hpy::__private::Entry` inside generated `impl` functions.
pub fn entry() -> Ident {
    local("__entry")
}
