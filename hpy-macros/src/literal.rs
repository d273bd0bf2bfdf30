//! Literals the generated code needs.

use proc_macro2::{Literal, Span};

/// A C string literal (`c"..."`) at `span`, or an error if the text holds a NUL.
pub fn c_literal(text: &str, span: Span) -> syn::Result<Literal> {
    let c = std::ffi::CString::new(text)
        .map_err(|_| syn::Error::new(span, "names and docstrings cannot contain NUL characters"))?;
    let mut lit = Literal::c_string(&c);
    lit.set_span(span);
    Ok(lit)
}
