//! `#[hpy::methods]` on an `impl` block of an `#[hpy::class]`: methods, the `#[new]`
//! constructor, `#[staticmethod]`s and `#[classmethod]`s, `#[getter]`/`#[setter]` properties,
//! `#[classattr]`s and special methods (slots). The impl block stays as written, minus the
//! marker attributes; the definitions are emitted next to it and reach the type through
//! `impl PyMethods`.

mod properties;
pub(crate) mod receiver;
mod shape;
mod slots;
mod special;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostics::Errors;
use crate::docs::docstring;
use crate::function::{Callable, Convention, ItemNames, callable_items, convention, output_span};
use crate::literal::c_literal;
use crate::params;
use crate::signature::FunctionOptions;
use crate::text_signature::{check_given, docstring_with_signature};

/// What an item of the impl block is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Method,
    New,
    Getter(Option<String>),
    Setter(Option<String>),
    Static,
    Class,
    ClassAttr,
}

/// Expands `#[hpy::methods] impl T { ... }`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    if !attr.is_empty() {
        return Err(syn::Error::new_spanned(
            attr,
            "#[hpy::methods] takes no options",
        ));
    }
    let mut imp: syn::ItemImpl = syn::parse2(item)?;
    let mut errors = Errors::default();
    if let Some((_, path, _)) = &imp.trait_ {
        errors.push(
            path,
            "#[hpy::methods] goes on an inherent impl block, not a trait impl",
        );
    }
    if !imp.generics.params.is_empty() {
        errors.push(&imp.generics, "#[hpy::methods] cannot be generic");
    }
    let self_ty = (*imp.self_ty).clone();

    let mut out = Generated::default();
    let mut specials = special::Specials::default();
    for item in &mut imp.items {
        match item {
            syn::ImplItem::Fn(f) => {
                let (kind, options) = take_markers(&mut f.attrs, &mut errors);
                if let Some(given) = &options.text_signature {
                    if let Err(e) = check_given(given) {
                        errors.add(e);
                    }
                }
                match generate_fn(&self_ty, f, kind, &options, &mut out, &mut specials) {
                    Ok(()) => {}
                    Err(e) => errors.add(e),
                }
            }
            syn::ImplItem::Const(c) => {
                let (kind, _) = take_markers(&mut c.attrs, &mut errors);
                if kind == Kind::ClassAttr {
                    let ident = &c.ident;
                    let name = c_literal(&ident.to_string(), ident.span())?;
                    out.class_attributes
                        .push(quote!(__ty.setattr(#name, <#self_ty>::#ident)?;));
                } else if kind != Kind::Method {
                    errors.push(&c.ident, "only #[classattr] applies to constants");
                }
            }
            _ => {}
        }
    }
    match specials.generate(&self_ty) {
        Ok((items, defines)) => {
            out.items.extend(items);
            out.defines.extend(defines);
        }
        Err(e) => errors.add(e),
    }
    out.properties_into_defines(&self_ty, &mut errors);
    errors.finish()?;
    Ok(out.assemble(&imp, &self_ty))
}

/// Everything generated so far.
#[derive(Default)]
struct Generated {
    items: TokenStream,
    defines: Vec<proc_macro2::Ident>,
    class_level: Vec<TokenStream>,
    class_attributes: Vec<TokenStream>,
    new_signature: Option<String>,
    properties: properties::Properties,
}

impl Generated {
    fn properties_into_defines(&mut self, self_ty: &syn::Type, errors: &mut Errors) {
        match std::mem::take(&mut self.properties).generate(self_ty) {
            Ok((items, defines)) => {
                self.items.extend(items);
                self.defines.extend(defines);
            }
            Err(e) => errors.add(e),
        }
    }

    fn assemble(self, imp: &syn::ItemImpl, self_ty: &syn::Type) -> TokenStream {
        let hpy = quote!(::hpy::__private);
        let Generated {
            items,
            defines,
            class_level,
            class_attributes,
            new_signature,
            ..
        } = self;
        let has_new = new_signature.is_some();
        let new_signature = match new_signature {
            Some(s) => quote!(::core::option::Option::Some(#s)),
            None => quote!(::core::option::Option::None),
        };
        quote! {
            #imp

            #[allow(
                non_snake_case,
                non_upper_case_globals,
                clippy::needless_lifetimes,
                clippy::redundant_closure_call
            )]
            const _: () = {
                #items

                // SAFETY: the definitions generated for this block's type, `has_new` exactly
                // when one of them is its `tp_new`; the class-level ones are methods.
                static __HPY_METHODS: #hpy::MethodsInfo = unsafe {
                    #hpy::MethodsInfo::new(
                        <#self_ty as ::hpy::PyType>::TYPE_OBJECT,
                        &[#( &#defines ),*],
                        #has_new,
                        #new_signature,
                        &[#( #class_level ),*],
                        __hpy_class_attributes,
                    )
                };

                fn __hpy_class_attributes(__ty: &::hpy::Handle<'_>) -> ::hpy::Result<()> {
                    #( #class_attributes )*
                    ::core::result::Result::Ok(())
                }

                // SAFETY: `__HPY_METHODS` names this type.
                unsafe impl #hpy::PyMethods for #self_ty {
                    const METHODS: &'static #hpy::MethodsInfo = &__HPY_METHODS;
                }
            };
        }
    }
}

/// Removes the marker attributes (`#[new]`, `#[getter]`, ..., `#[hpy(...)]`) and returns what
/// they say.
fn take_markers(attrs: &mut Vec<syn::Attribute>, errors: &mut Errors) -> (Kind, FunctionOptions) {
    let mut kind = Kind::Method;
    let mut options = FunctionOptions::default();
    attrs.retain(|attr| {
        let path = attr.path();
        let found = if path.is_ident("new") {
            Some(Kind::New)
        } else if path.is_ident("staticmethod") {
            Some(Kind::Static)
        } else if path.is_ident("classmethod") {
            Some(Kind::Class)
        } else if path.is_ident("classattr") {
            Some(Kind::ClassAttr)
        } else if path.is_ident("getter") || path.is_ident("setter") {
            let name = match &attr.meta {
                syn::Meta::List(list) => match list.parse_args::<syn::Ident>() {
                    Ok(name) => Some(name.to_string()),
                    Err(e) => {
                        errors.add(e);
                        None
                    }
                },
                _ => None,
            };
            Some(if path.is_ident("getter") { Kind::Getter(name) } else { Kind::Setter(name) })
        } else if path.is_ident("hpy") {
            match attr.parse_args::<FunctionOptions>() {
                Ok(o) => options = o,
                Err(e) => errors.add(e),
            }
            return false;
        } else {
            None
        };
        match found {
            Some(found) => {
                if kind != Kind::Method {
                    errors.push(attr, "conflicting markers: use one of #[new], #[getter], #[setter], #[staticmethod], #[classmethod], #[classattr]");
                }
                kind = found;
                false
            }
            None => true,
        }
    });
    (kind, options)
}

fn generate_fn(
    self_ty: &syn::Type,
    f: &syn::ImplItemFn,
    kind: Kind,
    options: &FunctionOptions,
    out: &mut Generated,
    specials: &mut special::Specials,
) -> syn::Result<()> {
    let ident = &f.sig.ident;
    let receiver = receiver::receiver(&f.sig)?;
    let short_name = options
        .name
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_else(|| syn::ext::IdentExt::unraw(ident).to_string());
    let docs = docstring(&f.attrs);
    let given = options.text_signature.as_ref().map(syn::LitStr::value);
    let texts = (given.as_deref(), docs.as_deref());
    match kind {
        Kind::Method => {
            if let Some(role) =
                slots::role(&short_name).map_err(|m| syn::Error::new_spanned(ident, m))?
            {
                let receiver = receiver.ok_or_else(|| {
                    syn::Error::new_spanned(&f.sig, format!("`{short_name}` needs a receiver: `&self`, `&mut self` or `this: &Typed<'ctx, Self>`"))
                })?;
                return specials.add(role, f, receiver, options, self_ty);
            }
            let receiver = receiver.ok_or_else(|| {
                syn::Error::new_spanned(
                    &f.sig,
                    "a method needs a receiver (`&self`, `&mut self` or `this: &Typed<'ctx, Self>`); mark functions without one #[staticmethod] or #[classmethod]",
                )
            })?;
            let sig = receiver::without_receiver(&f.sig, Some(receiver), self_ty);
            let params = analyse(&sig, options, self_ty)?;
            let receiver = Some(receiver::unchecked(receiver, self_ty));
            let callable = method_callable(&params, &short_name, &texts, self_ty, f, receiver);
            let def = emit_callable(out, ident, &callable)?;
            out.defines.push(def);
        }
        Kind::New => {
            if receiver.is_some() {
                return Err(syn::Error::new_spanned(
                    &f.sig,
                    "a #[new] constructor has no receiver: it returns the value (or creates the object through `Construct`)",
                ));
            }
            if out.new_signature.is_some() {
                return Err(syn::Error::new_spanned(
                    ident,
                    "only one #[new] constructor is allowed",
                ));
            }
            let sig = receiver::without_receiver(&f.sig, None, self_ty);
            let params = analyse(&sig, options, self_ty)?;
            let text = match &given {
                Some(given) => given.trim().to_owned(),
                None => crate::text_signature::text_signature(&params, ""),
            };
            out.new_signature = Some(text);
            let callable = Callable {
                params: &params,
                convention: Convention::New,
                function: "__new__".to_owned(),
                owner: Some(self_ty.clone()),
                py_name: "__new__".to_owned(),
                doc: String::new(),
                callee: quote!(<#self_ty>::#ident),
                receiver: None,
                implicit: 1,
                creates: Some(self_ty.clone()),
                ret_span: output_span(&f.sig),
            };
            let def = emit_callable(out, ident, &callable)?;
            out.defines.push(def);
        }
        Kind::Static | Kind::Class => {
            if receiver.is_some() {
                return Err(syn::Error::new_spanned(
                    &f.sig,
                    "a #[staticmethod] or #[classmethod] has no `self`",
                ));
            }
            let sig = receiver::without_receiver(&f.sig, None, self_ty);
            let params = analyse(&sig, options, self_ty)?;
            if kind == Kind::Class && params.python().next().is_none() {
                return Err(syn::Error::new_spanned(
                    &f.sig,
                    "a #[classmethod] receives the class as its first parameter, e.g. `cls: &Handle<'ctx>`",
                ));
            }
            // A method of the companion type, bound (so `$self`, which inspect drops).
            let callable = method_callable(&params, &short_name, &texts, self_ty, f, None);
            let def = emit_callable(out, ident, &callable)?;
            let name = c_literal(&short_name, ident.span())?;
            let wrapper = if kind == Kind::Static {
                "staticmethod"
            } else {
                "classmethod"
            };
            out.class_level.push(quote! {
                ::hpy::__private::ClassLevelMethod { def: &#def, name: #name, wrapper: #wrapper }
            });
        }
        Kind::Getter(name) => {
            let name = name.unwrap_or(short_name);
            let receiver = receiver
                .ok_or_else(|| syn::Error::new_spanned(&f.sig, "a #[getter] needs a receiver"))?;
            out.properties
                .add_getter(name, f, receiver, docs, self_ty)?;
        }
        Kind::Setter(name) => {
            let name = name.unwrap_or_else(|| {
                short_name
                    .strip_prefix("set_")
                    .unwrap_or(&short_name)
                    .to_owned()
            });
            let receiver = receiver
                .ok_or_else(|| syn::Error::new_spanned(&f.sig, "a #[setter] needs a receiver"))?;
            out.properties.add_setter(name, f, receiver, self_ty)?;
        }
        Kind::ClassAttr => {
            if !f.sig.inputs.is_empty() {
                return Err(syn::Error::new_spanned(
                    &f.sig,
                    "a #[classattr] function takes no parameters",
                ));
            }
            let name = c_literal(&short_name, ident.span())?;
            out.class_attributes
                .push(quote!(__ty.setattr(#name, <#self_ty>::#ident())?;));
        }
    }
    Ok(())
}

/// The callable of a method-like function of `self_ty` — an instance method (with its
/// `receiver`), or a static or class method bound to the companion type — named `name`,
/// whose docstring is built from `(given text signature, doc comment)` with `$self` first.
fn method_callable<'a>(
    params: &'a crate::params::ParamList,
    name: &str,
    (given, docs): &(Option<&str>, Option<&str>),
    self_ty: &syn::Type,
    f: &syn::ImplItemFn,
    receiver: Option<receiver::ReceiverCode>,
) -> Callable<'a> {
    let ident = &f.sig.ident;
    Callable {
        params,
        convention: convention(params),
        function: name.to_owned(),
        owner: Some(self_ty.clone()),
        py_name: name.to_owned(),
        doc: docstring_with_signature(name, params, "$self", *given, *docs),
        callee: quote!(<#self_ty>::#ident),
        implicit: usize::from(receiver.is_some()),
        receiver,
        creates: None,
        ret_span: output_span(&f.sig),
    }
}

/// The parameters of a method (after its receiver), checked like a function's.
/// Emits the items of `callable` (a method, constructor, static or class method named after
/// `ident`) and returns the name of its `Def`.
fn emit_callable(
    out: &mut Generated,
    ident: &syn::Ident,
    callable: &Callable,
) -> syn::Result<syn::Ident> {
    let names = ItemNames::for_method(ident);
    out.items
        .extend(callable_items(callable, &names, quote!(), ident.span())?);
    Ok(names.def)
}

/// `self_ty` spells `Self` in the parameter types (`sig` comes from
/// [`receiver::without_receiver`]) and defaults.
fn analyse(
    sig: &syn::Signature,
    options: &FunctionOptions,
    self_ty: &syn::Type,
) -> syn::Result<params::ParamList> {
    let mut errors = Errors::default();
    let mut params = params::analyse(sig, options.signature.as_ref(), &mut errors);
    errors.finish()?;
    params.replace_self(self_ty);
    Ok(params)
}
