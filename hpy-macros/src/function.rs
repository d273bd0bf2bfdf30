//! `#[hpy::function]`: the HPy definition of a Rust function, emitted in a hidden module
//! next to the untouched function. Parse (options, parameters) → model ([`Callable`]) → emit
//! ([`callable_items`]).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::callable::emit::callable_items;
use crate::callable::{Callable, Definition, ItemNames, output_span};
use crate::diagnostics::Errors;
use crate::docs::docstring;
use crate::options::FunctionOptions;
use crate::params;
use crate::text_signature::{check_given, docstring_with_signature};

/// The hidden module's name for the `#[hpy::function]` `ident`: a name of its own, so that no
/// function name (`std`, `log`, ...) can shadow a crate in the user's module.
pub fn definition_module(ident: &Ident) -> Ident {
    format_ident!("__hpy_fn_{}", ident)
}

/// The argument `#[hpy::module]` puts first in the `#[hpy::function]`s it registers: a
/// function without it is outside the module, where nothing would export it.
const IN_MODULE: &str = "__hpy_in_module";

/// Marks the `#[hpy::function]` attribute `attr` as inside the `#[hpy::module]` (which
/// registers the function).
pub fn mark_in_module(attr: &mut syn::Attribute) {
    let marker = format_ident!("{}", IN_MODULE);
    let path = attr.path().clone();
    attr.meta = match &attr.meta {
        syn::Meta::Path(_) => syn::parse_quote!(#path(#marker)),
        syn::Meta::List(list) => {
            let tokens = &list.tokens;
            syn::parse_quote!(#path(#marker, #tokens))
        }
        // Not an attribute macro's syntax: rustc reports it.
        syn::Meta::NameValue(_) => return,
    };
}

/// `attr` without the [`IN_MODULE`] marker, and whether it had it.
fn take_module_marker(attr: TokenStream) -> (bool, TokenStream) {
    let mut tokens = attr.into_iter().peekable();
    let marked = matches!(tokens.peek(), Some(proc_macro2::TokenTree::Ident(i)) if i == IN_MODULE);
    if marked {
        tokens.next();
        // The comma before the user's own options, if any.
        tokens.next();
    }
    (marked, tokens.collect())
}

/// Expands `#[hpy::function(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let func: syn::ItemFn = syn::parse2(item)?;
    let (in_module, attr) = take_module_marker(attr);
    // A function with `self` is in an impl block: the error below says where it belongs.
    if !in_module && func.sig.receiver().is_none() {
        let error = syn::Error::new_spanned(
            &func.sig.ident,
            "a #[hpy::function] is exported only from inside the `#[hpy::module] mod`: move \
             it into that module",
        )
        .into_compile_error();
        return Ok(quote!(#func #error));
    }
    let mut errors = Errors::default();
    let options: FunctionOptions = syn::parse2(attr).unwrap_or_else(|e| {
        errors.add(e);
        FunctionOptions::default()
    });
    check_fn_shape(&func, &mut errors);
    let params = params::analyse(&func.sig, options.signature.as_ref(), &mut errors);
    params::check_annotations(&params, &options.annotations, &mut errors);
    if let Some(given) = &options.text_signature
        && let Err(e) = check_given(given)
    {
        errors.add(e);
    }
    let py_name = options
        .name
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_else(|| syn::ext::IdentExt::unraw(&func.sig.ident).to_string());
    if let Err(errors) = errors.finish() {
        // Keep the function and a placeholder definition, so that the only errors reported are
        // these (not "cannot find `f::DEF`" from `#[hpy::module]`); a function with `self` is
        // in an impl block, where a module cannot go.
        let (vis, module) = (&func.vis, definition_module(&func.sig.ident));
        let errors = errors.into_compile_error();
        let placeholder = func.sig.receiver().is_none().then(|| {
            quote! {
                #[doc(hidden)]
                #vis mod #module {
                    pub use ::hpy::__private::INVALID_FUNCTION as DEF;
                }
            }
        });
        return Ok(quote! {
            #func
            #errors
            #placeholder
        });
    }

    let given = options.text_signature.as_ref().map(syn::LitStr::value);
    let doc = docstring_with_signature(
        &py_name,
        &params,
        "$module",
        given.as_deref(),
        docstring(&func.attrs).as_deref(),
    );
    let ident = &func.sig.ident;
    let callable = Callable {
        params,
        definition: Definition::Method,
        function: py_name.clone(),
        owner: None,
        ret_span: output_span(&func.sig),
        py_name,
        doc,
        callee: quote!(super::#ident),
        receiver: None,
        hidden_class: false,
        next_item: false,
    };
    let definition = definition(&func, &callable)?;
    Ok(quote! {
        #func
        #definition
    })
}

/// The `#[hpy::function]`'s hidden module with `DEF`, the impl and the trampoline.
fn definition(func: &syn::ItemFn, callable: &Callable) -> syn::Result<TokenStream> {
    let vis = &func.vis;
    let module = definition_module(&func.sig.ident);
    let names = ItemNames {
        def: format_ident!("__DEF"),
        parameters: format_ident!("PARAMETERS"),
        impl_fn: format_ident!("__impl"),
        trampoline: format_ident!("__trampoline"),
    };
    let items = callable_items(callable, &names, quote!(), func.sig.ident.span())?;
    Ok(quote! {
        #[doc(hidden)]
        #[allow(
            non_snake_case,
            unused_imports,
            clippy::needless_lifetimes,
            clippy::redundant_closure_call
        )]
        #vis mod #module {
            use super::*;

            #items

            // SAFETY: `__DEF` is this function's method definition.
            pub static DEF: ::hpy::__private::FunctionDef =
                unsafe { ::hpy::__private::FunctionDef::new(&__DEF) };
        }
    })
}

fn check_fn_shape(func: &syn::ItemFn, errors: &mut Errors) {
    let sig = &func.sig;
    if let Some(a) = &sig.asyncness {
        errors.push(a, "#[hpy::function] cannot be `async`");
    }
    if let Some(u) = &sig.unsafety {
        errors.push(
            u,
            "#[hpy::function] cannot be `unsafe`: the generated code could not uphold its contract",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.push(
            abi,
            "#[hpy::function] must be a plain Rust function (no `extern`)",
        );
    }
    if let Some(v) = &sig.variadic {
        errors.push(v, "variadic functions are not supported");
    }
    for g in &sig.generics.params {
        if !matches!(g, syn::GenericParam::Lifetime(_)) {
            errors.push(g, "#[hpy::function] cannot be generic (lifetimes are fine)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::callable::{Convention, convention};

    fn conv(options: TokenStream, f: syn::ItemFn) -> Convention {
        let options: FunctionOptions = syn::parse2(options).unwrap();
        let mut errors = Errors::default();
        let params = params::analyse(&f.sig, options.signature.as_ref(), &mut errors);
        errors.finish().unwrap();
        convention(&params)
    }

    #[test]
    fn picks_the_cheapest_equivalent_convention() {
        assert_eq!(
            conv(quote!(), syn::parse_quote! { fn f() {} }),
            Convention::NoArgs
        );
        assert_eq!(
            conv(quote!(), syn::parse_quote! { fn f(cx: Context<'_>) {} }),
            Convention::NoArgs
        );
        assert_eq!(
            conv(
                quote!(signature = (x, /)),
                syn::parse_quote! { fn f(x: i64) {} }
            ),
            Convention::O
        );
        assert_eq!(
            conv(quote!(), syn::parse_quote! { fn f(x: i64) {} }),
            Convention::Keywords,
            "a positional-or-keyword parameter can be passed by keyword"
        );
        assert_eq!(
            conv(
                quote!(signature = (x, y, /)),
                syn::parse_quote! { fn f(x: i64, y: i64) {} }
            ),
            Convention::VarArgs
        );
        assert_eq!(
            conv(
                quote!(signature = (*xs)),
                syn::parse_quote! { fn f(xs: Vec<i64>) {} }
            ),
            Convention::VarArgs
        );
        assert_eq!(
            conv(
                quote!(signature = (x = 1, /)),
                syn::parse_quote! { fn f(x: i64) {} }
            ),
            Convention::VarArgs,
            "METH_O cannot express an optional argument"
        );
    }

    /// The options `attr` as `#[hpy::module]` leaves them: marked as inside the module.
    fn mark(attr: TokenStream) -> TokenStream {
        let mut attribute: syn::Attribute = syn::parse_quote!(#[hpy::function(#attr)]);
        mark_in_module(&mut attribute);
        crate::names::attribute_arguments(&attribute).unwrap()
    }

    fn expand_err(attr: TokenStream, item: TokenStream) -> String {
        crate::diagnostics::compile_errors(expand(mark(attr), item))
    }

    #[test]
    fn annotations_name_parameters_or_the_return_value() {
        let marked = mark(quote!(annotations(x = "int", y = "str", return = "int")));
        assert_eq!(
            crate::diagnostics::compile_errors(expand(
                marked,
                quote! { fn f(x: i64) -> i64 { x } }
            )),
            "`y` in `annotations` is neither a parameter nor `return`"
        );
    }

    #[test]
    fn a_function_outside_the_module_is_an_error() {
        assert_eq!(
            crate::diagnostics::compile_errors(expand(quote!(), quote! { fn f() {} })),
            "a #[hpy::function] is exported only from inside the `#[hpy::module] mod`: move it \
             into that module"
        );
    }

    #[test]
    fn the_module_marker_keeps_the_options() {
        for attr in [quote!(), quote!(name = "g"), quote!(signature = (a, /))] {
            let (in_module, rest) = take_module_marker(mark(attr.clone()));
            assert!(in_module);
            assert_eq!(rest.to_string(), attr.to_string());
        }
    }

    #[test]
    fn rejects_what_python_rejects() {
        let e = expand_err(
            quote!(signature = (a = 1, b)),
            quote! { fn f(a: i64, b: i64) {} },
        );
        assert_eq!(
            e,
            "parameter without a default follows parameter with a default"
        );
        let e = expand_err(quote!(signature = (a, *)), quote! { fn f(a: i64) {} });
        assert_eq!(e, "named parameters must follow a bare `*`");
        let e = expand_err(quote!(signature = (/, a)), quote! { fn f(a: i64) {} });
        assert_eq!(e, "at least one parameter must precede `/`");
    }

    #[test]
    fn reports_every_mistake_at_once() {
        let e = expand_err(
            quote!(),
            quote! { async fn f<T>(self, (a, b): (i64, i64)) {} },
        );
        assert_eq!(
            e,
            "#[hpy::function] cannot be `async` | #[hpy::function] cannot be generic (lifetimes are fine) | \
             #[hpy::function] cannot take `self`; methods belong in a #[hpy::methods] impl block | \
             parameters of a #[hpy::function] must be plain identifiers"
        );
    }

    #[test]
    fn arguments_cannot_be_borrowed_for_the_context() {
        let e = expand_err(
            quote!(),
            quote! { fn f<'a>(cx: Context<'a>, x: &'a Handle<'a>, y: Option<&'a str>) {} },
        );
        assert_eq!(
            e,
            "an argument cannot be borrowed for the context's lifetime `'a`: the arguments are \
             lent to the call only; leave the borrow's lifetime out (`&Handle<'a>`, not \
             `&'a Handle<'a>`) | an argument cannot be borrowed for the context's lifetime \
             `'a`: the arguments are lent to the call only; leave the borrow's lifetime out \
             (`&Handle<'a>`, not `&'a Handle<'a>`)"
        );
        let fine = expand(
            mark(quote!()),
            quote! { fn f<'a, 'b>(cx: Context<'a>, x: &'b Handle<'a>, y: &Handle<'_>) {} },
        );
        assert!(fine.is_ok_and(|t| !t.to_string().contains("compile_error")));
    }

    #[test]
    fn signature_must_follow_parameter_order() {
        let e = expand_err(
            quote!(signature = (b, a)),
            quote! { fn f(a: i64, b: i64) {} },
        );
        assert_eq!(
            e,
            "expected `a` here: the signature must list the function's parameters in order | \
             expected `b` here: the signature must list the function's parameters in order"
        );
        let e = expand_err(quote!(signature = (a)), quote! { fn f(a: i64, b: i64) {} });
        assert_eq!(e, "the signature does not list `b`");
        let e = expand_err(
            quote!(signature = (*a)),
            quote! { fn f(a: &mut hpy::VarArgs<'_>) {} },
        );
        assert_eq!(
            e,
            "a `*args` parameter cannot be `&mut`: the arguments are lent to the call; take \
             `&hpy::VarArgs<'_>`, `Vec<T>` or another `hpy::FromVarargs` type"
        );
    }
}
