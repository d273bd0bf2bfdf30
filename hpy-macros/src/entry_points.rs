//! The two C functions behind every definition: the HPy implementation the runtime calls with
//! a context, and the CPython trampoline that hands CPython's arguments to the runtime. Their
//! C signatures come from one table, generated from HPy's ABI table
//! ([`crate::generated::hpyfunc`]); nothing else in this crate spells them.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::generated::hpyfunc::HPyFunc;
use crate::hygiene::{entry, local};

/// A Rust type of the table.
fn ty(spelled: &str) -> TokenStream {
    spelled
        .parse()
        .expect("the generated table spells valid types")
}

/// `-> T`, or nothing for `void`.
fn ret(spelled: Option<&str>) -> TokenStream {
    match spelled {
        Some(t) => {
            let t = ty(t);
            quote!(-> #t)
        }
        None => quote!(),
    }
}

/// The `impl` function `name` of signature `sig`, whose parameters after the context are named
/// `params`: `unsafe extern "C" fn name(ctx, params...) -> ret { body }`.
///
/// Its one unsafe step creates the call's `Entry` ([`entry`] in `body`). `body` is the body of
/// a nested *safe* function, so the expressions in it — user expressions such as argument
/// defaults among them — cannot perform unsafe operations unmarked: in an `unsafe fn` they
/// could, since `unsafe_op_in_unsafe_fn` is only a lint, and lints are silenced in macro
/// output.
pub fn impl_fn(name: &Ident, sig: &HPyFunc, params: &[Ident], body: TokenStream) -> TokenStream {
    assert!(sig.takes_context, "{} has no context", sig.module);
    assert_eq!(
        params.len(),
        sig.impl_params.len(),
        "parameters of {}",
        sig.module
    );
    let (ctx, entry, inner) = (local("ctx"), entry(), local("__body"));
    let decls: Vec<TokenStream> = params
        .iter()
        .zip(sig.impl_params)
        .map(|(n, t)| {
            let t = ty(t);
            quote!(#n: #t)
        })
        .collect();
    let ret = ret(sig.impl_ret);
    quote! {
        unsafe extern "C" fn #name(#ctx: *mut ::hpy::__private::HPyContext, #(#decls),*) #ret {
            #[inline(always)]
            fn #inner(#entry: ::hpy::__private::Entry, #(#decls),*) #ret {
                #body
            }
            // SAFETY: the runtime calls the impl with the call's context (the one the module's
            // exec slot checked, or a copy) and lends it the raw handles and pointers it
            // passes, for the whole call.
            #inner(unsafe { ::hpy::__private::Entry::new(#ctx) }, #(#params),*)
        }
    }
}

/// The CPython trampoline `name` of signature `sig`, handing its arguments to the runtime with
/// the implementation `impl_fn`.
pub fn trampoline(name: &Ident, sig: &HPyFunc, impl_fn: &TokenStream) -> TokenStream {
    let names: Vec<Ident> = sig
        .trampoline_params
        .iter()
        .map(|(n, _)| format_ident!("{}", n))
        .collect();
    let decls = names.iter().zip(sig.trampoline_params).map(|(n, (_, t))| {
        let t = ty(t);
        quote!(#n: #t)
    });
    let ret = ret(sig.trampoline_ret);
    let module = format_ident!("{}", sig.module);
    quote! {
        unsafe extern "C" fn #name(#(#decls),*) #ret {
            // SAFETY: CPython calls the trampoline with the arguments of its signature.
            unsafe { ::hpy::__private::hpyfunc::#module::trampoline(#impl_fn, #(#names),*) }
        }
    }
}

/// The runtime's module of `sig`, whose `method` and `slot` make a `Def` of implementations
/// and trampolines of that signature.
pub fn runtime_module(sig: &HPyFunc) -> TokenStream {
    let module = format_ident!("{}", sig.module);
    quote!(::hpy::__private::hpyfunc::#module)
}

/// The value the implementation of `sig` returns when it raised: `HPy_NULL`, or -1.
pub fn error_value(sig: &HPyFunc) -> TokenStream {
    match sig.impl_ret {
        Some(t) if t.ends_with("HPy") => quote!(::hpy::ffi::HPy_NULL),
        Some(_) => quote!(-1),
        None => quote!(()),
    }
}
