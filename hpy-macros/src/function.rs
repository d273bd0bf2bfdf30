//! `#[hpy::function]`: the HPy definition of a Rust function.
//!
//! Next to the untouched function `f` it emits a hidden module `f` (functions and modules live
//! in different namespaces) holding:
//! * `DEF`, the static `HPyDef` that `#[hpy::module]` lists;
//! * `__impl`, the function with the HPy calling convention, which binds and converts the
//!   arguments in straight-line code and calls `f` inside the panic-catching boundary;
//! * `__trampoline`, the CPython-ABI entry that routes the call through the runtime's
//!   `ctx_CallRealFunctionFromTrampoline`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

use crate::diagnostics::Errors;
use crate::docs::docstring;
use crate::params::{self, Default, Kind, Param, ParamList, PyParam};
use crate::signature::FunctionOptions;
use crate::text_signature::docstring_with_signature;

/// The calling convention chosen for a function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Convention {
    /// No parameters: `HPyFunc_NOARGS`.
    NoArgs,
    /// One positional-only parameter: `HPyFunc_O`.
    O,
    /// Positional-only parameters (and maybe `*args`): `HPyFunc_VARARGS`.
    VarArgs,
    /// Everything else: `HPyFunc_KEYWORDS`.
    Keywords,
}

/// The cheapest convention that keeps the semantics of the equivalent `def`.
pub fn convention(params: &ParamList) -> Convention {
    let python: Vec<&PyParam> = params.python().collect();
    let all_positional_only = python
        .iter()
        .all(|p| matches!(p.kind, Kind::PositionalOnly | Kind::VarArgs));
    match python.as_slice() {
        [] => Convention::NoArgs,
        [p] if p.kind == Kind::PositionalOnly && p.default.is_none() => Convention::O,
        _ if all_positional_only => Convention::VarArgs,
        _ => Convention::Keywords,
    }
}

/// Expands `#[hpy::function(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let options: FunctionOptions = syn::parse2(attr)?;
    let func: syn::ItemFn = syn::parse2(item)?;
    let mut errors = Errors::default();
    check_fn_shape(&func, &mut errors);
    let params = params::analyse(&func.sig, options.signature.as_ref(), &mut errors);
    let py_name = options
        .name
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_else(|| syn::ext::IdentExt::unraw(&func.sig.ident).to_string());
    if let Err(errors) = errors.finish() {
        // Keep the function and a placeholder definition, so that the only errors reported are
        // these (not "cannot find `f::DEF`" from `#[hpy::module]`).
        let (vis, ident) = (&func.vis, &func.sig.ident);
        let errors = errors.into_compile_error();
        return Ok(quote! {
            #func
            #errors
            #[doc(hidden)]
            #vis mod #ident {
                pub use ::hpy::__private::INVALID_DEF as DEF;
            }
        });
    }

    let doc = docstring_with_signature(&py_name, &params, docstring(&func.attrs).as_deref());
    let definition = definition(&func, &params, &py_name, &doc)?;
    Ok(quote! {
        #func
        #definition
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

/// The hidden module with `DEF`, `__impl` and `__trampoline`.
fn definition(
    func: &syn::ItemFn,
    params: &ParamList,
    py_name: &str,
    doc: &str,
) -> syn::Result<TokenStream> {
    let ident = &func.sig.ident;
    let vis = &func.vis;
    let name = c_literal(py_name, ident.span())?;
    let doc = c_literal(doc, ident.span())?;
    let signature = signature_static(params, py_name);
    let conversions = conversions(params);
    let call_args = call_args(params);
    let call = quote! {
        let __ret = super::#ident(#(#call_args),*);
        ::hpy::__private::IntoReturn::into_return(__ret, cx).map(::hpy::Handle::into_raw)
    };
    let hpy = quote!(::hpy::__private);
    let (def, impl_fn, trampoline) = match convention(params) {
        Convention::NoArgs => (
            quote!(#hpy::Def::noargs(#name, __impl, __trampoline, #doc)),
            quote! {
                unsafe extern "C" fn __impl(
                    ctx: *mut #hpy::HPyContext,
                    _self: #hpy::ffi::HPy,
                ) -> #hpy::ffi::HPy {
                    // SAFETY: the runtime calls this with the call's context.
                    unsafe { #hpy::run(ctx, #hpy::ffi::HPy_NULL, |cx| { #call }) }
                }
            },
            quote! {
                unsafe extern "C" fn __trampoline(
                    self_: *mut #hpy::cpy_PyObject,
                ) -> *mut #hpy::cpy_PyObject {
                    // SAFETY: CPython calls this as a METH_NOARGS function.
                    unsafe { #hpy::trampoline::noargs(__impl, self_) }
                }
            },
        ),
        Convention::O => (
            quote!(#hpy::Def::o(#name, __impl, __trampoline, #doc)),
            quote! {
                unsafe extern "C" fn __impl(
                    ctx: *mut #hpy::HPyContext,
                    _self: #hpy::ffi::HPy,
                    arg: #hpy::ffi::HPy,
                ) -> #hpy::ffi::HPy {
                    // SAFETY: the runtime calls this with the call's context and a lent argument.
                    unsafe {
                        #hpy::run_o(ctx, #hpy::ffi::HPy_NULL, arg, |cx, __arg| {
                            let __bound = #hpy::Bound::<1>::single(__arg);
                            #conversions
                            #call
                        })
                    }
                }
            },
            quote! {
                unsafe extern "C" fn __trampoline(
                    self_: *mut #hpy::cpy_PyObject,
                    arg: *mut #hpy::cpy_PyObject,
                ) -> *mut #hpy::cpy_PyObject {
                    // SAFETY: CPython calls this as a METH_O function.
                    unsafe { #hpy::trampoline::o(__impl, self_, arg) }
                }
            },
        ),
        Convention::VarArgs => (
            quote!(#hpy::Def::varargs(#name, __impl, __trampoline, #doc)),
            quote! {
                unsafe extern "C" fn __impl(
                    ctx: *mut #hpy::HPyContext,
                    _self: #hpy::ffi::HPy,
                    args: *const #hpy::ffi::HPy,
                    nargs: usize,
                ) -> #hpy::ffi::HPy {
                    // SAFETY: the runtime calls this with the call's context and `nargs`
                    // lent arguments.
                    unsafe {
                        #hpy::run_varargs(ctx, args, nargs, |cx, args| {
                            let __bound = SIGNATURE.bind(&args)?;
                            #conversions
                            #call
                        })
                    }
                }
            },
            quote! {
                unsafe extern "C" fn __trampoline(
                    self_: *mut #hpy::cpy_PyObject,
                    args: *const *mut #hpy::cpy_PyObject,
                    nargs: #hpy::ffi::HPy_ssize_t,
                ) -> *mut #hpy::cpy_PyObject {
                    // SAFETY: CPython calls this as a METH_FASTCALL function.
                    unsafe { #hpy::trampoline::varargs(__impl, self_, args, nargs) }
                }
            },
        ),
        Convention::Keywords => (
            quote!(#hpy::Def::keywords(#name, __impl, __trampoline, #doc)),
            quote! {
                unsafe extern "C" fn __impl(
                    ctx: *mut #hpy::HPyContext,
                    _self: #hpy::ffi::HPy,
                    args: *const #hpy::ffi::HPy,
                    nargs: usize,
                    kwnames: #hpy::ffi::HPy,
                ) -> #hpy::ffi::HPy {
                    // SAFETY: the runtime calls this with the call's context and a lent
                    // vectorcall argument vector.
                    unsafe {
                        #hpy::run_keywords(ctx, args, nargs, kwnames, |cx, args| {
                            let __bound = SIGNATURE.bind(&args)?;
                            #conversions
                            #call
                        })
                    }
                }
            },
            quote! {
                unsafe extern "C" fn __trampoline(
                    self_: *mut #hpy::cpy_PyObject,
                    args: *const *mut #hpy::cpy_PyObject,
                    nargsf: usize,
                    kwnames: *mut #hpy::cpy_PyObject,
                ) -> *mut #hpy::cpy_PyObject {
                    // SAFETY: CPython calls this as a METH_FASTCALL | METH_KEYWORDS function.
                    unsafe { #hpy::trampoline::keywords(__impl, self_, args, nargsf, kwnames) }
                }
            },
        ),
    };
    let uses_signature = convention(params) != Convention::NoArgs;
    let signature = uses_signature.then_some(signature);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_snake_case, unused_imports, clippy::needless_lifetimes)]
        #vis mod #ident {
            use super::*;

            /// The HPy definition of the function, listed by `#[hpy::module]`.
            pub static DEF: #hpy::Def = #def;

            #signature

            #impl_fn

            #trampoline
        }
    })
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

/// `let __arg_<i>: T = ...;` for every Python parameter, in order.
fn conversions(params: &ParamList) -> TokenStream {
    let mut out = TokenStream::new();
    let mut named_index = 0usize;
    for (i, param) in params.params.iter().enumerate() {
        let Param::Python(p) = param else { continue };
        let var = format_ident!("__arg_{}", i);
        let ty = elide_lifetimes(&p.ty);
        let tokens = match p.kind {
            Kind::VarArgs => {
                let name = &p.name;
                quote! {
                    let #var: #ty = ::hpy::__private::extract_varargs(&__bound.varargs, &SIGNATURE, #name)?;
                }
            }
            Kind::VarKw => {
                let name = &p.name;
                quote! {
                    let #var: #ty = __bound.extract_varkw(&SIGNATURE, #name)?;
                }
            }
            _ => {
                let index = named_index;
                named_index += 1;
                match &p.default {
                    None => quote! {
                        let #var: #ty = ::hpy::__private::extract(__bound.required(#index), &SIGNATURE, #index)?;
                    },
                    Some(default) => {
                        let default = match default {
                            Default::Expr(e) => quote!(#e),
                            Default::ImpliedNone => quote!(::core::option::Option::None),
                        };
                        quote! {
                            let #var: #ty = match __bound.get(#index) {
                                ::core::option::Option::Some(__h) => ::hpy::__private::extract(__h, &SIGNATURE, #index)?,
                                ::core::option::Option::None => #default,
                            };
                        }
                    }
                }
            }
        };
        out.extend(tokens);
    }
    out
}

/// The arguments passed to the user's function: the context or the converted values.
fn call_args(params: &ParamList) -> Vec<TokenStream> {
    params
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| match p {
            Param::Context => quote!(cx),
            Param::Python(_) => {
                let var = format_ident!("__arg_{}", i);
                quote!(#var)
            }
        })
        .collect()
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

/// A C string literal (`c"..."`), or an error if the text holds a NUL.
pub fn c_literal(text: &str, span: Span) -> syn::Result<proc_macro2::Literal> {
    let c = std::ffi::CString::new(text)
        .map_err(|_| syn::Error::new(span, "names and docstrings cannot contain NUL characters"))?;
    let mut lit = proc_macro2::Literal::c_string(&c);
    lit.set_span(span);
    Ok(lit)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn expand_err(attr: TokenStream, item: TokenStream) -> String {
        crate::diagnostics::compile_errors(expand(attr, item))
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
        let e = expand_err(quote!(signature = (*a)), quote! { fn f(a: i64) {} });
        assert_eq!(e, "a `*args` parameter must have type `Vec<T>`");
    }

    #[test]
    fn elides_named_lifetimes() {
        let ty: syn::Type = syn::parse_quote!(&'a Handle<'ctx>);
        let out = elide_lifetimes(&ty);
        assert_eq!(quote!(#out).to_string(), quote!(&'_ Handle<'_>).to_string());
    }
}
