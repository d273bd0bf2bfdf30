//! Procedural macros of hpy-rs. Use them through the `hpy` crate (`#[hpy::module]`,
//! `#[hpy::function]`), which documents them; this crate only holds the thin entry points.
//! Parsing, validation and code generation live in plain modules that take and return
//! `proc_macro2` token streams, so unit tests can call them directly.
#![deny(missing_docs)]

mod callable;
mod diagnostics;
mod docs;
mod entry_points;
mod exception;
mod function;
#[allow(dead_code)] // every HPy signature; the macros use those of the slots they support
mod generated;
mod hygiene;
mod literal;
mod methods;
mod module;
mod names;
mod options;
mod params;
mod pytype;
mod stubs;
mod text_signature;
mod traverse;
mod type_rewrite;

use proc_macro::TokenStream;

/// See `hpy::module`.
#[proc_macro_attribute]
pub fn module(attr: TokenStream, item: TokenStream) -> TokenStream {
    module::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hpy::function`.
#[proc_macro_attribute]
pub fn function(attr: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hpy::class`.
#[proc_macro_attribute]
pub fn class(attr: TokenStream, item: TokenStream) -> TokenStream {
    pytype::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hpy::exception`.
#[proc_macro_attribute]
pub fn exception(attr: TokenStream, item: TokenStream) -> TokenStream {
    exception::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hpy::Traverse`.
#[proc_macro_derive(Traverse)]
pub fn derive_traverse(item: TokenStream) -> TokenStream {
    traverse::derive(item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `hpy::methods`.
#[proc_macro_attribute]
pub fn methods(attr: TokenStream, item: TokenStream) -> TokenStream {
    methods::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
