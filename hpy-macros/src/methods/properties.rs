//! `#[getter]` / `#[setter]` methods, paired by attribute name into one `HPyDef_GetSet` each.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::callable::receiver::{self, Receiver};
use crate::entry_points::{impl_fn, trampoline};
use crate::generated::hpyfunc;
use crate::hygiene::{context, entry, local, self_handle};
use crate::literal::c_literal;
use crate::names;
use crate::type_rewrite::elide_lifetimes;

/// The properties of a type, in order of first appearance.
#[derive(Default)]
pub struct Properties {
    entries: Vec<Property>,
}

struct Property {
    name: String,
    getter: Option<Accessor>,
    setter: Option<Accessor>,
    doc: Option<String>,
}

struct Accessor {
    ident: Ident,
    receiver: Receiver,
    /// Whether the method takes the call's `Context` (after the receiver).
    takes_context: bool,
    /// The setter's value type.
    value: Option<syn::Type>,
}

impl Properties {
    fn entry(&mut self, name: String) -> &mut Property {
        if let Some(i) = self.entries.iter().position(|p| p.name == name) {
            return &mut self.entries[i];
        }
        self.entries.push(Property {
            name,
            getter: None,
            setter: None,
            doc: None,
        });
        self.entries.last_mut().expect("just pushed")
    }

    /// Adds `f`, a `#[getter]` of `name`.
    pub fn add_getter(
        &mut self,
        name: String,
        f: &syn::ImplItemFn,
        receiver: Receiver,
        doc: Option<String>,
        self_ty: &syn::Type,
    ) -> syn::Result<()> {
        let (takes_context, values) = split_params(&f.sig, receiver, self_ty)?;
        if !values.is_empty() {
            return Err(syn::Error::new_spanned(
                &f.sig,
                "a #[getter] takes only its receiver (and optionally the `Context`)",
            ));
        }
        let entry = self.entry(name);
        if entry.getter.is_some() {
            return Err(syn::Error::new_spanned(
                &f.sig.ident,
                "a second #[getter] for the same attribute",
            ));
        }
        entry.getter = Some(Accessor {
            ident: f.sig.ident.clone(),
            receiver,
            takes_context,
            value: None,
        });
        entry.doc = doc;
        Ok(())
    }

    /// Adds `f`, a `#[setter]` of `name`.
    pub fn add_setter(
        &mut self,
        name: String,
        f: &syn::ImplItemFn,
        receiver: Receiver,
        self_ty: &syn::Type,
    ) -> syn::Result<()> {
        let (takes_context, mut values) = split_params(&f.sig, receiver, self_ty)?;
        if values.len() != 1 {
            return Err(syn::Error::new_spanned(
                &f.sig,
                "a #[setter] takes its receiver and the new value (and optionally the `Context`)",
            ));
        }
        let entry = self.entry(name);
        if entry.setter.is_some() {
            return Err(syn::Error::new_spanned(
                &f.sig.ident,
                "a second #[setter] for the same attribute",
            ));
        }
        entry.setter = Some(Accessor {
            ident: f.sig.ident.clone(),
            receiver,
            takes_context,
            value: values.pop(),
        });
        Ok(())
    }

    /// The getset definitions and their names.
    pub fn generate(self, self_ty: &syn::Type) -> syn::Result<(TokenStream, Vec<Ident>)> {
        let mut items = TokenStream::new();
        let mut defs = Vec::new();
        let hpy = quote!(::hpy::__private);
        for property in self.entries {
            let base = property.name.clone();
            let def = format_ident!("__HPY_PROPERTY_{}", base);
            let getter = match &property.getter {
                Some(g) => {
                    let (impl_fn, trampoline) = (
                        format_ident!("__hpy_get_{}", base),
                        format_ident!("__hpy_tramp_get_{}", base),
                    );
                    items.extend(getter(g, self_ty, &impl_fn, &trampoline));
                    quote!(::core::option::Option::Some((#impl_fn, #trampoline)))
                }
                None => quote!(::core::option::Option::None),
            };
            let setter = match &property.setter {
                Some(s) => {
                    let (impl_fn, trampoline) = (
                        format_ident!("__hpy_set_{}", base),
                        format_ident!("__hpy_tramp_set_{}", base),
                    );
                    items.extend(setter(s, self_ty, &property.name, &impl_fn, &trampoline));
                    quote!(::core::option::Option::Some((#impl_fn, #trampoline)))
                }
                None => quote!(::core::option::Option::None),
            };
            let span = proc_macro2::Span::call_site();
            let name = c_literal(&property.name, span)?;
            let doc = match &property.doc {
                Some(d) => {
                    let d = c_literal(d, span)?;
                    quote!(::core::option::Option::Some(#d))
                }
                None => quote!(::core::option::Option::None),
            };
            items.extend(quote! {
                // SAFETY: the getter and setter run their bodies through an `Entry`; their
                // trampolines hand their arguments to the runtime with them.
                static #def: #hpy::Def =
                    unsafe { #hpy::Def::getset(#name, #getter, #setter, #doc) };
            });
            defs.push(def);
        }
        Ok((items, defs))
    }
}

/// Whether the method takes the `Context`, and the types of its other parameters (after the
/// receiver).
fn split_params(
    sig: &syn::Signature,
    receiver: Receiver,
    self_ty: &syn::Type,
) -> syn::Result<(bool, Vec<syn::Type>)> {
    let sig = receiver::without_receiver(sig, Some(receiver), self_ty);
    let mut takes_context = false;
    let mut values = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Typed(pt) if names::is_context(&pt.ty) => takes_context = true,
            syn::FnArg::Typed(pt) => values.push((*pt.ty).clone()),
            syn::FnArg::Receiver(r) => {
                return Err(syn::Error::new_spanned(r, "unexpected receiver"));
            }
        }
    }
    Ok((takes_context, values))
}

fn getter(g: &Accessor, self_ty: &syn::Type, impl_name: &Ident, tramp: &Ident) -> TokenStream {
    let (cx, this, raw, entry) = (context(), self_handle(), local("self_raw"), entry());
    let receiver::ReceiverCode { setup, borrow, arg } = receiver::unchecked(g.receiver, self_ty);
    let ident = &g.ident;
    let context_arg = g.takes_context.then(|| quote!(, #cx));
    let hpy = quote!(::hpy::__private);
    let convert = crate::entry_points::convert_return(&quote!(__ret), g.ident.span());
    let body = quote! {
        #entry.run(#hpy::ffi::HPy_NULL, move |#cx| {
            let #this = #entry.lend(#cx, #raw);
            #setup
            #borrow
            let __ret = <#self_ty>::#ident(#arg #context_arg);
            #convert
        })
    };
    let params = [raw.clone(), local("_closure")];
    let item = impl_fn(impl_name, &hpyfunc::GETTER, &params, body);
    let trampoline = trampoline(tramp, &hpyfunc::GETTER, &quote!(#impl_name));
    quote! {
        #item

        #trampoline
    }
}

fn setter(
    s: &Accessor,
    self_ty: &syn::Type,
    name: &str,
    impl_name: &Ident,
    tramp: &Ident,
) -> TokenStream {
    let (cx, this, raw, value, entry) = (
        context(),
        self_handle(),
        local("self_raw"),
        local("value"),
        entry(),
    );
    let receiver::ReceiverCode { setup, borrow, arg } = receiver::unchecked(s.receiver, self_ty);
    let ident = &s.ident;
    let context_arg = s.takes_context.then(|| quote!(, #cx));
    let ty = s
        .value
        .as_ref()
        .map(elide_lifetimes)
        .expect("a setter has a value");
    let deleted = if names::is_option(&ty) {
        quote!(::core::option::Option::None)
    } else {
        quote!(return ::core::result::Result::Err(::hpy::__private::cannot_delete::<#self_ty>(#cx, #name)))
    };
    let hpy = quote!(::hpy::__private);
    let body = quote! {
        #entry.run(-1, move |#cx| {
            let #this = #entry.lend(#cx, #raw);
            let __value_handle;
            let __value: #ty = if #value.is_null() {
                #deleted
            } else {
                __value_handle = #entry.lend(#cx, #value);
                ::hpy::FromPy::from_py(&*__value_handle)?
            };
            #setup
            #borrow
            let __ret = <#self_ty>::#ident(#arg, __value #context_arg);
            #hpy::slot_value::<#hpy::Status, _>(__ret)
        })
    };
    let params = [raw.clone(), value.clone(), local("_closure")];
    let item = impl_fn(impl_name, &hpyfunc::SETTER, &params, body);
    let trampoline = trampoline(tramp, &hpyfunc::SETTER, &quote!(#impl_name));
    quote! {
        #item

        #trampoline
    }
}
