//! `#[hpy::exception(base = ValueError)]` on a unit struct: a custom exception type, created in
//! the module (`module.Name`, subclassable from Python), usable like the builtin ones
//! (`Name::new_err("...")`, `Error::new(Name, ...)`, `err.matches(cx, Name)`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::Parser;

use crate::docs::docstring;
use crate::literal::c_literal;

/// The `base = ...` option.
fn parse_base(attr: TokenStream) -> syn::Result<Option<syn::Expr>> {
    let mut base: Option<syn::Expr> = None;
    syn::meta::parser(|meta| {
        if meta.path.is_ident("base") {
            base = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error("expected `base = ExceptionType`"))
        }
    })
    .parse2(attr)?;
    Ok(base)
}

/// The base `attr` of `#[hpy::exception]` on the struct `s`, or why the struct cannot be an
/// exception.
fn check(attr: TokenStream, s: &syn::ItemStruct) -> syn::Result<Option<syn::Expr>> {
    let base = parse_base(attr)?;
    if !matches!(s.fields, syn::Fields::Unit) || !s.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            s,
            "#[hpy::exception] goes on a unit struct: `struct MyError;`",
        ));
    }
    Ok(base)
}

/// Whether `#[hpy::module]` registers the struct `s`, marked with the exception attribute
/// `attr`: not when `#[hpy::exception]` reports an error for it.
pub fn registers(attr: &syn::Attribute, s: &syn::ItemStruct) -> bool {
    crate::names::attribute_arguments(attr).is_some_and(|tokens| check(tokens, s).is_ok())
}

/// The Rust name of the base of the exception `s` marked with `attr` (`Exception` by
/// default), for its stub; `None` when `#[hpy::exception]` reports an error for it.
pub fn stub_base(attr: &syn::Attribute, s: &syn::ItemStruct) -> Option<String> {
    let base = check(crate::names::attribute_arguments(attr)?, s).ok()?;
    Some(match base {
        Some(syn::Expr::Path(p)) => p.path.segments.last()?.ident.to_string(),
        Some(_) => return None,
        None => "Exception".to_owned(),
    })
}

/// Expands `#[hpy::exception(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let strukt: syn::ItemStruct = syn::parse2(item)?;
    let base = match check(attr, &strukt) {
        Ok(base) => base,
        // The struct stays, so that uses of it report nothing more.
        Err(e) => {
            let error = e.into_compile_error();
            return Ok(quote!(#strukt #error));
        }
    };
    let ident = &strukt.ident;
    let name = ident.to_string();
    let base = base.unwrap_or_else(|| syn::parse_quote!(::hpy::exceptions::Exception));
    let doc = match docstring(&strukt.attrs) {
        Some(doc) => {
            let doc = c_literal(&doc, ident.span())?;
            quote!(::core::option::Option::Some(#doc))
        }
        None => quote!(::core::option::Option::None),
    };
    let hpy = quote!(::hpy::__private);
    Ok(quote! {
        #strukt

        const _: () = {
            static TYPE_OBJECT: ::hpy::TypeObject = ::hpy::TypeObject::new();
            static INFO: #hpy::ExceptionInfo = #hpy::ExceptionInfo {
                name: #name,
                doc: #doc,
                base: || ::core::convert::Into::<::hpy::exceptions::ExceptionType>::into(#base),
            };

            // SAFETY: `TYPE_OBJECT` is this exception's own static, which only
            // `register_exception::<#ident>` fills.
            unsafe impl #hpy::PyException for #ident {
                const TYPE_OBJECT: &'static ::hpy::TypeObject = &TYPE_OBJECT;
                const INFO: &'static #hpy::ExceptionInfo = &INFO;
            }

            impl ::core::convert::From<#ident> for ::hpy::exceptions::ExceptionType {
                fn from(_: #ident) -> Self {
                    ::hpy::exceptions::ExceptionType::from_type_object(#name, &TYPE_OBJECT)
                }
            }

            impl #ident {
                #[doc = concat!("A pending `", #name, "` with the given message.")]
                pub fn new_err(
                    message: impl ::core::convert::Into<::std::borrow::Cow<'static, str>>,
                ) -> ::hpy::Error {
                    ::hpy::Error::new(#ident, message)
                }
            }
        };
    })
}
