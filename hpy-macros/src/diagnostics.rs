//! Collecting every error of a macro invocation before reporting them together.

use std::fmt::Display;

use quote::ToTokens;

/// Accumulates errors; [`Errors::finish`] reports them all at once (serde's `Ctxt`).
///
/// Every accumulator must be finished: one dropped unchecked would lose the errors it holds
/// (an early `?` past it, say), so dropping it panics — in the macro, at compile time, in
/// every test that reaches the mistake.
#[derive(Default)]
pub struct Errors {
    errors: Option<syn::Error>,
    finished: bool,
}

impl Drop for Errors {
    fn drop(&mut self) {
        if !self.finished && !std::thread::panicking() {
            panic!("BUG: an error accumulator was dropped without `finish()`");
        }
    }
}

impl Errors {
    /// Records an error spanning `tokens`.
    pub fn push(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.add(syn::Error::new_spanned(tokens, message));
    }

    /// Records the error of `result`, if any, and returns its value.
    pub fn check<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|e| self.add(e)).ok()
    }

    /// Records an already-built error.
    pub fn add(&mut self, error: syn::Error) {
        match &mut self.errors {
            Some(all) => all.combine(error),
            None => self.errors = Some(error),
        }
    }

    /// `Ok` if nothing was recorded, else every recorded error combined.
    pub fn finish(mut self) -> syn::Result<()> {
        self.finished = true;
        match self.errors.take() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_reports_every_error() {
        let mut errors = Errors::default();
        errors.push(quote::quote!(a), "first");
        assert_eq!(
            errors.check::<()>(Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                "second"
            ))),
            None
        );
        let all = errors.finish().unwrap_err();
        let messages: Vec<String> = all.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);
    }

    #[test]
    #[should_panic(expected = "dropped without `finish()`")]
    fn an_accumulator_dropped_unchecked_panics() {
        let mut errors = Errors::default();
        errors.push(quote::quote!(a), "lost");
    }
}
