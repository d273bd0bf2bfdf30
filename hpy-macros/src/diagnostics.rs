//! Collecting every error of a macro invocation before reporting them together.

use std::fmt::Display;

use quote::ToTokens;

/// Accumulates errors; [`Errors::finish`] reports them all at once (serde's `Ctxt`).
#[derive(Default)]
pub struct Errors {
    errors: Option<syn::Error>,
}

impl Errors {
    /// Records an error spanning `tokens`.
    pub fn push(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.add(syn::Error::new_spanned(tokens, message));
    }

    /// Records an already-built error.
    pub fn add(&mut self, error: syn::Error) {
        match &mut self.errors {
            Some(all) => all.combine(error),
            None => self.errors = Some(error),
        }
    }

    /// `Ok` if nothing was recorded, else every recorded error combined.
    pub fn finish(self) -> syn::Result<()> {
        match self.errors {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The `compile_error!` messages an expansion reports, joined by `" | "`; panics if there are
/// none. For tests of the expansion functions.
#[cfg(test)]
pub fn compile_errors(expansion: syn::Result<proc_macro2::TokenStream>) -> String {
    let tokens = expansion.unwrap_or_else(syn::Error::into_compile_error);
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as items");
    let messages: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "compile_error") =>
            {
                Some(
                    m.mac
                        .parse_body::<syn::LitStr>()
                        .expect("a message")
                        .value(),
                )
            }
            _ => None,
        })
        .collect();
    assert!(!messages.is_empty(), "BUG: the expansion reported no error");
    messages.join(" | ")
}
