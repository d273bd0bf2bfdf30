//! Visiting the `Field`s of a value: the body of a `#[hpy::class]`'s traversal, and
//! `#[derive(hpy::Traverse)]` for structs and enums nested inside one.
//!
//! Each member is visited through `hpy::__private::FieldsProbe`, an autoref probe that visits a
//! member whose type implements `Traverse` and skips any other, decided at compile time. Every
//! member is visited exactly once, which is the contract of the (unsafe) `Traverse` trait.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The expressions naming each member of `fields` on `base` (`base.x`, `base.0`), and their
/// types.
pub fn members<'f>(
    fields: &'f syn::Fields,
    base: &TokenStream,
) -> Vec<(TokenStream, &'f syn::Type)> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let member = match &f.ident {
                Some(name) => quote!(#name),
                None => {
                    let index = syn::Index::from(i);
                    quote!(#index)
                }
            };
            (quote!(#base.#member), &f.ty)
        })
        .collect()
}

/// Statements visiting each of `places` (expressions of the members) with `visitor`,
/// returning the first non-zero result.
pub fn visit_each(
    places: impl IntoIterator<Item = TokenStream>,
    visitor: &TokenStream,
) -> TokenStream {
    let places = places.into_iter();
    quote! {
        #(
            // SAFETY: the member belongs to the value being traversed (the caller's
            // contract), and is visited once. What the member returns is not trusted (the
            // probe is resolved by method lookup): the visitor says whether to stop.
            let _ = unsafe {
                (&::hpy::__private::FieldsProbe(::core::option::Option::Some(&#places)))
                    .visit_member(#visitor)
            };
            if let ::core::option::Option::Some(result) = #visitor.stopped() {
                return result;
            }
        )*
    }
}

/// Expands `#[derive(hpy::Traverse)]`.
pub fn derive(item: TokenStream) -> syn::Result<TokenStream> {
    let input: syn::DeriveInput = syn::parse2(item)?;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "#[derive(hpy::Traverse)] does not support generic types: implement `Traverse` by hand",
        ));
    }
    let ident = &input.ident;
    let visitor = quote!(visitor);
    let body = match &input.data {
        syn::Data::Struct(s) => {
            let places = members(&s.fields, &quote!(self))
                .into_iter()
                .map(|(p, _)| p);
            visit_each(places, &visitor)
        }
        syn::Data::Enum(e) => {
            let arms = e.variants.iter().map(|v| {
                let name = &v.ident;
                let bindings: Vec<_> = (0..v.fields.len())
                    .map(|i| format_ident!("__member_{}", i))
                    .collect();
                let pattern = match &v.fields {
                    syn::Fields::Named(named) => {
                        let names = named.named.iter().map(|f| &f.ident);
                        quote!(#ident::#name { #( #names: #bindings ),* })
                    }
                    syn::Fields::Unnamed(_) => quote!(#ident::#name( #( #bindings ),* )),
                    syn::Fields::Unit => quote!(#ident::#name),
                };
                let visits = visit_each(bindings.iter().map(|b| quote!(*#b)), &visitor);
                quote!(#pattern => { #visits })
            });
            quote! {
                match self {
                    #( #arms )*
                }
            }
        }
        syn::Data::Union(u) => {
            return Err(syn::Error::new_spanned(
                u.union_token,
                "#[derive(hpy::Traverse)] does not support unions",
            ));
        }
    };
    Ok(quote! {
        // SAFETY: visits every member exactly once (members that hold no fields visit
        // nothing), and only the value's own members.
        unsafe impl ::hpy::Traverse for #ident {
            unsafe fn traverse(&self, #visitor: &mut ::hpy::Visitor<'_>) -> ::core::ffi::c_int {
                use ::hpy::__private::{VisitsFields as _, VisitsNothing as _};
                #body
                0
            }
        }
    })
}
