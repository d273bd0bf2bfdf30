//! Code generation for anything called with an argument list: `#[hpy::function]`s, methods,
//! static and class methods, `__call__`. [`callable_items`] emits a static `HPyDef`, a static
//! argument description, the HPy-convention `impl` (bind, convert, call inside the
//! panic-catching boundary) and the CPython-ABI trampoline (which goes through the runtime's
//! `ctx_CallRealFunctionFromTrampoline`).
//!
//! Every local name the generated code introduces has `Span::mixed_site()` hygiene, so the
//! user's default expressions cannot see (or be captured by) them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::Convention;
use crate::literal::c_literal;
use crate::params::{Default, Kind, Param, ParamList, PyParam};

/// The hidden module's name for the `#[hpy::function]` `ident`: a name of its own, so that no
/// function name (`std`, `log`, ...) can shadow a crate in the user's module.
pub fn definition_module(ident: &Ident) -> Ident {
    format_ident!("__hpy_fn_{}", ident)
}

/// A generated local name, invisible to user tokens.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// What to call and how its arguments arrive.
pub struct Callable<'a> {
    /// The parameters after the receiver.
    pub params: &'a ParamList,
    pub convention: Convention,
    /// The name in error messages (`add`, `scale`).
    pub function: String,
    /// For a method, its type, whose Python name messages put before `function`.
    pub owner: Option<syn::Type>,
    /// The Python attribute name.
    pub py_name: String,
    /// The docstring, text signature included.
    pub doc: String,
    /// The function to call (`super::add`, `<Point>::scale`).
    pub callee: TokenStream,
    /// The receiver (its setup runs with the lent `self` handle, [`self_handle`], in scope;
    /// its borrow after the arguments are converted).
    pub receiver: Option<crate::methods::receiver::ReceiverCode>,
    /// Implicit leading arguments counted in arity messages (1 for a method's `self`).
    pub implicit: usize,
    /// For a constructor (`Convention::New`): the type it creates.
    pub creates: Option<syn::Type>,
    /// Where errors about the return value point: the return type.
    pub ret_span: Span,
}

/// The span errors about a function's return value point at: its return type, else its name.
pub fn output_span(sig: &syn::Signature) -> Span {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => syn::spanned::Spanned::span(&**ty),
        syn::ReturnType::Default => sig.ident.span(),
    }
}

/// The lent `self` handle inside generated bodies.
pub fn self_handle() -> Ident {
    local("_self")
}

/// The call's context inside generated bodies.
pub fn context() -> Ident {
    local("cx")
}

/// The call's `hpy::__private::Entry` inside generated `impl` functions.
pub fn entry() -> Ident {
    local("__entry")
}

/// An `impl` function the runtime calls: `unsafe extern "C" fn name(ctx, params) -> ret`.
///
/// Its one unsafe step creates the call's `Entry` ([`entry`] in `body`). `body` is the body of
/// a nested *safe* function, so the expressions in it — user expressions such as argument
/// defaults among them — cannot perform unsafe operations unmarked: in an `unsafe fn` they
/// could, since `unsafe_op_in_unsafe_fn` is only a lint, and lints are silenced in macro
/// output.
pub fn impl_fn(
    name: &Ident,
    params: &[(Ident, TokenStream)],
    ret: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let (ctx, entry, inner) = (local("ctx"), entry(), local("__body"));
    let decls: Vec<TokenStream> = params.iter().map(|(n, t)| quote!(#n: #t)).collect();
    let names = params.iter().map(|(n, _)| n);
    quote! {
        unsafe extern "C" fn #name(#ctx: *mut ::hpy::__private::HPyContext, #(#decls),*) -> #ret {
            #[inline(always)]
            fn #inner(#entry: ::hpy::__private::Entry, #(#decls),*) -> #ret {
                #body
            }
            // SAFETY: the runtime calls the impl with the call's context (the one the module's
            // exec slot checked, or a copy) and lends it the raw handles and pointers it
            // passes, for the whole call.
            #inner(unsafe { ::hpy::__private::Entry::new(#ctx) }, #(#names),*)
        }
    }
}

/// The names of the generated items.
pub struct ItemNames {
    pub def: Ident,
    pub signature: Ident,
    pub impl_fn: Ident,
    pub trampoline: Ident,
}

impl ItemNames {
    /// Names derived from the method `base` (without its `r#`), for items that share a scope.
    pub fn for_method(base: &Ident) -> Self {
        ItemNames {
            def: format_ident!("__HPY_DEF_{}", base),
            signature: format_ident!("__HPY_SIGNATURE_{}", base),
            impl_fn: format_ident!("__hpy_impl_{}", base),
            trampoline: format_ident!("__hpy_trampoline_{}", base),
        }
    }
}

/// The `#[hpy::function]`'s hidden module with `DEF`, the impl and the trampoline.
pub fn definition(func: &syn::ItemFn, callable: &Callable) -> syn::Result<TokenStream> {
    let vis = &func.vis;
    let module = definition_module(&func.sig.ident);
    let names = ItemNames {
        def: format_ident!("__DEF"),
        signature: format_ident!("SIGNATURE"),
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

/// The static `HPyDef` (with visibility `def_vis`), the argument description, the impl and
/// the trampoline of `callable`.
pub fn callable_items(
    callable: &Callable,
    names: &ItemNames,
    def_vis: TokenStream,
    span: Span,
) -> syn::Result<TokenStream> {
    let name = c_literal(&callable.py_name, span)?;
    let doc = c_literal(&callable.doc, span)?;
    let ItemNames {
        def,
        signature,
        impl_fn: impl_fn_name,
        trampoline,
    } = names;
    let Shape {
        constructor,
        impl_params,
        run,
        trampoline_params,
        trampoline_call,
    } = shape(
        callable.convention,
        callable
            .params
            .params
            .iter()
            .any(|p| matches!(p, Param::Python(_))),
        &bind_and_call(callable, signature),
        names,
    );
    let signature_static =
        (callable.convention != Convention::NoArgs).then(|| signature_static(callable, signature));
    let hpy = quote!(::hpy::__private);
    let self_raw = local("self_raw");
    let mut params = vec![(self_raw, quote!(#hpy::ffi::HPy))];
    params.extend(impl_params);
    let impl_item = impl_fn(impl_fn_name, &params, quote!(#hpy::ffi::HPy), run);
    let memo = keyword_memo(signature);
    let def_value = match callable.convention {
        Convention::New => quote! {
            unsafe { #hpy::Def::#constructor(#hpy::ffi::HPy_tp_new, #impl_fn_name, #trampoline) }
        },
        Convention::Call => quote! {
            unsafe { #hpy::Def::#constructor(#hpy::ffi::HPy_tp_call, #impl_fn_name, #trampoline) }
                .remembering(&#memo)
        },
        Convention::Keywords => quote! {
            unsafe { #hpy::Def::#constructor(#name, #impl_fn_name, #trampoline, #doc) }
                .remembering(&#memo)
        },
        _ => quote! {
            unsafe { #hpy::Def::#constructor(#name, #impl_fn_name, #trampoline, #doc) }
        },
    };
    Ok(quote! {
        // SAFETY: the impl runs its body through an `Entry` and returns a new handle or NULL
        // with an exception set; the trampoline hands its arguments to the runtime with it.
        #def_vis static #def: #hpy::Def = #def_value;

        #signature_static

        #impl_item

        unsafe extern "C" fn #trampoline(#trampoline_params) -> *mut #hpy::cpy_PyObject {
            // SAFETY: CPython calls the trampoline with the arguments of this convention.
            unsafe { #hpy::#trampoline_call }
        }
    })
}

/// What differs between the calling conventions.
struct Shape {
    /// The `Def` constructor.
    constructor: Ident,
    /// The impl's parameters after `ctx` and `self`.
    impl_params: Vec<(Ident, TokenStream)>,
    /// The impl's body, given the code that binds the arguments and calls the function.
    run: TokenStream,
    /// The trampoline's parameters and the `trampoline::*` call forwarding them.
    trampoline_params: TokenStream,
    trampoline_call: TokenStream,
}

/// `takes_arguments`: whether the callable has a Python parameter (`*args` and `**kwargs`
/// included).
fn shape(
    convention: Convention,
    takes_arguments: bool,
    bind_and_call: &TokenStream,
    names: &ItemNames,
) -> Shape {
    let hpy = quote!(::hpy::__private);
    let class = local("__class");
    let self_raw = local("self_raw");
    let (entry, cx, args, nargs, kwnames, arg, bound) = (
        entry(),
        context(),
        local("args"),
        local("nargs"),
        local("kwnames"),
        local("arg"),
        local("__bound"),
    );
    let (impl_fn, signature) = (&names.impl_fn, &names.signature);
    let py = quote!(*mut #hpy::cpy_PyObject);
    match convention {
        Convention::NoArgs => Shape {
            constructor: local("noargs"),
            impl_params: vec![],
            run: quote!(#entry.run(#hpy::ffi::HPy_NULL, |#cx| { #bind_and_call })),
            trampoline_params: quote!(self_: #py),
            trampoline_call: quote!(trampoline::noargs(#impl_fn, self_)),
        },
        Convention::O => Shape {
            constructor: local("o"),
            impl_params: vec![(arg.clone(), quote!(#hpy::ffi::HPy))],
            run: quote! {
                #entry.run_o(#hpy::ffi::HPy_NULL, #arg, |#cx, #arg| {
                    // SAFETY: METH_O's argument is lent for the whole call.
                    let #bound = unsafe { #hpy::Bound::<1>::single(#arg) };
                    #bind_and_call
                })
            },
            trampoline_params: quote!(self_: #py, arg: #py),
            trampoline_call: quote!(trampoline::o(#impl_fn, self_, arg)),
        },
        Convention::VarArgs => Shape {
            constructor: local("varargs"),
            impl_params: vec![
                (args.clone(), quote!(*const #hpy::ffi::HPy)),
                (nargs.clone(), quote!(usize)),
            ],
            run: quote! {
                #entry.run_varargs(#args, #nargs, |#cx, #args| {
                    let mut #bound = #hpy::Bound::new();
                    #signature.bind(&#args, &mut #bound)?;
                    #bind_and_call
                })
            },
            trampoline_params: quote! {
                self_: #py, args: *const #py, nargs: #hpy::ffi::HPy_ssize_t
            },
            trampoline_call: quote!(trampoline::varargs(#impl_fn, self_, args, nargs)),
        },
        Convention::Keywords | Convention::Call => Shape {
            constructor: local(if convention == Convention::Call {
                "slot_call"
            } else {
                "keywords"
            }),
            impl_params: vec![
                (args.clone(), quote!(*const #hpy::ffi::HPy)),
                (nargs.clone(), quote!(usize)),
                (kwnames.clone(), quote!(#hpy::ffi::HPy)),
            ],
            run: quote! {
                #entry.run_keywords(#args, #nargs, #kwnames, |#cx, #args| {
                    let mut #bound = #hpy::Bound::new();
                    #signature.bind(&#args, &mut #bound)?;
                    #bind_and_call
                })
            },
            trampoline_params: quote! {
                self_: #py, args: *const #py, nargsf: usize, kwnames: #py
            },
            trampoline_call: quote!(trampoline::keywords(#impl_fn, self_, args, nargsf, kwnames)),
        },
        Convention::New => Shape {
            constructor: local("slot_new"),
            impl_params: vec![
                (args.clone(), quote!(*const #hpy::ffi::HPy)),
                (nargs.clone(), quote!(#hpy::ffi::HPy_ssize_t)),
                (kwnames.clone(), quote!(#hpy::ffi::HPy)),
            ],
            run: if takes_arguments {
                quote! {
                    #entry.run_new(#self_raw, #args, #nargs, #kwnames, |#cx, #class, #args| {
                        let mut #bound = #hpy::Bound::new();
                        #signature.bind(&#args, &mut #bound)?;
                        #bind_and_call
                    })
                }
            } else {
                quote! {
                    #entry.run_new_without_arguments(
                        &#signature, #self_raw, #args, #nargs, #kwnames,
                        |#cx, #class| { #bind_and_call },
                    )
                }
            },
            trampoline_params: quote!(self_: #py, args: #py, kw: #py),
            trampoline_call: quote!(slots::new(#impl_fn, self_, args, kw)),
        },
    }
}

/// Lends `self`, views it as its type, converts every argument, borrows the receiver, calls
/// the function and converts its return value.
fn bind_and_call(callable: &Callable, signature: &Ident) -> TokenStream {
    let (cx, this, self_raw, entry) = (context(), self_handle(), local("self_raw"), entry());
    let conversions = conversions(callable.params, signature);
    let (receiver_setup, receiver_borrow, receiver_arg) = match &callable.receiver {
        Some(r) => (r.setup.clone(), r.borrow.clone(), Some(r.arg.clone())),
        None => (quote!(), quote!(), None),
    };
    let class = local("__class");
    let creates = &callable.creates;
    let args = callable
        .params
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| match p {
            Param::Context => quote!(#cx),
            // SAFETY: `tp_new` is called with the class being instantiated: the type or a
            // subclass (CPython's `__new__` wrapper checks it).
            Param::Construct => quote!(unsafe { ::hpy::Construct::<#creates>::new(#class) }),
            Param::Python(_) => {
                let var = local(&format!("__arg_{i}"));
                quote!(#var)
            }
        });
    let args = receiver_arg.into_iter().chain(args);
    let (callee, ret) = (&callable.callee, local("__ret"));
    let ret_span = callable.ret_span;
    let finish = match creates {
        Some(ty) => quote_spanned! {ret_span=>
            // SAFETY: `tp_new` is called with the class being instantiated: the type or a
            // subclass (CPython's `__new__` wrapper checks it).
            unsafe { ::hpy::__private::new_object::<#ty, _>(#ret, #class) }
        },
        None => quote_spanned! {ret_span=>
            ::hpy::__private::return_object(#ret, #cx)
        },
    };
    quote! {
        let #this = #entry.lend(#cx, #self_raw);
        #receiver_setup
        #conversions
        #receiver_borrow
        let #ret = #callee(#(#args),*);
        #finish
    }
}

/// The static argument description the binder and the error messages use.
fn signature_static(callable: &Callable, name: &Ident) -> TokenStream {
    let params = callable.params;
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
    let (function, implicit) = (&callable.function, callable.implicit);
    // Only calls with the caller's keyword names are remembered (the definition registers
    // the memo); the other conventions share one that is never used.
    let (memo_static, memo) = match callable.convention {
        Convention::Keywords | Convention::Call => {
            let memo = keyword_memo(name);
            (
                quote! {
                    static #memo: ::hpy::__private::KeywordMemo =
                        ::hpy::__private::KeywordMemo::new();
                },
                quote!(&#memo),
            )
        }
        _ => (quote!(), quote!(&::hpy::__private::NO_KEYWORD_MEMO)),
    };
    let owner = match &callable.owner {
        Some(ty) => quote!(<#ty as ::hpy::PyType>::NAME),
        None => quote!(""),
    };
    quote! {
        #memo_static

        static #name: ::hpy::__private::Signature<#n> = ::hpy::__private::Signature {
            function: #function,
            owner: #owner,
            params: [#(#names),*],
            positional: #positional,
            positional_only: #positional_only,
            required: [#(#required),*],
            varargs: #varargs,
            varkw: #varkw,
            implicit: #implicit,
            keyword_hashes: {
                static HASHES: ::hpy::__private::KeywordHashes<#n> =
                    ::hpy::__private::KeywordHashes::new();
                &HASHES
            },
            keyword_memo: #memo,
        };
    }
}

/// The name of the keyword memo of the signature `signature`.
fn keyword_memo(signature: &Ident) -> Ident {
    format_ident!("{}_MEMO", signature)
}

/// `let __arg_<i>: T = ...;` for every Python parameter, in order; a default is evaluated
/// only when its argument is absent.
fn conversions(params: &ParamList, signature: &Ident) -> TokenStream {
    let bound = local("__bound");
    let mut named_index = 0usize;
    let mut out = TokenStream::new();
    for (i, param) in params.params.iter().enumerate() {
        let Param::Python(p) = param else { continue };
        let var = local(&format!("__arg_{i}"));
        let ty = elide_lifetimes(&p.ty);
        let name = &p.name;
        let span = syn::spanned::Spanned::span(&p.ty);
        let value = match p.kind {
            Kind::VarArgs | Kind::VarKw => {
                let (view, lend, extract) = match p.kind {
                    Kind::VarArgs => ("varargs_view", "lend_varargs", "extract_varargs"),
                    _ => ("varkw_view", "lend_varkw", "extract_varkw"),
                };
                let (view, lend) = (format_ident!("{view}"), format_ident!("{lend}"));
                let extract = format_ident!("{extract}", span = span);
                let (values, args) = (local(&format!("__{view}")), local("args"));
                // The view is filled in place: returned filled, it would be copied.
                out.extend(quote! {
                    let mut #values = #args.#view();
                    #args.#lend(&#bound, &mut #values);
                });
                quote_spanned!(span=> ::hpy::__private::#extract(&#values, &#signature, #name)?)
            }
            _ => {
                let index = named_index;
                named_index += 1;
                let extract = |h: TokenStream| quote_spanned!(span=> ::hpy::__private::extract(#h, &#signature, #index)?);
                match &p.default {
                    None => extract(quote!(#bound.required(#index))),
                    Some(default) => {
                        let default = match default {
                            // In a closure of its own: a `return` (or `?`) in the user's
                            // expression leaves only that closure, so it can produce nothing
                            // but a value of the parameter's type — never the entry point's
                            // raw result.
                            Default::Expr(e) => {
                                let span = syn::spanned::Spanned::span(e);
                                quote_spanned!(span=> (|| #e)())
                            }
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
pub fn elide_lifetimes(ty: &syn::Type) -> syn::Type {
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
