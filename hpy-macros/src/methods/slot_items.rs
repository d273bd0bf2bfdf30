//! The three items every slot needs: the HPy implementation, its CPython trampoline and its
//! `Def`, for a slot of any of HPy's C signatures ([`HPyFunc`]).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::entry_points::{error_value, impl_fn, runtime_module, trampoline};
use crate::generated::hpyfunc::HPyFunc;
use crate::hygiene::{context, entry};

/// The generated items of a type's slots, and the names of their `Def` statics.
#[derive(Default)]
pub struct SlotItems {
    pub items: TokenStream,
    pub defs: Vec<Ident>,
}

impl SlotItems {
    /// Emits the slot `slot` (an `HPySlot_Slot` constant) of signature `sig`, its items named
    /// after `base`: the implementation, whose parameters after the context are named `params`
    /// and whose `body` runs inside the boundary and evaluates to a `Result` of the C return
    /// value; the CPython trampoline; the `Def`.
    pub fn emit(
        &mut self,
        base: &str,
        sig: &'static HPyFunc,
        slot: &str,
        params: &[Ident],
        body: TokenStream,
    ) {
        let (cx, entry, error) = (context(), entry(), error_value(sig));
        self.emit_impl(
            base,
            sig,
            slot,
            params,
            quote!(#entry.run(#error, |#cx| { #body })),
        );
    }

    /// Like [`SlotItems::emit`], with the implementation's whole body (which must go through
    /// the `Entry` itself).
    pub fn emit_impl(
        &mut self,
        base: &str,
        sig: &'static HPyFunc,
        slot: &str,
        params: &[Ident],
        impl_body: TokenStream,
    ) {
        let impl_name = format_ident!("__hpy_slot_{}", base);
        let tramp = format_ident!("__hpy_tramp_slot_{}", base);
        let def = format_ident!("__HPY_SLOT_{}", base);
        let impl_item = impl_fn(&impl_name, sig, params, impl_body);
        let trampoline_item = trampoline(&tramp, sig, &quote!(#impl_name));
        let (module, slot) = (runtime_module(sig), format_ident!("{}", slot));
        let p = quote!(::hpy::__private);
        self.items.extend(quote! {
            #impl_item

            #trampoline_item

            // SAFETY: the impl runs its body through an `Entry` and returns what the slot
            // promises; the trampoline hands its arguments to the runtime with that impl.
            static #def: #p::Def =
                unsafe { #module::slot(#p::ffi::#slot, #impl_name, #tramp) };
        });
        self.defs.push(def);
    }
}
