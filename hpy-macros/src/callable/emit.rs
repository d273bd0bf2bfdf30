//! Code generation for a [`Callable`]: a static `HPyDef`, a static parameter table, the HPy
//! implementation (bind, convert, call inside the panic-catching boundary) and the CPython
//! trampoline (see [`crate::entry_points`]).

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::receiver;
use super::{Callable, Convention, Definition, ItemNames, convention};
use crate::entry_points::{impl_fn, runtime_module, slot_def, trampoline};
use crate::generated::hpyfunc::{self, HPyFunc};
use crate::hygiene::{context, entry, local, self_handle};
use crate::literal::c_literal;
use crate::params::{Default, Kind, Param, ParamList, PyParam};
use crate::type_rewrite::elide_lifetimes;

/// The static `HPyDef` (with visibility `def_vis`), the parameter table, the impl and the
/// trampoline of `callable`.
pub fn callable_items(
    callable: &Callable,
    names: &ItemNames,
    def_vis: TokenStream,
    span: Span,
) -> syn::Result<TokenStream> {
    let name = c_literal(&callable.py_name, span)?;
    let doc = c_literal(&callable.doc, span)?;
    let hpy = quote!(::hpy::__private);
    let convention = match convention(&callable.params) {
        // METH_O's arity message counts the hidden class ("takes exactly one argument").
        Convention::O if callable.hidden_class => Convention::VarArgs,
        convention => convention,
    };
    let code = convention_code(callable, convention, &bind_and_call(callable, names), names);
    let sig = code.sig;
    let params_static = (code.sig.module != hpyfunc::NOARGS.module)
        .then(|| parameters_static(callable, convention, &names.parameters));
    let mut params = vec![local("self_raw")];
    params.extend(code.impl_params);
    let impl_item = impl_fn(&names.impl_fn, sig, &params, code.run);
    let impl_name = &names.impl_fn;
    let trampoline_item = trampoline(&names.trampoline, sig, &quote!(#impl_name));
    let memo = keyword_memo(&names.parameters);
    let (module, tramp) = (runtime_module(sig), &names.trampoline);
    let def_value = match (&callable.definition, convention) {
        (Definition::New, _) => {
            let def = slot_def("HPy_tp_new", &quote!(#impl_name), &quote!(#tramp));
            quote!(unsafe { #def })
        }
        (Definition::Call, _) => {
            let def = slot_def("HPy_tp_call", &quote!(#impl_name), &quote!(#tramp));
            quote!(unsafe { #def }.remembering(&#memo))
        }
        (Definition::Method, Convention::Keywords) => {
            let def = quote! {
                unsafe { #module::method(#name, #impl_name, #tramp, #doc) }
                    .remembering(&#memo)
            };
            match takes_keyword_dict(callable) {
                true => {
                    let dict_tramp = keyword_dict_names(names).1;
                    quote!(unsafe { #def.taking_keyword_dict(#dict_tramp) })
                }
                false => def,
            }
        }
        (Definition::Method, _) => quote! {
            unsafe { #module::method(#name, #impl_name, #tramp, #doc) }
        },
    };
    let keyword_dict_items = (matches!(callable.definition, Definition::Method)
        && convention == Convention::Keywords
        && takes_keyword_dict(callable))
    .then(|| keyword_dict_entry(callable, names));
    let def = &names.def;
    Ok(quote! {
        // SAFETY: the impl runs its body through an `Entry` and returns a new handle or NULL
        // with an exception set; the trampoline hands its arguments to the runtime with it.
        #def_vis static #def: #hpy::Def = #def_value;

        #params_static

        #impl_item

        #trampoline_item

        #keyword_dict_items
    })
}

/// Whether a method gets an entry point taking a keyword dict (see
/// `hpy::__private::Def::taking_keyword_dict`; used in the CPython ABI): it takes `**kwargs`
/// and no named parameter can be passed by keyword, so every keyword goes to `**kwargs` and
/// a call with a dict (`f(*t, **d)`) hands it over as it is. (A function with a parameter
/// that takes a keyword stays vectorcall only: its keyword calls would pay for a dict.)
fn takes_keyword_dict(callable: &Callable) -> bool {
    let params = &callable.params;
    params.has(Kind::VarKw) && params.named().all(|p| p.kind == Kind::PositionalOnly)
}

/// The names of the implementation and trampoline of the keyword-dict entry point.
fn keyword_dict_names(names: &ItemNames) -> (Ident, Ident) {
    (
        format_ident!("{}_dict", names.impl_fn),
        format_ident!("{}_dict", names.trampoline),
    )
}

/// The keyword-dict entry point of a method (see [`takes_keyword_dict`]): an implementation
/// of the `newfunc` signature (`self`, the tuple's items, the dict) that binds as the method
/// does, and its trampoline.
fn keyword_dict_entry(callable: &Callable, names: &ItemNames) -> TokenStream {
    let (entry, cx, args, nargs, kw, binding) = (
        entry(),
        context(),
        local("args"),
        local("nargs"),
        local("kw"),
        local("__binding"),
    );
    let (parameters, bind_and_call) = (&names.parameters, bind_and_call(callable, names));
    let run = quote! {
        #entry.run_keywords_dict(&#parameters, #args, #nargs, #kw, move |#cx, #args| {
            let mut #binding = ::hpy::__private::Binding::new();
            #parameters.bind(&#args, &mut #binding)?;
            #bind_and_call
        })
    };
    let (dict_impl, dict_tramp) = keyword_dict_names(names);
    let params = [local("self_raw"), args, nargs, kw];
    let impl_item = impl_fn(&dict_impl, &hpyfunc::NEWFUNC, &params, run);
    let trampoline_item = trampoline(&dict_tramp, &hpyfunc::NEWFUNC, &quote!(#dict_impl));
    quote! {
        #impl_item

        #trampoline_item
    }
}

/// What differs between the calling conventions.
struct ConventionCode {
    /// The C signature of the implementation and the trampoline.
    sig: &'static HPyFunc,
    /// The names of the impl's parameters after `ctx` and `self`.
    impl_params: Vec<Ident>,
    /// The impl's body, given the code that binds the arguments and calls the function.
    run: TokenStream,
}

fn convention_code(
    callable: &Callable,
    convention: Convention,
    bind_and_call: &TokenStream,
    names: &ItemNames,
) -> ConventionCode {
    let hpy = quote!(::hpy::__private);
    let (entry, cx, args, nargs, kwnames, arg, binding, class, self_raw) = (
        entry(),
        context(),
        local("args"),
        local("nargs"),
        local("kwnames"),
        local("arg"),
        local("__binding"),
        local("__class"),
        local("self_raw"),
    );
    let parameters = &names.parameters;
    let bind = quote! {
        let mut #binding = #hpy::Binding::new();
        #parameters.bind(&#args, &mut #binding)?;
        #bind_and_call
    };
    let vector = vec![args.clone(), nargs.clone(), kwnames.clone()];
    match (&callable.definition, convention) {
        (Definition::New, _) => {
            let takes_arguments = callable
                .params
                .params
                .iter()
                .any(|p| matches!(p, Param::Python(_)));
            let run = if takes_arguments {
                quote! {
                    #entry.run_new(#self_raw, #args, #nargs, #kwnames, move |#cx, #class, #args| {
                        #bind
                    })
                }
            } else {
                quote! {
                    #entry.run_new_without_arguments(
                        &#parameters, #self_raw, #args, #nargs, #kwnames,
                        move |#cx, #class| { #bind_and_call },
                    )
                }
            };
            ConventionCode {
                sig: &hpyfunc::NEWFUNC,
                impl_params: vector,
                run,
            }
        }
        (Definition::Call, _) | (Definition::Method, Convention::Keywords) => ConventionCode {
            sig: &hpyfunc::KEYWORDS,
            impl_params: vector,
            run: quote!(#entry.run_keywords(#args, #nargs, #kwnames, move |#cx, #args| { #bind })),
        },
        (Definition::Method, Convention::NoArgs) => ConventionCode {
            sig: &hpyfunc::NOARGS,
            impl_params: vec![],
            run: quote!(#entry.run(#hpy::ffi::HPy_NULL, move |#cx| { #bind_and_call })),
        },
        (Definition::Method, Convention::O) => ConventionCode {
            sig: &hpyfunc::O,
            impl_params: vec![arg.clone()],
            run: quote! {
                #entry.run_o(#hpy::ffi::HPy_NULL, #arg, move |#cx, #arg| {
                    // SAFETY: METH_O's argument is lent for the whole call.
                    let #binding = unsafe { #hpy::Binding::<1>::single(#arg) };
                    #bind_and_call
                })
            },
        },
        (Definition::Method, Convention::VarArgs) => ConventionCode {
            sig: &hpyfunc::VARARGS,
            impl_params: vec![args.clone(), nargs.clone()],
            run: quote!(#entry.run_varargs(#args, #nargs, move |#cx, #args| { #bind })),
        },
    }
}

/// Lends `self`, views it as its type, converts every argument, borrows the receiver, calls
/// the function and converts its return value.
fn bind_and_call(callable: &Callable, names: &ItemNames) -> TokenStream {
    let (cx, this, self_raw, entry) = (context(), self_handle(), local("self_raw"), entry());
    let conversions = conversions(&callable.params, &names.parameters);
    let receiver = match (callable.receiver, &callable.owner) {
        (Some(r), Some(owner)) => Some(receiver::unchecked(r, owner)),
        _ => None,
    };
    let (receiver_setup, receiver_borrow, receiver_arg) = match receiver {
        Some(r) => (r.setup, r.borrow, Some(r.arg)),
        None => (quote!(), quote!(), None),
    };
    let class = local("__class");
    let creates = match callable.definition {
        Definition::New => callable.owner.as_ref(),
        _ => None,
    };
    // A static method's hidden class is converted (checking it is there) but not passed.
    let args = callable
        .params
        .params
        .iter()
        .enumerate()
        .skip(usize::from(callable.hidden_class))
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
        None if callable.next_item => quote_spanned! {ret_span=>
            ::hpy::__private::return_next_item(#ret, #cx)
        },
        None => crate::entry_points::convert_return(&quote!(#ret), ret_span),
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

/// The static parameter table the binder and the error messages use.
fn parameters_static(callable: &Callable, convention: Convention, name: &Ident) -> TokenStream {
    let params = &callable.params;
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
    let (function, implicit) = (&callable.function, callable.implicit());
    // Only calls with the caller's keyword names are remembered (the definition registers
    // the memo); the other conventions share one that is never used.
    let remembers = match callable.definition {
        Definition::Call => true,
        Definition::Method => convention == Convention::Keywords,
        Definition::New => false,
    };
    let (memo_static, memo) = if remembers {
        let memo = keyword_memo(name);
        (
            quote! {
                static #memo: ::hpy::__private::KeywordMemo =
                    ::hpy::__private::KeywordMemo::new();
            },
            quote!(&#memo),
        )
    } else {
        (quote!(), quote!(&::hpy::__private::NO_KEYWORD_MEMO))
    };
    let owner = match &callable.owner {
        Some(ty) => quote!(<#ty as ::hpy::PyType>::NAME),
        None => quote!(""),
    };
    quote! {
        #memo_static

        static #name: ::hpy::__private::Parameters<#n> = ::hpy::__private::Parameters {
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

/// The name of the keyword memo of the parameter table `parameters`.
fn keyword_memo(parameters: &Ident) -> Ident {
    format_ident!("{}_MEMO", parameters)
}

/// `let __arg_<i>: T = ...;` for every Python parameter, in order; a default is evaluated
/// only when its argument is absent.
fn conversions(params: &ParamList, parameters: &Ident) -> TokenStream {
    let binding = local("__binding");
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
                    #args.#lend(&#binding, &mut #values);
                });
                quote_spanned!(span=> ::hpy::__private::#extract(&#values, &#parameters, #name)?)
            }
            _ => {
                let index = named_index;
                named_index += 1;
                let extract = |h: TokenStream| quote_spanned!(span=> ::hpy::__private::extract(#h, &#parameters, #index)?);
                match &p.default {
                    None => extract(quote!(#binding.required(#index))),
                    Some(default) => {
                        let default = match default {
                            // In a closure of its own: a `return` (or `?`) in the user's
                            // expression leaves only that closure, so it can produce nothing
                            // but a value of the parameter's type — never the entry point's
                            // raw result. Bound with the parameter's type, so that a
                            // default of another type is a mismatch at the default (not
                            // "`match` arms have incompatible types").
                            Default::Expr(e) => {
                                let span = syn::spanned::Spanned::span(e);
                                let d = local("__default");
                                let call = quote_spanned!(span=> (|| #e)());
                                quote!({
                                    let #d: #ty = #call;
                                    #d
                                })
                            }
                            Default::ImpliedNone => quote!(::core::option::Option::None),
                        };
                        let h = local("__h");
                        let present = extract(quote!(#h));
                        quote! {
                            match #binding.get(#index) {
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
