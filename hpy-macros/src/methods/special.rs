//! Generates the slot definitions of a type's special methods, grouping the methods that
//! share a slot (`__add__` and `__radd__` in `nb_add`, the comparisons in `tp_richcompare`,
//! `__setitem__` and `__delitem__` in `mp_ass_subscript`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::slot_items::SlotItems;
use super::slots::{self, ItemKeys, Role, SpecialMethod};
use crate::callable::emit::callable_items;
use crate::callable::receiver::{self, Receiver, ReceiverCode};
use crate::callable::{Callable, Definition, ItemNames, output_span};
use crate::diagnostics::Errors;
use crate::hygiene::{context, entry, local, self_handle};
use crate::names;
use crate::type_rewrite::elide_lifetimes;

/// The special methods of one impl block.
#[derive(Default)]
pub struct Specials {
    methods: Vec<(Role, Owned)>,
    /// `__call__` has a full argument list, bound like a method's.
    call: Option<(Ident, Callable)>,
}

/// A special method, detached from the impl block.
struct Owned {
    ident: Ident,
    receiver: Receiver,
    operands: Vec<Option<syn::Type>>,
    returns_unit: bool,
    ret_span: proc_macro2::Span,
}

impl Owned {
    fn as_special(&self) -> SpecialMethod<'_> {
        SpecialMethod {
            ident: &self.ident,
            receiver: self.receiver,
            operands: self.operands.clone(),
            returns_unit: self.returns_unit,
            ret_span: self.ret_span,
        }
    }

    /// The number of operands that come from Python (not the `Context`).
    fn arity(&self) -> usize {
        self.operands.iter().filter(|o| o.is_some()).count()
    }
}

impl Specials {
    /// Adds the special method `f` in `role`.
    pub fn add(
        &mut self,
        role: Role,
        f: &syn::ImplItemFn,
        receiver: Receiver,
        self_ty: &syn::Type,
    ) -> syn::Result<()> {
        let sig = receiver::without_receiver(&f.sig, Some(receiver), self_ty);
        let operands: Vec<Option<syn::Type>> = sig
            .inputs
            .iter()
            .map(|input| match input {
                syn::FnArg::Typed(pt) if names::is_context(&pt.ty) => None,
                syn::FnArg::Typed(pt) => Some((*pt.ty).clone()),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        let owned = Owned {
            ident: f.sig.ident.clone(),
            receiver,
            operands,
            returns_unit: returns_unit(&f.sig.output),
            ret_span: output_span(&f.sig),
        };
        let (min, max) = arity(role);
        let n = owned.arity();
        if n < min || n > max {
            let expected = if min == max {
                min.to_string()
            } else {
                format!("{min} or {max}")
            };
            return Err(syn::Error::new_spanned(
                &f.sig,
                format!(
                    "`{}` takes {expected} argument(s) after its receiver",
                    f.sig.ident
                ),
            ));
        }
        if self.methods.iter().any(|(_, m)| m.ident == owned.ident) {
            return Err(syn::Error::new_spanned(&f.sig.ident, "defined twice"));
        }
        self.methods.push((role, owned));
        Ok(())
    }

    /// Sets `__call__` (named `ident` in the impl block), a method in all but its definition.
    pub fn set_call(&mut self, ident: &Ident, callable: Callable) {
        let callable = Callable {
            definition: Definition::Call,
            ..callable
        };
        self.call = Some((ident.clone(), callable));
    }

    /// Checks what no single method shows: `__releasebuffer__` needs `__getbuffer__`.
    pub fn check(&self, errors: &mut Errors) {
        let has = |wanted: Role| self.methods.iter().find(|(r, _)| *r == wanted);
        if has(Role::GetBuffer).is_none()
            && let Some((_, release)) = has(Role::ReleaseBuffer)
        {
            errors.push(
                &release.ident,
                "`__releasebuffer__` without `__getbuffer__`: it runs when a view that \
                 `__getbuffer__` exported is released",
            );
        }
    }

    /// The slot definitions and their names.
    pub fn generate(&self, self_ty: &syn::Type) -> syn::Result<(TokenStream, Vec<Ident>)> {
        let mut out = SlotItems::default();
        let find = |wanted: Role| {
            self.methods
                .iter()
                .find(|(r, _)| *r == wanted)
                .map(|(_, m)| m.as_special())
        };
        let keys = self
            .methods
            .iter()
            .find(|(r, _)| matches!(r, Role::GetItem | Role::SetItem | Role::DelItem))
            .and_then(|(_, m)| m.operands.iter().flatten().next())
            .map_or(ItemKeys::Mapping, ItemKeys::of);
        let p = quote!(::hpy::__private);

        for (role, method) in &self.methods {
            let m = method.as_special();
            let base = method.ident.to_string();
            let out = &mut out;
            match *role {
                Role::Repr(slot) => emit_own(out, &m, self_ty, &base, slot, object(&m)),
                Role::Unary(slot) => emit_own(out, &m, self_ty, &base, slot, object(&m)),
                Role::Hash => {
                    let finish = quote_spanned!(m.ret_span=> #p::slot_value::<#p::Hash, _>(__ret));
                    emit_own(out, &m, self_ty, &base, "HPy_tp_hash", finish)
                }
                Role::Len => {
                    let finish = quote_spanned!(m.ret_span=> #p::slot_value::<#p::Len, _>(__ret));
                    let sequence = keys
                        .sequence()
                        .then(|| ("HPy_sq_length", format!("{base}_sq")));
                    for (slot, base) in [("HPy_mp_length", base.clone())]
                        .into_iter()
                        .chain(sequence)
                    {
                        emit_own(out, &m, self_ty, &base, slot, finish.clone());
                    }
                }
                Role::Bool => {
                    let finish = quote_spanned!(m.ret_span=> #p::slot_value::<#p::Truth, _>(__ret));
                    emit_own(out, &m, self_ty, &base, "HPy_nb_bool", finish)
                }
                Role::Contains => emit_contains(out, &m, self_ty, &base),
                Role::InPlace(slot) => emit_in_place(out, &m, self_ty, &base, slot, false),
                Role::InPlacePower => {
                    emit_in_place(out, &m, self_ty, &base, "HPy_nb_inplace_power", true)
                }
                Role::GetItem => emit_get_item(out, &m, self_ty, &base, keys),
                Role::GetBuffer => {
                    let release = find(Role::ReleaseBuffer);
                    emit_buffer(out, &m, release.as_ref(), self_ty);
                }
                // Grouped below.
                Role::Compare(_)
                | Role::Binary { .. }
                | Role::Power { .. }
                | Role::SetItem
                | Role::DelItem
                | Role::Call
                | Role::ReleaseBuffer => {}
            }
        }

        let compare: Vec<(&'static str, SpecialMethod)> = self
            .methods
            .iter()
            .filter_map(|(r, m)| match r {
                Role::Compare(name) => Some((*name, m.as_special())),
                _ => None,
            })
            .collect();
        if !compare.is_empty() {
            emit_richcompare(&mut out, &compare, self_ty);
        }

        let mut binary_slots: Vec<&'static str> = Vec::new();
        for (role, _) in &self.methods {
            if let Role::Binary { slot, .. } = role
                && !binary_slots.contains(slot)
            {
                binary_slots.push(slot);
            }
        }
        for slot in binary_slots {
            let forward = find(Role::Binary {
                slot,
                reflected: false,
            });
            let reflected = find(Role::Binary {
                slot,
                reflected: true,
            });
            emit_binary(
                &mut out,
                forward.as_ref(),
                reflected.as_ref(),
                self_ty,
                slot,
            );
        }
        let power = find(Role::Power { reflected: false });
        let rpower = find(Role::Power { reflected: true });
        if power.is_some() || rpower.is_some() {
            emit_power(&mut out, power.as_ref(), rpower.as_ref(), self_ty);
        }
        let set = find(Role::SetItem);
        let del = find(Role::DelItem);
        if set.is_some() || del.is_some() {
            emit_ass_item(&mut out, set.as_ref(), del.as_ref(), self_ty, keys);
        }
        if let Some((ident, callable)) = &self.call {
            let names = ItemNames::for_method(ident);
            out.items
                .extend(callable_items(callable, &names, quote!(), ident.span())?);
            out.defs.push(names.def);
        }
        Ok((out.items, out.defs))
    }
}

/// How many operands (after the receiver) a role takes.
fn arity(role: Role) -> (usize, usize) {
    match role {
        Role::Repr(_) | Role::Unary(_) | Role::Hash | Role::Len | Role::Bool => (0, 0),
        Role::Compare("__richcmp__") => (2, 2),
        Role::Contains
        | Role::Compare(_)
        | Role::Binary { .. }
        | Role::InPlace(_)
        | Role::GetItem
        | Role::DelItem => (1, 1),
        Role::Power { reflected: false } => (1, 2),
        Role::Power { reflected: true } | Role::InPlacePower => (1, 1),
        Role::SetItem => (2, 2),
        Role::Call => (0, usize::MAX),
        Role::GetBuffer | Role::ReleaseBuffer => (0, 0),
    }
}

fn returns_unit(output: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = output else {
        return true;
    };
    let is_unit = |ty: &syn::Type| matches!(ty, syn::Type::Tuple(t) if t.elems.is_empty());
    if is_unit(ty) {
        return true;
    }
    names::last_segment(ty).is_some_and(|s| {
        s.ident == "Result"
            && matches!(&s.arguments, syn::PathArguments::AngleBracketed(a)
                if matches!(a.args.first(), Some(syn::GenericArgument::Type(t)) if is_unit(t)))
    })
}

/// The slot's value from a method's return value `__ret`, for slots that return an object.
fn object(m: &SpecialMethod) -> TokenStream {
    crate::entry_points::convert_return(&quote!(__ret), m.ret_span)
}

/// A `(self) -> value` slot (`tp_repr`, `nb_negative`, `tp_hash`, `mp_length`...): `finish`
/// turns the method's return value `__ret` into the slot's value.
fn emit_own(
    out: &mut SlotItems,
    m: &SpecialMethod,
    self_ty: &syn::Type,
    base: &str,
    slot: &str,
    finish: TokenStream,
) {
    let raw = local("self_raw");
    let receiver = slots::own_receiver(m, self_ty, &raw);
    let call = slots::call(m, self_ty, &receiver, &[], &quote!(unreachable!()));
    let setup = &receiver.setup;
    let body = quote! {
        #setup
        let __ret = { #call };
        #finish
    };
    out.emit(base, slot, &[raw], body);
}

/// `sq_contains`: an item of a type the method does not accept is not contained.
fn emit_contains(out: &mut SlotItems, m: &SpecialMethod, self_ty: &syn::Type, base: &str) {
    let entry = entry();
    let (cx, raw, item) = (context(), local("self_raw"), local("item"));
    let receiver = slots::own_receiver(m, self_ty, &raw);
    let on_mismatch = quote! {
        if __e.matches(#cx, ::hpy::exceptions::TypeError) {
            __e.clear(#cx);
            return ::core::result::Result::Ok(0);
        }
        return ::core::result::Result::Err(__e);
    };
    let call = slots::call(m, self_ty, &receiver, &[quote!(&*__item)], &on_mismatch);
    let setup = &receiver.setup;
    let truth = quote_spanned! {m.ret_span=>
        ::hpy::__private::slot_value::<::hpy::__private::Truth, _>(__ret)
    };
    let body = quote! {
        let __item = #entry.lend(#cx, #item);
        #setup
        let __ret = { #call };
        #truth
    };
    out.emit(base, "HPy_sq_contains", &[raw, item], body);
}

/// `tp_richcompare`, dispatching on the operator; `!=` without `__ne__` is `not __eq__`, as for
/// Python classes.
fn emit_richcompare(
    out: &mut SlotItems,
    methods: &[(&'static str, SpecialMethod)],
    self_ty: &syn::Type,
) {
    let entry = entry();
    let (cx, raw, other, op) = (context(), local("self_raw"), local("other"), local("op"));
    let this = self_handle();
    let invoke = |m: &SpecialMethod, extra: Option<TokenStream>| {
        let receiver = receiver::checked(
            m.receiver,
            self_ty,
            &quote!(#this),
            slots::return_not_implemented(),
        );
        let call = if let Some(extra) = extra {
            // `__richcmp__(self, other, op)`: the operator goes last.
            let ident = m.ident;
            let other_ty = m.operands.iter().flatten().next().cloned();
            let other_ty = other_ty.map(|t| elide_lifetimes(&t));
            let (borrow, arg) = (&receiver.borrow, &receiver.arg);
            quote! {
                let __operand: #other_ty = match ::hpy::FromPy::from_py(&*__other) {
                    ::core::result::Result::Ok(v) => v,
                    ::core::result::Result::Err(__e) => { return ::hpy::__private::not_implemented(#cx, __e); }
                };
                #borrow
                <#self_ty>::#ident(#arg, __operand, #extra)
            }
        } else {
            slots::call(
                m,
                self_ty,
                &receiver,
                &[quote!(&*__other)],
                &slots::not_implemented_on_type_error(),
            )
        };
        let object = object(m);
        let setup = &receiver.setup;
        quote! {{
            #setup
            let __ret = { #call };
            #object
        }}
    };
    let not_implemented = quote!(::core::result::Result::Ok(#cx.NotImplemented().into_raw()));
    let dispatch = if let Some((_, m)) = methods.iter().find(|(n, _)| *n == "__richcmp__") {
        let call = invoke(m, Some(quote!(__compare_op)));
        quote! {
            let ::core::option::Option::Some(__compare_op) = ::hpy::CompareOp::from_raw(#op) else {
                return ::core::result::Result::Err(::hpy::exceptions::SystemError::new_err("invalid comparison operator"));
            };
            #call
        }
    } else {
        let method = |name: &str| methods.iter().find(|(n, _)| *n == name).map(|(_, m)| m);
        let arm = |name: &str, code: &str| {
            let code = format_ident!("{}", code);
            let body = match (method(name), method("__eq__")) {
                (Some(m), _) => invoke(m, None),
                (None, Some(eq)) if name == "__ne__" => {
                    let eq = invoke(eq, None);
                    quote! {{
                        let __eq_raw = #eq?;
                        // SAFETY: the new reference `__eq__`'s slot code returned.
                        let __eq = unsafe { ::hpy::Handle::from_raw_or_err(#cx, __eq_raw) }?;
                        if __eq.is(&#cx.NotImplemented()) {
                            ::core::result::Result::Ok(__eq.into_raw())
                        } else {
                            let __truth = __eq.is_truthy()?;
                            ::hpy::IntoPy::into_py(!__truth, #cx).map(::hpy::Handle::into_raw)
                        }
                    }}
                }
                (None, _) => not_implemented.clone(),
            };
            quote!(::hpy::ffi::#code => #body,)
        };
        let arms: Vec<TokenStream> = [
            ("__lt__", "HPy_LT"),
            ("__le__", "HPy_LE"),
            ("__eq__", "HPy_EQ"),
            ("__ne__", "HPy_NE"),
            ("__gt__", "HPy_GT"),
            ("__ge__", "HPy_GE"),
        ]
        .iter()
        .map(|(n, c)| arm(n, c))
        .collect();
        quote! {
            match #op {
                #(#arms)*
                _ => #not_implemented,
            }
        }
    };
    let body = quote! {
        let #this = #entry.lend(#cx, #raw);
        let __other = #entry.lend(#cx, #other);
        #dispatch
    };
    out.emit("richcompare", "HPy_tp_richcompare", &[raw, other, op], body);
}

/// A binary operator slot: `a <op> b` calls `__op__(a, b)` when `a` is ours, else
/// `__rop__(b, a)` when `b` is; an operand of another type gives `NotImplemented`.
fn emit_binary(
    out: &mut SlotItems,
    forward: Option<&SpecialMethod>,
    reflected: Option<&SpecialMethod>,
    self_ty: &syn::Type,
    slot: &str,
) {
    let entry = entry();
    let (cx, a, b) = (context(), local("a"), local("b"));
    let dispatch = binary_dispatch(forward, reflected, self_ty, &[]);
    let body = quote! {
        let __a = #entry.lend(#cx, #a);
        let __b = #entry.lend(#cx, #b);
        #dispatch
    };
    let base = slot.trim_start_matches("HPy_");
    out.emit(base, slot, &[a, b], body);
}

/// The dispatch of a (possibly ternary) binary operator between `__a`, `__b` and `extra`.
fn binary_dispatch(
    forward: Option<&SpecialMethod>,
    reflected: Option<&SpecialMethod>,
    self_ty: &syn::Type,
    extra: &[TokenStream],
) -> TokenStream {
    let (cx, ty) = (context(), local("__type"));
    // `typed` is the operand known to be a `Self` (checked once).
    let attempt = |m: &SpecialMethod, typed: TokenStream, other: TokenStream| {
        let receiver = receiver::from_typed(m.receiver, typed);
        let mut handles = vec![quote!(&*#other)];
        handles.extend(
            extra
                .iter()
                .take(m.operands.iter().flatten().count().saturating_sub(1))
                .cloned(),
        );
        let call = slots::call_with(
            m,
            self_ty,
            &receiver,
            &handles,
            &slots::not_implemented_on_type_error(),
            Some(&ty),
        );
        let ret = quote_spanned!(m.ret_span=> #ty.returned(__ret).object(#cx));
        let setup = &receiver.setup;
        quote! {{
            #setup
            let __ret = { #call };
            return #ret;
        }}
    };
    let forward = forward.map(|m| {
        let attempt = attempt(m, quote!(__a_typed), quote!(__b));
        quote!(if let ::core::option::Option::Some(__a_typed) = __a_cast #attempt)
    });
    let reflected = reflected.map(|m| {
        let attempt = attempt(m, quote!(__b_typed), quote!(__a));
        quote! {
            if __a_cast.is_none() {
                if let ::core::option::Option::Some(__b_typed) = #ty.cast(&__b) #attempt
            }
        }
    });
    // The class's type object, loaded once: it checks the operands and creates the result.
    quote! {
        use ::hpy::__private::{OperandFallback as _, ReturnedFallback as _};
        // SAFETY: this is a slot of the class's type.
        let #ty = unsafe { ::hpy::__private::TypeInHand::<#self_ty>::load_in_slot(#cx) }?;
        let __a_cast = #ty.cast(&__a);
        #forward
        #reflected
        ::core::result::Result::Ok(#cx.NotImplemented().into_raw())
    }
}

/// `nb_power` (ternary): `pow(a, b[, m])`; `__rpow__` only for the two-operand form.
fn emit_power(
    out: &mut SlotItems,
    forward: Option<&SpecialMethod>,
    reflected: Option<&SpecialMethod>,
    self_ty: &syn::Type,
) {
    let entry = entry();
    let (cx, a, b, c) = (context(), local("a"), local("b"), local("c"));
    let takes_modulo = forward.is_some_and(|m| m.operands.iter().flatten().count() == 2);
    let both = binary_dispatch(forward, reflected, self_ty, &[quote!(&*__c)]);
    let three_operands = if takes_modulo {
        binary_dispatch(forward, None, self_ty, &[quote!(&*__c)])
    } else {
        quote!(::core::result::Result::Ok(#cx.NotImplemented().into_raw()))
    };
    let body = quote! {
        let __a = #entry.lend(#cx, #a);
        let __b = #entry.lend(#cx, #b);
        let __c = #entry.lend(#cx, #c);
        if __c.is_none() {
            #both
        } else {
            #three_operands
        }
    };
    out.emit("power", "HPy_nb_power", &[a, b, c], body);
}

/// An in-place operator: the method mutates `self`; returning nothing returns `self`.
/// `__ipow__` (`ternary`) receives no modulo: `pow()` has no in-place form with one.
fn emit_in_place(
    out: &mut SlotItems,
    m: &SpecialMethod,
    self_ty: &syn::Type,
    base: &str,
    slot: &str,
    ternary: bool,
) {
    let entry = entry();
    let (cx, raw, other, modulo) = (
        context(),
        local("self_raw"),
        local("other"),
        local("modulo"),
    );
    let this = self_handle();
    let receiver = receiver::unchecked(m.receiver, self_ty);
    let setup = &receiver.setup;
    let call = slots::call(
        m,
        self_ty,
        &receiver,
        &[quote!(&*__other)],
        &slots::not_implemented_on_type_error(),
    );
    let finish = if m.returns_unit {
        let status = quote_spanned! {m.ret_span=>
            ::hpy::__private::slot_value::<::hpy::__private::Status, _>(__ret)
        };
        quote! {
            #status?;
            ::core::result::Result::Ok(::core::clone::Clone::clone(&*#this).into_raw())
        }
    } else {
        object(m)
    };
    let (params, check_modulo) = if ternary {
        let check = quote! {
            if !#entry.lend(#cx, #modulo).is_none() {
                return ::core::result::Result::Ok(#cx.NotImplemented().into_raw());
            }
        };
        (vec![raw.clone(), other.clone(), modulo], check)
    } else {
        (vec![raw.clone(), other.clone()], quote!())
    };
    let body = quote! {
        let #this = #entry.lend(#cx, #raw);
        let __other = #entry.lend(#cx, #other);
        #check_modulo
        let __ret = { #setup #call };
        #finish
    };
    out.emit(base, slot, &params, body);
}

/// `__getitem__`: `mp_subscript` and/or `sq_item`, as the key type asks ([`ItemKeys`]).
fn emit_get_item(
    out: &mut SlotItems,
    m: &SpecialMethod,
    self_ty: &syn::Type,
    base: &str,
    keys: ItemKeys,
) {
    let entry = entry();
    let (cx, raw, key) = (context(), local("self_raw"), local("key"));
    let receiver = slots::own_receiver(m, self_ty, &raw);
    let setup = &receiver.setup;
    let finish = object(m);
    if keys.mapping() {
        let raise = raise_item_conversion(self_ty);
        let call = slots::call(m, self_ty, &receiver, &[quote!(&*__key)], &raise);
        let body = quote! {
            let __key = #entry.lend(#cx, #key);
            #setup
            let __ret = { #call };
            #finish
        };
        let params = [raw.clone(), key.clone()];
        out.emit(base, "HPy_mp_subscript", &params, body);
    }
    if keys.sequence() {
        let call = index_call(m, self_ty, &receiver, &key);
        let body = quote! {
            #setup
            let __ret = { #call };
            #finish
        };
        let base = format!("{base}_sq");
        out.emit(&base, "HPy_sq_item", &[raw, key], body);
    }
}

/// `return` a key (`__which == 0`) or value conversion error `__e` of an item access, saying
/// which: "protocols.Table indices must be str, not int".
fn raise_item_conversion(self_ty: &syn::Type) -> TokenStream {
    let cx = context();
    quote! {
        return ::core::result::Result::Err(::hpy::__private::item_conversion::<#self_ty>(#cx, __e, __which));
    }
}

/// Calls a sequence method with the index `key` (an `HPy_ssize_t`) converted to its index
/// type (`IndexError` if it does not fit, e.g. negative for `usize`); a further operand (the
/// value of `__setitem__`) is converted from `__value`.
fn index_call(
    m: &SpecialMethod,
    self_ty: &syn::Type,
    receiver: &ReceiverCode,
    key: &Ident,
) -> TokenStream {
    let cx = context();
    let mut conversions = TokenStream::new();
    let mut args = vec![receiver.arg.clone()];
    let mut typed = 0;
    for operand in &m.operands {
        match operand {
            None => args.push(quote!(#cx)),
            Some(ty) => {
                let ty = elide_lifetimes(ty);
                let var = local(&format!("__operand_{typed}"));
                conversions.extend(if typed == 0 && ItemKeys::of(&ty) == ItemKeys::Both {
                    quote!(let #var = ::hpy::SliceOrIndex::from_sequence_index(#key);)
                } else if typed == 0 {
                    quote! {
                        let #var = <#ty as ::core::convert::TryFrom<::hpy::ffi::HPy_ssize_t>>::try_from(#key)
                            .map_err(|_| ::hpy::exceptions::IndexError::new_err("index out of range"))?;
                    }
                } else {
                    quote! {
                        let #var: #ty = ::hpy::FromPy::from_py(&*__value).map_err(|__e| {
                            ::hpy::__private::item_conversion::<#self_ty>(#cx, __e, 1)
                        })?;
                    }
                });
                args.push(quote!(#var));
                typed += 1;
            }
        }
    }
    let (ident, borrow) = (m.ident, &receiver.borrow);
    quote! {
        #conversions
        #borrow
        <#self_ty>::#ident(#(#args),*)
    }
}

/// `mp_ass_subscript` and/or `sq_ass_item` ([`ItemKeys`]): assignment calls `__setitem__`,
/// deletion (a NULL value) `__delitem__`; a missing one raises CPython's `TypeError`.
fn emit_ass_item(
    out: &mut SlotItems,
    set: Option<&SpecialMethod>,
    del: Option<&SpecialMethod>,
    self_ty: &syn::Type,
    keys: ItemKeys,
) {
    if keys.mapping() {
        emit_ass_item_slot(out, set, del, self_ty, false);
    }
    if keys.sequence() {
        emit_ass_item_slot(out, set, del, self_ty, true);
    }
}

/// One item-assignment slot: `sq_ass_item` (`sequence`) or `mp_ass_subscript`.
fn emit_ass_item_slot(
    out: &mut SlotItems,
    set: Option<&SpecialMethod>,
    del: Option<&SpecialMethod>,
    self_ty: &syn::Type,
    sequence: bool,
) {
    let entry = entry();
    let (cx, raw, key, value) = (context(), local("self_raw"), local("key"), local("value"));
    let this = self_handle();
    let raise = raise_item_conversion(self_ty);
    let invoke = |m: &SpecialMethod, with_value: bool| {
        let receiver = receiver::unchecked(m.receiver, self_ty);
        let setup = &receiver.setup;
        let call = if sequence {
            index_call(m, self_ty, &receiver, &key)
        } else {
            let mut handles = vec![quote!(&*__key)];
            if with_value {
                handles.push(quote!(&*__value));
            }
            slots::call(m, self_ty, &receiver, &handles, &raise)
        };
        let status = quote_spanned! {m.ret_span=>
            ::hpy::__private::slot_value::<::hpy::__private::Status, _>(__ret)
        };
        quote! {{
            #setup
            let __ret = { #call };
            #status
        }}
    };
    let missing = |what: &str| {
        let message = format!("'{{}}' object {what}");
        quote! {
            ::core::result::Result::Err(::hpy::exceptions::TypeError::new_err(::std::format!(#message, #this.type_name())))
        }
    };
    let on_set = match set {
        Some(m) => invoke(m, true),
        None => missing("does not support item assignment"),
    };
    let on_del = match del {
        Some(m) => invoke(m, false),
        None => missing("doesn't support item deletion"),
    };
    let (base, slot, lend_key) = if sequence {
        let slot = "HPy_sq_ass_item";
        ("sq_ass_item", slot, quote!())
    } else {
        let lend = quote!(let __key = #entry.lend(#cx, #key););
        let slot = "HPy_mp_ass_subscript";
        ("mp_ass_subscript", slot, lend)
    };
    let body = quote! {
        let #this = #entry.lend(#cx, #raw);
        #lend_key
        if #value.is_null() {
            #on_del
        } else {
            let __value = #entry.lend(#cx, #value);
            #on_set
        }
    };
    out.emit(base, slot, &[raw, key, value], body);
}

/// `bf_getbuffer` from `__getbuffer__`, and the `bf_releasebuffer` that calls
/// `__releasebuffer__` (if any) and frees the view's shape and strides. When the consumer's
/// request cannot be met after `__getbuffer__` succeeded, `__releasebuffer__` runs at once: the
/// two always pair up.
fn emit_buffer(
    out: &mut SlotItems,
    get: &SpecialMethod,
    release: Option<&SpecialMethod>,
    self_ty: &syn::Type,
) {
    let entry = entry();
    let (cx, raw, view, flags) = (context(), local("self_raw"), local("view"), local("flags"));
    let this = self_handle();
    let p = quote!(::hpy::__private);
    let invoke = |m: &SpecialMethod, kind: TokenStream| {
        let receiver = receiver::unchecked(m.receiver, self_ty);
        let call = slots::call(m, self_ty, &receiver, &[], &quote!(unreachable!()));
        let setup = &receiver.setup;
        let value = quote_spanned!(m.ret_span=> #p::slot_value::<#p::#kind, _>(__ret));
        quote! {{
            #setup
            let __ret = { #call };
            #value
        }}
    };
    let get_call = invoke(get, quote!(Export));
    let (undo, release_body) = match release {
        Some(m) => {
            let call = invoke(m, quote!(Status));
            let undo = quote! {
                if let ::core::result::Result::Err(__undo) = #call {
                    __undo.clear(#cx);
                }
            };
            (undo, call)
        }
        None => (quote!(), quote!(::core::result::Result::Ok(0))),
    };
    let body = quote! {
        let #this = #entry.lend(#cx, #raw);
        let __buffer = #get_call?;
        match #p::export_buffer(#entry, &#this, __buffer, #view, #flags) {
            ::core::result::Result::Ok(__status) => ::core::result::Result::Ok(__status),
            ::core::result::Result::Err(__e) => {
                #undo
                ::core::result::Result::Err(__e)
            }
        }
    };
    out.emit(
        "getbuffer",
        "HPy_bf_getbuffer",
        &[raw.clone(), view.clone(), flags],
        body,
    );
    let body = quote!(#p::release_buffer(#entry, #raw, #view, |#cx, #this| #release_body));
    out.emit_impl("releasebuffer", "HPy_bf_releasebuffer", &[raw, view], body);
}
