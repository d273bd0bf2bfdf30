//! Code generation for `#[hpy::function]`: the hidden module `__hpy_fn_<name>` holding `DEF`
//! (the static `HPyDef`), `__impl` (the HPy-convention function: bind, convert, call inside
//! the panic-catching boundary) and `__trampoline` (the CPython-ABI entry that goes through
//! the runtime's `ctx_CallRealFunctionFromTrampoline`).
//!
//! Every local name the generated code introduces has `Span::mixed_site()` hygiene, so the
//! user's default expressions cannot see (or be captured by) them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::Convention;
use crate::literal::c_literal;
use crate::params::{Default, Kind, Param, ParamList, PyParam};

/// The hidden module's name for the function `ident`: a name of its own, so that no function
/// name (`std`, `log`, ...) can shadow a crate in the user's module.
pub fn definition_module(ident: &Ident) -> Ident {
    format_ident!("__hpy_fn_{}", ident)
}

/// A generated local name, invisible to user tokens.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// What differs between the calling conventions.
struct Shape {
    /// The `Def` constructor.
    constructor: Ident,
    /// `__impl`'s parameters after `ctx` and `self`.
    impl_params: TokenStream,
    /// `__impl`'s body, given the code that binds the arguments and calls the function.
    run: TokenStream,
    /// `__trampoline`'s parameters and the `trampoline::*` call forwarding them.
    trampoline_params: TokenStream,
    trampoline_call: TokenStream,
}

/// The hidden module with `DEF`, `__impl` and `__trampoline`.
pub fn definition(
    func: &syn::ItemFn,
    params: &ParamList,
    convention: Convention,
    py_name: &str,
    doc: &str,
) -> syn::Result<TokenStream> {
    let ident = &func.sig.ident;
    let vis = &func.vis;
    let module = definition_module(ident);
    let name = c_literal(py_name, ident.span())?;
    let doc = c_literal(doc, ident.span())?;
    let shape = shape(convention, &bind_and_call(ident, params));
    let Shape {
        constructor,
        impl_params,
        run,
        trampoline_params,
        trampoline_call,
    } = shape;
    let signature = (convention != Convention::NoArgs).then(|| signature_static(params, py_name));
    let hpy = quote!(::hpy::__private);
    let ctx = local("ctx");
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_snake_case, unused_imports, clippy::needless_lifetimes)]
        #vis mod #module {
            use super::*;

            /// The HPy definition of the function, listed by `#[hpy::module]`.
            pub static DEF: #hpy::Def = #hpy::Def::#constructor(#name, __impl, __trampoline, #doc);

            #signature

            unsafe extern "C" fn __impl(
                #ctx: *mut #hpy::HPyContext,
                _: #hpy::ffi::HPy,
                #impl_params
            ) -> #hpy::ffi::HPy {
                // SAFETY: the runtime calls the impl with the call's context and lends the
                // arguments for the whole call, as `run*` require.
                unsafe { #run }
            }

            unsafe extern "C" fn __trampoline(#trampoline_params) -> *mut #hpy::cpy_PyObject {
                // SAFETY: CPython calls the trampoline with the arguments of this convention.
                unsafe { #hpy::trampoline::#trampoline_call }
            }
        }
    })
}

fn shape(convention: Convention, bind_and_call: &TokenStream) -> Shape {
    let hpy = quote!(::hpy::__private);
    let (ctx, cx, args, nargs, kwnames, arg, bound) = (
        local("ctx"),
        local("cx"),
        local("args"),
        local("nargs"),
        local("kwnames"),
        local("arg"),
        local("__bound"),
    );
    let py = quote!(*mut #hpy::cpy_PyObject);
    match convention {
        Convention::NoArgs => Shape {
            constructor: local("noargs"),
            impl_params: quote!(),
            run: quote!(#hpy::run(#ctx, #hpy::ffi::HPy_NULL, |#cx| { #bind_and_call })),
            trampoline_params: quote!(self_: #py),
            trampoline_call: quote!(noargs(__impl, self_)),
        },
        Convention::O => Shape {
            constructor: local("o"),
            impl_params: quote!(#arg: #hpy::ffi::HPy),
            run: quote! {
                #hpy::run_o(#ctx, #hpy::ffi::HPy_NULL, #arg, |#cx, #arg| {
                    let #bound = #hpy::Bound::<1>::single(#arg);
                    #bind_and_call
                })
            },
            trampoline_params: quote!(self_: #py, arg: #py),
            trampoline_call: quote!(o(__impl, self_, arg)),
        },
        Convention::VarArgs => Shape {
            constructor: local("varargs"),
            impl_params: quote!(#args: *const #hpy::ffi::HPy, #nargs: usize),
            run: quote! {
                #hpy::run_varargs(#ctx, #args, #nargs, |#cx, #args| {
                    let #bound = SIGNATURE.bind(&#args)?;
                    #bind_and_call
                })
            },
            trampoline_params: quote! {
                self_: #py, args: *const #py, nargs: #hpy::ffi::HPy_ssize_t
            },
            trampoline_call: quote!(varargs(__impl, self_, args, nargs)),
        },
        Convention::Keywords => Shape {
            constructor: local("keywords"),
            impl_params: quote! {
                #args: *const #hpy::ffi::HPy, #nargs: usize, #kwnames: #hpy::ffi::HPy
            },
            run: quote! {
                #hpy::run_keywords(#ctx, #args, #nargs, #kwnames, |#cx, #args| {
                    let #bound = SIGNATURE.bind(&#args)?;
                    #bind_and_call
                })
            },
            trampoline_params: quote! {
                self_: #py, args: *const #py, nargsf: usize, kwnames: #py
            },
            trampoline_call: quote!(keywords(__impl, self_, args, nargsf, kwnames)),
        },
    }
}

/// Converts every argument, calls the function and converts its return value.
fn bind_and_call(ident: &Ident, params: &ParamList) -> TokenStream {
    let conversions = conversions(params);
    let cx = local("cx");
    let call_args = params.params.iter().enumerate().map(|(i, p)| match p {
        Param::Context => quote!(#cx),
        Param::Python(_) => {
            let var = local(&format!("__arg_{i}"));
            quote!(#var)
        }
    });
    let ret = local("__ret");
    quote! {
        #conversions
        let #ret = super::#ident(#(#call_args),*);
        ::hpy::__private::IntoReturn::into_return(#ret, #cx).map(::hpy::Handle::into_raw)
    }
}

/// The static argument descriptor the binder and the error messages use.
fn signature_static(params: &ParamList, py_name: &str) -> TokenStream {
    let named: Vec<&PyParam> = params.named().collect();
    let names = named.iter().map(|p| &p.name);
    let required = named.iter().map(|p| p.default.is_none());
    let positional = named
        .iter()
        .filter(|p| matches!(p.kind, Kind::PositionalOnly | Kind::PositionalOrKeyword))
        .count();
    let positional_only = params.count(Kind::PositionalOnly);
    let varargs = params.has(Kind::VarArgs);
    let varkw = params.has(Kind::VarKw);
    let n = named.len();
    quote! {
        static SIGNATURE: ::hpy::__private::Signature<#n> = ::hpy::__private::Signature {
            function: #py_name,
            params: [#(#names),*],
            positional: #positional,
            positional_only: #positional_only,
            required: [#(#required),*],
            varargs: #varargs,
            varkw: #varkw,
        };
    }
}

/// `let __arg_<i>: T = ...;` for every Python parameter, in order; a default is evaluated
/// only when its argument is absent.
fn conversions(params: &ParamList) -> TokenStream {
    let bound = local("__bound");
    let mut named_index = 0usize;
    let mut out = TokenStream::new();
    for (i, param) in params.params.iter().enumerate() {
        let Param::Python(p) = param else { continue };
        let var = local(&format!("__arg_{i}"));
        let ty = elide_lifetimes(&p.ty);
        let name = &p.name;
        let value = match p.kind {
            Kind::VarArgs => quote! {
                ::hpy::__private::extract_varargs(&#bound.varargs, &SIGNATURE, #name)?
            },
            Kind::VarKw => quote!(#bound.extract_varkw(&SIGNATURE, #name)?),
            _ => {
                let index = named_index;
                named_index += 1;
                let extract =
                    |h: TokenStream| quote!(::hpy::__private::extract(#h, &SIGNATURE, #index)?);
                match &p.default {
                    None => extract(quote!(#bound.required(#index))),
                    Some(default) => {
                        let default = match default {
                            Default::Expr(e) => quote!(#e),
                            Default::ImpliedNone => quote!(::core::option::Option::None),
                        };
                        let h = local("__h");
                        let present = extract(quote!(#h));
                        quote! {
                            match #bound.get(#index) {
                                ::core::option::Option::Some(#h) => #present,
                                ::core::option::Option::None => #default,
                            }
                        }
                    }
                }
            }
        };
        out.extend(quote!(let #var: #ty = #value;));
    }
    out
}

/// The type with every lifetime replaced by `'_`, so it can annotate a `let` in generated
/// code where the function's own lifetime parameters are not in scope.
fn elide_lifetimes(ty: &syn::Type) -> syn::Type {
    struct Elide;
    impl syn::visit_mut::VisitMut for Elide {
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            *l = syn::Lifetime::new("'_", l.span());
        }
    }
    let mut ty = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(&mut Elide, &mut ty);
    ty
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elides_named_lifetimes() {
        let ty: syn::Type = syn::parse_quote!(&'a Handle<'ctx>);
        let out = elide_lifetimes(&ty);
        assert_eq!(quote!(#out).to_string(), quote!(&'_ Handle<'_>).to_string());
    }
}
