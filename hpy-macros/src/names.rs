//! Recognising the attributes and types the macros treat specially: attributes by their
//! path (`#[hpy::function]`, or `#[function]` after `use hpy::function`), types by their last
//! path segment.

/// Attribute names, as written after `hpy::`.
pub const FUNCTION: &str = "function";
pub const INIT: &str = "init";
pub const CONSTANT: &str = "constant";
pub const CLASS: &str = "class";
/// `#[hpy::r#type]`, the raw spelling of `#[hpy::class]`.
pub const TYPE: &str = "type";
pub const EXCEPTION: &str = "exception";

/// Whether `attr` is `#[name]`, `#[hpy::name]` or `#[::hpy::name]` (with or without
/// arguments; `r#name` counts as `name`). Another path ending in `name` — a tool attribute
/// such as `#[rustfmt::function]`, which expands to nothing — is not: the module would
/// otherwise register definitions no macro generated.
pub fn is_attr(attr: &syn::Attribute, name: &str) -> bool {
    let path = attr.path();
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|s| syn::ext::IdentExt::unraw(&s.ident).to_string())
        .collect();
    match segments.as_slice() {
        [last] => last == name && path.leading_colon.is_none(),
        [krate, last] => krate == "hpy" && last == name,
        _ => false,
    }
}

/// The last path segment of a type, if it is a plain path type.
pub fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

/// The arguments of an attribute macro as the macro receives them (`#[m]` none,
/// `#[m(a, b)]` `a, b`); `None` for the `#[m = ...]` form, which no macro accepts.
pub fn attribute_arguments(attr: &syn::Attribute) -> Option<proc_macro2::TokenStream> {
    match &attr.meta {
        syn::Meta::Path(_) => Some(proc_macro2::TokenStream::new()),
        syn::Meta::List(list) => Some(list.tokens.clone()),
        syn::Meta::NameValue(_) => None,
    }
}

/// Whether `ty` names `Context<'_>` (the call's context, not a Python argument).
pub fn is_context(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == "Context")
}

/// Whether `ty` is `Option<_>`.
pub fn is_option(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == "Option")
}

/// Whether `ty` names `Global` (a module-level `static` to register).
pub fn is_global(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == "Global")
}

#[cfg(test)]
mod tests {
    use super::is_attr;

    #[test]
    fn attributes_are_recognised_by_their_path() {
        let attr = |a: syn::Attribute| is_attr(&a, "function");
        assert!(attr(syn::parse_quote!(#[function])));
        assert!(attr(syn::parse_quote!(#[hpy::function])));
        assert!(attr(syn::parse_quote!(#[::hpy::function])));
        assert!(attr(syn::parse_quote!(#[hpy::function(name = "f")])));
        assert!(!attr(syn::parse_quote!(#[rustfmt::function])));
        assert!(!attr(syn::parse_quote!(#[other::hpy::function])));
        assert!(!attr(syn::parse_quote!(#[::function])));
        assert!(!attr(syn::parse_quote!(#[hpy::functions])));
        assert!(is_attr(&syn::parse_quote!(#[hpy::r#type]), "type"));
    }
}
