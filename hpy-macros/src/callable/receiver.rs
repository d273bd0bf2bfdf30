//! The receiver of a method: `&self`, `&mut self`, or a first parameter typed with the object
//! itself (`&Typed<Self>`, `Typed<Self>`, `Ref<Self>`, `RefMut<Self>`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::hygiene::{local, self_handle};
use crate::names;

/// How the method receives its object.
#[derive(Clone, Copy, Debug)]
pub enum Receiver {
    /// `&self`: a shared borrow of the value.
    Ref,
    /// `&mut self`: the mutable borrow of the value; the spans of `&` and `self`, where a
    /// frozen class's error points.
    RefMut(Span, Span),
    /// `this: &Typed<'ctx, Self>`.
    TypedRef,
    /// `this: Typed<'ctx, Self>`.
    TypedOwned,
    /// `this: Ref<'_, 'ctx, Self>`.
    Guard,
    /// `this: RefMut<'_, 'ctx, Self>`.
    GuardMut,
}

/// The receiver of `sig`, if any; `self` by value is an error.
pub fn receiver(sig: &syn::Signature) -> syn::Result<Option<Receiver>> {
    let Some(first) = sig.inputs.first() else {
        return Ok(None);
    };
    match first {
        syn::FnArg::Receiver(r) => {
            if r.reference.is_none() {
                return Err(syn::Error::new_spanned(
                    r,
                    "a method cannot take `self` by value: the value stays in the object; take \
                     `&self`, `&mut self` or `this: &Typed<'ctx, Self>`",
                ));
            }
            Ok(Some(if r.mutability.is_some() {
                let first = r
                    .reference
                    .as_ref()
                    .map_or(r.self_token.span, |(and, _)| and.span);
                Receiver::RefMut(first, r.self_token.span)
            } else {
                Receiver::Ref
            }))
        }
        syn::FnArg::Typed(pt) => typed_receiver(&pt.ty),
    }
}

/// `&Typed<Self>`, `Typed<Self>`, `Ref<Self>` or `RefMut<Self>`; `&mut Typed<Self>` is an
/// error.
fn typed_receiver(ty: &syn::Type) -> syn::Result<Option<Receiver>> {
    let (inner, by_ref, by_mut) = match ty {
        syn::Type::Reference(r) => (&*r.elem, true, r.mutability.is_some()),
        other => (other, false, false),
    };
    let Some(segment) = names::last_segment(inner) else {
        return Ok(None);
    };
    let mentions_self = match &segment.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().any(|a| {
            matches!(a, syn::GenericArgument::Type(syn::Type::Path(p)) if p.path.is_ident("Self"))
        }),
        _ => false,
    };
    if !mentions_self {
        return Ok(None);
    }
    Ok(match (segment.ident.to_string().as_str(), by_ref, by_mut) {
        ("Typed", true, false) => Some(Receiver::TypedRef),
        ("Typed", true, true) => {
            return Err(syn::Error::new_spanned(
                ty,
                "a method cannot take its object as `&mut Typed<Self>`: the handle is lent to \
                 the call, and through a `&mut` it could be replaced or moved out (and then \
                 closed). Take `this: &Typed<'ctx, Self>`; `this.borrow_mut()` lends the value \
                 mutably (checked at run time, like `RefCell::borrow_mut`)",
            ));
        }
        ("Typed", false, _) => Some(Receiver::TypedOwned),
        ("Ref", false, _) => Some(Receiver::Guard),
        ("RefMut", false, _) => Some(Receiver::GuardMut),
        _ => None,
    })
}

/// The code that produces a method's receiver from its object.
pub struct ReceiverCode {
    /// Statements that view the object as its `&Typed<Self>`; they run first.
    pub setup: TokenStream,
    /// Statements that borrow the value (`&self`, `&mut self`). They run after the arguments
    /// are converted, so that converting an argument may still read the object (`a[::-1] = a`
    /// with `__setitem__(&mut self, ..)`).
    pub borrow: TokenStream,
    /// The receiver argument.
    pub arg: TokenStream,
}

/// The receiver from the lent `self` handle (assumed to be an instance of `self_ty`).
pub fn unchecked(receiver: Receiver, self_ty: &syn::Type) -> ReceiverCode {
    let this = self_handle();
    let typed = local("__this");
    let setup = quote! {
        // SAFETY: CPython calls a type's slots, methods and descriptors only with instances
        // of the type (method descriptors and getsets check `self`).
        let #typed = unsafe { ::hpy::Typed::<#self_ty>::from_handle_unchecked(&#this) };
    };
    with_typed(receiver, setup, &typed)
}

/// Like [`unchecked`], for a slot whose object may be of another type (a reflected operand):
/// `on_mismatch` runs when it is not an instance.
pub fn checked(
    receiver: Receiver,
    self_ty: &syn::Type,
    handle: &TokenStream,
    on_mismatch: TokenStream,
) -> ReceiverCode {
    let typed = local("__this");
    let setup = quote! {
        let #typed = match #handle.cast::<#self_ty>() {
            ::core::option::Option::Some(typed) => typed,
            ::core::option::Option::None => { #on_mismatch }
        };
    };
    with_typed(receiver, setup, &typed)
}

/// Like [`unchecked`], from an expression that is already the `&Typed<Self>`.
pub fn from_typed(receiver: Receiver, typed_expr: TokenStream) -> ReceiverCode {
    let typed = local("__this");
    with_typed(receiver, quote!(let #typed = #typed_expr;), &typed)
}

fn with_typed(receiver: Receiver, setup: TokenStream, typed: &proc_macro2::Ident) -> ReceiverCode {
    let guard = local("__guard");
    let (borrow, arg) = match receiver {
        Receiver::Ref => (quote!(let #guard = #typed.borrow()?;), quote!(&*#guard)),
        Receiver::RefMut(first, last) => {
            let call = borrow_mut_self(typed, first, last);
            (quote!(let mut #guard = #call?;), quote!(&mut *#guard))
        }
        Receiver::TypedRef => (quote!(), quote!(#typed)),
        Receiver::TypedOwned => (quote!(), quote!(::core::clone::Clone::clone(#typed))),
        Receiver::Guard => (quote!(), quote!(#typed.borrow()?)),
        Receiver::GuardMut => (quote!(), quote!(#typed.borrow_mut()?)),
    };
    ReceiverCode { setup, borrow, arg }
}

/// `::hpy::__private::borrow_mut_self(identity(typed))` (`typed` is the `&Typed<Self>`), the
/// borrow behind `&mut self`, its call and its argument spanning from `first` to `last` (`&`
/// to `self`): a frozen class's error (no `MutableClass`) is reported once, at the receiver.
fn borrow_mut_self(typed: &proc_macro2::Ident, first: Span, last: Span) -> TokenStream {
    let parenthesized = |tokens: TokenStream| {
        let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, tokens);
        group.set_span(last);
        group
    };
    let spanned_path = |path: TokenStream, name: &str| {
        let name = proc_macro2::Ident::new(name, last);
        quote_spanned!(first=> #path::#name)
    };
    let function = spanned_path(quote_spanned!(first=> ::hpy::__private), "borrow_mut_self");
    let identity = spanned_path(quote_spanned!(first=> ::core::convert), "identity");
    let argument = parenthesized(quote!(#typed));
    let arguments = parenthesized(quote!(#identity #argument));
    quote!(#function #arguments)
}

/// `sig` without its receiver (a `self` receiver, or a typed first parameter), and with
/// `Self` in its parameter types spelled `self_ty`: the generated code that converts the
/// arguments lives outside the impl block.
pub fn without_receiver(
    sig: &syn::Signature,
    receiver: Option<Receiver>,
    self_ty: &syn::Type,
) -> syn::Signature {
    let mut sig = sig.clone();
    if receiver.is_some() {
        sig.inputs = sig.inputs.into_iter().skip(1).collect();
    }
    for input in &mut sig.inputs {
        if let syn::FnArg::Typed(pt) = input {
            syn::visit_mut::VisitMut::visit_type_mut(
                &mut crate::type_rewrite::ReplaceSelf(self_ty),
                &mut pt.ty,
            );
        }
    }
    sig
}
