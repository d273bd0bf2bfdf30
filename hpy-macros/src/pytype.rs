//! `#[hpy::class]` on a struct: the `PyType` implementation (type info, storage layout, type
//! object global), `tp_destroy`, `tp_traverse` over every member that holds `Field`s, and
//! `IntoPy` (returning the value creates an object).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::Parser;

use crate::diagnostics::Errors;
use crate::docs::docstring;
use crate::literal::c_literal;

/// Options of `#[hpy::class(...)]`.
#[derive(Default)]
struct TypeOptions {
    frozen: bool,
    subclass: bool,
    name: Option<syn::LitStr>,
    /// `legacy_slots = PATH`: a `static` of `hpy::legacy::LegacySlots`; gives the class the
    /// legacy shape.
    legacy_slots: Option<syn::Path>,
}

fn parse_options(attr: TokenStream) -> syn::Result<TypeOptions> {
    let mut options = TypeOptions::default();
    syn::meta::parser(|meta| {
        if meta.path.is_ident("frozen") {
            options.frozen = true;
        } else if meta.path.is_ident("subclass") {
            options.subclass = true;
        } else if meta.path.is_ident("name") {
            options.name = Some(meta.value()?.parse()?);
        } else if meta.path.is_ident("legacy_slots") {
            options.legacy_slots = Some(meta.value()?.parse()?);
        } else {
            return Err(meta.error(
                "expected `frozen`, `subclass`, `name = \"...\"` or `legacy_slots = PATH`",
            ));
        }
        Ok(())
    })
    .parse2(attr)?;
    Ok(options)
}

/// The options `attr` of `#[hpy::class]` on the struct `s`, or why the struct cannot be a
/// class.
fn check(attr: TokenStream, s: &syn::ItemStruct) -> syn::Result<TypeOptions> {
    let options = parse_options(attr)?;
    if !s.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &s.generics,
            "#[hpy::class] cannot be generic: a Python type has one layout (and no lifetimes: \
             the value outlives every call)",
        ));
    }
    Ok(options)
}

/// Whether `#[hpy::module]` registers the struct `s`, marked with the class attribute `attr`:
/// not when `#[hpy::class]` reports an error for it (that error is enough).
pub fn registers(attr: &syn::Attribute, s: &syn::ItemStruct) -> bool {
    crate::names::attribute_arguments(attr).is_some_and(|tokens| check(tokens, s).is_ok())
}

/// What a stub says of a class.
pub struct ClassFacts {
    /// The Python name.
    pub name: String,
    /// Whether Python code can subclass it.
    pub subclass: bool,
    /// Its `#[hpy(get)]` members: the name and the Rust type of each.
    pub members: Vec<(String, syn::Type)>,
}

/// What the stub says of the struct `s` marked with the class attribute `attr`; `None` when
/// `#[hpy::class]` reports an error for it.
pub fn stub_facts(attr: &syn::Attribute, s: &syn::ItemStruct) -> Option<ClassFacts> {
    let options = check(crate::names::attribute_arguments(attr)?, s).ok()?;
    let mut fields = s.fields.clone();
    let (members, errors) = take_member_fields(&mut fields, options.frozen);
    // The class's own expansion reports them.
    let _ = errors.finish();
    Some(ClassFacts {
        name: options
            .name
            .as_ref()
            .map_or_else(|| s.ident.to_string(), syn::LitStr::value),
        subclass: options.subclass,
        members: members
            .into_iter()
            .map(|m| (m.ident.to_string(), m.ty))
            .collect(),
    })
}

/// Expands `#[hpy::class(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut strukt: syn::ItemStruct = match syn::parse2::<syn::Item>(item)? {
        syn::Item::Struct(s) => s,
        other => {
            return Err(syn::Error::new_spanned(
                other,
                "#[hpy::class] goes on a struct (its fields are the object's Rust value)",
            ));
        }
    };
    let options = match check(attr, &strukt) {
        Ok(options) => options,
        // The struct stays, so that uses of it report nothing more.
        Err(e) => {
            let error = e.into_compile_error();
            return Ok(quote!(#strukt #error));
        }
    };

    // A mistake in a field attribute leaves the type complete (without that member), so
    // that uses of it report nothing more.
    let (member_fields, member_errors) = take_member_fields(&mut strukt.fields, options.frozen);
    let member_errors = member_errors
        .finish()
        .err()
        .map(syn::Error::into_compile_error);
    let ident = &strukt.ident;
    let name = options
        .name
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_else(|| ident.to_string());
    let doc = match docstring(&strukt.attrs) {
        Some(doc) => {
            let doc = c_literal(&doc, ident.span())?;
            quote!(::core::option::Option::Some(#doc))
        }
        None => quote!(::core::option::Option::None),
    };
    let storage = if options.frozen {
        quote!(::hpy::FrozenCell<#ident>)
    } else {
        quote!(::hpy::MutableCell<#ident>)
    };
    let members = crate::traverse::members(&strukt.fields, &quote!(value));
    let member_types: Vec<&syn::Type> = members.iter().map(|(_, ty)| *ty).collect();
    let visit_members = crate::traverse::visit_each(
        members.iter().map(|(place, _)| place.clone()),
        &quote!(visitor),
    );
    let hpy = quote!(::hpy::__private);
    let basetype = options.subclass;
    let legacy = options.legacy_slots.is_some();
    let legacy_slots = match &options.legacy_slots {
        Some(path) => {
            let slots =
                quote_spanned!(syn::spanned::Spanned::span(path)=> #hpy::legacy_slots(&#path));
            quote!(::core::option::Option::Some(|| #slots))
        }
        None => quote!(::core::option::Option::None),
    };
    let frozen_from_py = options.frozen.then(|| {
        quote! {
            impl<'a, 'ctx> ::hpy::FromPy<'a, 'ctx> for &'a #ident {
                #[inline]
                fn from_py(obj: &'a ::hpy::Handle<'ctx>) -> ::hpy::Result<Self> {
                    obj.downcast::<#ident>()?.get()
                }
            }
        }
    });
    let field_types = field_types(&strukt);
    let mutable_class = (!options.frozen).then(|| {
        quote! {
            impl #hpy::MutableClass for #ident {
                type Guard<'h, 'ctx: 'h> = ::hpy::RefMut<'h, 'ctx, #ident>;
            }
        }
    });
    let members = member_defs(ident, &member_fields)?;
    let member_names = (0..member_fields.len()).map(|i| format_ident!("MEMBER_{i}"));
    let traverse_trampoline = format_ident!("__hpy_traverse_trampoline", span = Span::mixed_site());
    let traverse_impl = quote!(#hpy::traverse::<#ident>);
    let traverse_trampoline_item = crate::entry_points::trampoline(
        &traverse_trampoline,
        crate::entry_points::slot_signature("HPy_tp_traverse"),
        &traverse_impl,
    );
    let traverse = crate::entry_points::slot_def(
        "HPy_tp_traverse",
        &traverse_impl,
        &quote!(#traverse_trampoline),
    );
    let finalize = crate::entry_points::slot_def(
        "HPy_tp_finalize",
        &quote!(#hpy::finalize::<#ident>),
        &quote!(#hpy::finalize_trampoline::<#ident>),
    );
    Ok(quote! {
        #strukt
        #member_errors

        const _: () = {
            use #hpy::{HasMethods as _, HasNoMethods as _, VisitsFields as _, VisitsNothing as _};

            static TYPE_OBJECT: ::hpy::TypeObject = ::hpy::TypeObject::new();
            // SAFETY (the three slots): this type's own destroy, traverse and finalize, used
            // only in its spec (`register_type::<#ident>`); the trampolines hand their
            // arguments to the runtime with them.
            static DESTROY: #hpy::Def = unsafe { #hpy::Def::slot_destroy(#hpy::destroy::<#ident>) };
            static TRAVERSE: #hpy::Def = unsafe { #traverse };
            static FINALIZE: #hpy::Def = unsafe { #finalize };
            static INFO: #hpy::TypeInfo = #hpy::TypeInfo {
                name: #name,
                doc: #doc,
                basicsize: #hpy::basicsize::<#storage>(#legacy),
                holds_fields: || false #(|| (&#hpy::FieldsProbe::<#member_types>(None)).holds_fields())*,
                destroy: &DESTROY,
                traverse: &TRAVERSE,
                finalize: &FINALIZE,
                methods: || (&#hpy::MethodsProbe::<#ident>::new()).methods(),
                members: &[#(&#member_names),*],
                legacy_slots: #legacy_slots,
            };

            #members

            #traverse_trampoline_item

            // SAFETY: every object of the type is created by its tp_new or `Typed::new`, which
            // write a `#storage` into the payload before the object is visible; `tp_destroy`
            // drops it.
            unsafe impl ::hpy::PyType for #ident {
                const NAME: &'static str = #name;
                type Storage = #storage;
                const TYPE_OBJECT: &'static ::hpy::TypeObject = &TYPE_OBJECT;
                const BASETYPE: bool = #basetype;
                const LEGACY_SHAPE: bool = #legacy;

                unsafe fn __traverse_fields(
                    value: &Self,
                    visitor: &mut ::hpy::Visitor<'_>,
                ) -> ::core::ffi::c_int {
                    #visit_members
                    0
                }
            }

            // SAFETY: the definitions above are this type's own.
            unsafe impl #hpy::TypeDefinition for #ident {
                const INFO: &'static #hpy::TypeInfo = &INFO;
            }

            impl<'ctx> ::hpy::IntoPy<'ctx> for #ident {
                #[inline]
                fn into_py(self, cx: ::hpy::Context<'ctx>) -> ::hpy::Result<::hpy::Handle<'ctx>> {
                    ::hpy::Typed::new(cx, self).map(::hpy::Typed::into_handle)
                }
            }

            #frozen_from_py
            #mutable_class

            // Python uses and drops objects on whichever thread holds the GIL; a Python
            // object is kept in a `Field`. Checked per field, so that the error is at it.
            #( const _: fn() = || #hpy::require_field::<#field_types>(); )*

            // HPy's `basicsize` is a C int.
            const _: () = ::core::assert!(
                #hpy::basicsize::<#storage>(#legacy) <= ::core::ffi::c_int::MAX as usize,
                "an #[hpy::class] value must be smaller than 2 GiB",
            );

            // HPy aligns an object's payload to 16 bytes.
            const _: () = ::core::assert!(
                ::core::mem::align_of::<::hpy::Payload<#storage>>() <= 16,
                "an #[hpy::class] cannot need an alignment above 16 bytes",
            );
        };
    })
}

/// The type of each field of `s`, with `Self` spelled as the struct: the checks on them are
/// outside the struct.
fn field_types(s: &syn::ItemStruct) -> Vec<syn::Type> {
    let ident = &s.ident;
    let self_ty: syn::Type = syn::parse_quote!(#ident);
    s.fields
        .iter()
        .map(|f| {
            let mut ty = f.ty.clone();
            syn::visit_mut::VisitMut::visit_type_mut(
                &mut crate::type_rewrite::ReplaceSelf(&self_ty),
                &mut ty,
            );
            ty
        })
        .collect()
}

/// A field marked `#[hpy(get)]`: exposed as a read-only member.
struct MemberField {
    ident: syn::Ident,
    ty: syn::Type,
    doc: Option<String>,
}

/// Removes the `#[hpy(get)]` attributes from `fields` and returns the fields they validly
/// marked, and the errors in the others.
fn take_member_fields(fields: &mut syn::Fields, frozen: bool) -> (Vec<MemberField>, Errors) {
    let mut found = Vec::new();
    let mut errors = Errors::default();
    let mut error = |e: syn::Error| errors.add(e);
    for field in fields.iter_mut() {
        let mut marked = None;
        field.attrs.retain(|attr| {
            if !attr.path().is_ident("hpy") {
                return true;
            }
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("get") {
                    Ok(())
                } else {
                    Err(meta.error("expected `get`"))
                }
            });
            match parsed {
                Ok(()) => marked = Some(attr.clone()),
                Err(e) => error(e),
            }
            false
        });
        let Some(attr) = marked else { continue };
        let Some(ident) = &field.ident else {
            error(syn::Error::new_spanned(
                &attr,
                "`#[hpy(get)]` goes on a named field (its name is the attribute's)",
            ));
            continue;
        };
        if !frozen {
            error(syn::Error::new_spanned(
                &attr,
                "`#[hpy(get)]` needs `#[hpy::class(frozen)]`: Python reads the field directly, \
                 which must never overlap a method's `&mut self`; use a `#[getter]` method \
                 in a mutable class",
            ));
            continue;
        }
        found.push(MemberField {
            ident: ident.clone(),
            ty: field.ty.clone(),
            doc: docstring(&field.attrs),
        });
    }
    (found, errors)
}

/// `static MEMBER_<i>: Def` for every `#[hpy(get)]` field of the frozen class `ident`.
fn member_defs(ident: &syn::Ident, fields: &[MemberField]) -> syn::Result<TokenStream> {
    let hpy = quote!(::hpy::__private);
    let mut out = TokenStream::new();
    for (i, field) in fields.iter().enumerate() {
        let MemberField { ident: f, ty, doc } = field;
        let def = format_ident!("MEMBER_{i}");
        let name = c_literal(&syn::ext::IdentExt::unraw(f).to_string(), f.span())?;
        let doc = match doc {
            Some(doc) => {
                let doc = c_literal(doc, f.span())?;
                quote!(::core::option::Option::Some(#doc))
            }
            None => quote!(::core::option::Option::None),
        };
        let member_type =
            quote_spanned!(syn::spanned::Spanned::span(ty)=> <#ty as #hpy::MemberValue>::TYPE);
        out.extend(quote! {
            // SAFETY: a member of this frozen type, read with the `HPyMember` type of the
            // field's own (a `MemberValue`), at the field's offset in the payload.
            static #def: #hpy::Def = unsafe {
                #hpy::Def::member(
                    #name,
                    #member_type,
                    #hpy::member_offset::<#ident>(::core::mem::offset_of!(#ident, #f)),
                    #doc,
                )
            };
        });
    }
    Ok(out)
}
