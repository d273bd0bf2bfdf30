//! The three items every slot needs: the HPy implementation, its CPython trampoline and its
//! `Def`, with the slot's C signature from HPy's table.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::entry_points::{error_value, impl_fn, slot_def, slot_signature, trampoline};
use crate::hygiene::{context, entry};

/// The generated items of a type's slots, and the names of their `Def` statics.
#[derive(Default)]
pub struct SlotItems {
    pub items: TokenStream,
    pub defs: Vec<Ident>,
}

impl SlotItems {
    /// Emits the slot `slot` (an `HPySlot_Slot` name), its items named after `base`: the
    /// implementation, whose parameters after the context are named `params` and whose `body`
    /// runs inside the boundary and evaluates to a `Result` of the C return value; the CPython
    /// trampoline; the `Def`.
    pub fn emit(&mut self, base: &str, slot: &str, params: &[Ident], body: TokenStream) {
        let (cx, entry) = (context(), entry());
        let error = error_value(slot_signature(slot));
        let impl_body = quote!(#entry.run(#error, move |#cx| { #body }));
        self.emit_impl(base, slot, params, impl_body);
    }

    /// Like [`SlotItems::emit`], with the implementation's whole body (which must go through
    /// the `Entry` itself).
    pub fn emit_impl(&mut self, base: &str, slot: &str, params: &[Ident], impl_body: TokenStream) {
        let sig = slot_signature(slot);
        let impl_name = format_ident!("__hpy_slot_{}", base);
        let tramp = format_ident!("__hpy_tramp_slot_{}", base);
        let def = format_ident!("__HPY_SLOT_{}", base);
        let impl_item = impl_fn(&impl_name, sig, params, impl_body);
        let trampoline_item = trampoline(&tramp, sig, &quote!(#impl_name));
        let def_value = slot_def(slot, &quote!(#impl_name), &quote!(#tramp));
        let p = quote!(::hpy::__private);
        self.items.extend(quote! {
            #impl_item

            #trampoline_item

            // SAFETY: the impl runs its body through an `Entry` and returns what the slot
            // promises; the trampoline hands its arguments to the runtime with that impl.
            static #def: #p::Def = unsafe { #def_value };
        });
        self.defs.push(def);
    }
}
