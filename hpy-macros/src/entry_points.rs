//! The two C functions behind every definition: the HPy implementation the runtime calls with
//! a context, and the CPython trampoline that hands CPython's arguments to the runtime. Their
//! C signatures come from one table, generated from HPy's ABI table
//! ([`crate::generated::hpyfunc`]); nothing else in this crate spells them.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::generated::hpyfunc::HPyFunc;
use crate::hygiene::{entry, local, raw_context};

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
    checked_impl_fn(name, sig, params, TokenStream::new(), body)
}

/// Like [`impl_fn`], with `check` — statements that see the raw context as [`raw_context`]
/// and may `return` the slot's error value — run before the `Entry` is made (the module's
/// exec slot checks there that the context is complete).
pub fn checked_impl_fn(
    name: &Ident,
    sig: &HPyFunc,
    params: &[Ident],
    check: TokenStream,
    body: TokenStream,
) -> TokenStream {
    assert!(sig.takes_context, "{} has no context", sig.module);
    assert_eq!(
        params.len(),
        sig.impl_params.len(),
        "parameters of {}",
        sig.module
    );
    let (ctx, entry, inner) = (raw_context(), entry(), local("__body"));
    let decls: Vec<TokenStream> = params
        .iter()
        .zip(sig.impl_params)
        .map(|(n, t)| {
            let t = ty(t);
            quote!(#n: #t)
        })
        .collect();
    let ret = ret(sig.impl_ret);
    // `#[inline]`: in the CPython ABI the trampoline calls the impl directly, with the
    // context a constant, and inlined there the impl needs no register to keep it.
    quote! {
        #[inline(always)]
        unsafe extern "C" fn #name(#ctx: *mut ::hpy::__private::HPyContext, #(#decls),*) #ret {
            #[inline(always)]
            fn #inner(#entry: ::hpy::__private::Entry, #(#decls),*) #ret {
                #body
            }
            #check
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

/// The runtime's module of `sig`, whose `method` makes a `Def` of implementations and
/// trampolines of that signature.
pub fn runtime_module(sig: &HPyFunc) -> TokenStream {
    let module = format_ident!("{}", sig.module);
    quote!(::hpy::__private::hpyfunc::#module)
}

/// The C signature of the slot `slot` (an `HPySlot_Slot` name), from HPy's own table
/// (`HPySlot_SIG`): implementations and trampolines are written for the slot, never paired
/// with a signature by hand.
pub fn slot_signature(slot: &str) -> &'static HPyFunc {
    crate::generated::hpyfunc::slot_signature(slot)
        .unwrap_or_else(|| panic!("`{slot}` is not a slot with a trampoline"))
}

/// The `Def` of the slot `slot` whose implementation is `impl_fn` and trampoline `trampoline`:
/// the signature's `slot` constructor takes only that signature's slots (a typed `Slot`), so a
/// wrong pairing would not compile. An `unsafe` expression (see `Def`).
pub fn slot_def(slot: &str, impl_fn: &TokenStream, trampoline: &TokenStream) -> TokenStream {
    let module = runtime_module(slot_signature(slot));
    let slot = format_ident!("{}", slot);
    quote!(#module::slot(#module::Slot::#slot, #impl_fn, #trampoline))
}

/// The value the implementation of `sig` returns when it raised: `HPy_NULL`, or -1.
pub fn error_value(sig: &HPyFunc) -> TokenStream {
    match sig.impl_ret {
        Some(t) if t.ends_with("HPy") => quote!(::hpy::ffi::HPy_NULL),
        Some(_) => quote!(-1),
        None => quote!(()),
    }
}

/// The raw result of a function or method from its return value `ret` (spanned at the return
/// type `span`): `None` for `()` and `Result<(), E>` — chosen by type, so through aliases too —
/// else the value's conversion.
pub fn convert_return(ret: &TokenStream, span: proc_macro2::Span) -> TokenStream {
    let cx = crate::hygiene::context();
    quote::quote_spanned! {span=>
        {
            #[allow(unused_imports)]
            use ::hpy::__private::{ReturnsUnit as _, ReturnsValue as _};
            (&#ret).__hpy_return_kind().convert(#ret, #cx)
        }
    }
}
