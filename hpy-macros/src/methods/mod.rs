//! `#[hpy::methods]` on an `impl` block of an `#[hpy::class]`: methods, the `#[new]`
//! constructor, `#[staticmethod]`s and `#[classmethod]`s, `#[getter]`/`#[setter]` properties,
//! `#[classattr]`s and special methods (slots). The impl block stays as written, minus the
//! marker attributes; the definitions are emitted next to it and reach the type through
//! `impl PyMethods`.
//!
//! Parse ([`analyse`]: every item into the [`Block`] model, every mistake into one
//! accumulator) → emit ([`Block::emit`]), as `#[hpy::function]` does.

mod properties;
mod slot_items;
pub mod slots;
mod special;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::callable::emit::callable_items;
use crate::callable::receiver::{self, Receiver};
use crate::callable::{Callable, Definition, ItemNames, output_span};
use crate::diagnostics::Errors;
use crate::docs::docstring;
use crate::literal::c_literal;
use crate::options::FunctionOptions;
use crate::params::{self, ParamList};
use crate::text_signature::{check_given, docstring_with_signature, text_signature};

/// What an item of the impl block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
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
    let mut imp: syn::ItemImpl = syn::parse2(item)?;
    let mut errors = Errors::default();
    if !attr.is_empty() {
        errors.push(attr, "#[hpy::methods] takes no options");
    }
    let block = analyse(&mut imp, &mut errors);
    errors.finish()?;
    block.emit(&imp)
}

/// The model of an impl block.
struct Block {
    self_ty: syn::Type,
    /// Instance methods and the constructor, each with the name its items are derived from.
    callables: Vec<(Ident, Callable)>,
    /// Static and class methods: the callable (a method of the companion type), its Python
    /// name and its wrapper (`staticmethod`, `classmethod`).
    class_level: Vec<(Ident, Callable, &'static str)>,
    /// `#[classattr]`s: the Python name and the value's expression.
    class_attributes: Vec<(String, Ident, TokenStream)>,
    /// Special methods without an HPy slot, set on the type again once it exists.
    set_after_creation: Vec<String>,
    /// The constructor's text signature, if there is one.
    new_signature: Option<String>,
    properties: properties::Properties,
    specials: special::Specials,
}

/// Reads the impl block into a [`Block`], removing the marker attributes; every mistake goes
/// to `errors`.
fn analyse(imp: &mut syn::ItemImpl, errors: &mut Errors) -> Block {
    if let Some((_, path, _)) = &imp.trait_ {
        errors.push(
            path,
            "#[hpy::methods] goes on an inherent impl block, not a trait impl",
        );
    }
    if !imp.generics.params.is_empty() {
        errors.push(&imp.generics, "#[hpy::methods] cannot be generic");
    }
    let mut block = Block {
        self_ty: (*imp.self_ty).clone(),
        callables: Vec::new(),
        class_level: Vec::new(),
        class_attributes: Vec::new(),
        set_after_creation: Vec::new(),
        new_signature: None,
        properties: properties::Properties::default(),
        specials: special::Specials::default(),
    };
    for item in &mut imp.items {
        match item {
            syn::ImplItem::Fn(f) => {
                let (kind, options) = take_markers(&mut f.attrs, errors);
                if let Some(given) = &options.text_signature {
                    errors.check(check_given(given));
                }
                let result = block.add_fn(f, kind, &options, errors);
                errors.check(result);
            }
            syn::ImplItem::Const(c) => {
                let (kind, _) = take_markers(&mut c.attrs, errors);
                if kind == Kind::ClassAttr {
                    let (ident, self_ty) = (&c.ident, &block.self_ty);
                    let value = quote!(<#self_ty>::#ident);
                    block
                        .class_attributes
                        .push((ident.to_string(), ident.clone(), value));
                } else if kind != Kind::Method {
                    errors.push(&c.ident, "only #[classattr] applies to constants");
                }
            }
            _ => {}
        }
    }
    block.specials.check(errors);
    block
}

/// Removes the marker attributes (`#[new]`, `#[getter]`, ..., `#[hpy(...)]`) and returns what
/// they say.
pub fn take_markers(
    attrs: &mut Vec<syn::Attribute>,
    errors: &mut Errors,
) -> (Kind, FunctionOptions) {
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
                syn::Meta::List(list) => errors
                    .check(list.parse_args::<syn::Ident>())
                    .map(|name| name.to_string()),
                _ => None,
            };
            Some(if path.is_ident("getter") { Kind::Getter(name) } else { Kind::Setter(name) })
        } else if path.is_ident("hpy") {
            if let Some(o) = errors.check(attr.parse_args::<FunctionOptions>()) {
                options = o;
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

impl Block {
    /// Adds the function `f` of the impl block, marked as `kind`.
    fn add_fn(
        &mut self,
        f: &syn::ImplItemFn,
        kind: Kind,
        options: &FunctionOptions,
        errors: &mut Errors,
    ) -> syn::Result<()> {
        let self_ty = &self.self_ty;
        let ident = &f.sig.ident;
        let receiver = receiver::receiver(&f.sig)?;
        let short_name = short_name(f, options);
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
                    if role == slots::Role::Call {
                        let params = analyse_params(f, Some(receiver), options, self_ty, errors);
                        let callable =
                            self.method_callable(params, "__call__", f, Some(receiver), None);
                        self.specials.set_call(ident, callable);
                        return Ok(());
                    }
                    if options.signature.is_some()
                        || options.name.is_some()
                        || options.text_signature.is_some()
                    {
                        return Err(syn::Error::new_spanned(
                            ident,
                            "#[hpy(...)] options apply to methods with an argument list, not to special methods",
                        ));
                    }
                    return self.specials.add(role, f, receiver, self_ty);
                }
                let receiver = receiver.ok_or_else(|| {
                    syn::Error::new_spanned(
                        &f.sig,
                        "a method needs a receiver (`&self`, `&mut self` or `this: &Typed<'ctx, Self>`); mark functions without one #[staticmethod] or #[classmethod]",
                    )
                })?;
                let params = analyse_params(f, Some(receiver), options, self_ty, errors);
                let mut callable =
                    self.method_callable(params, &short_name, f, Some(receiver), Some(texts));
                callable.next_item = short_name == "__next__";
                if slots::set_after_creation(&short_name) {
                    self.set_after_creation.push(short_name);
                }
                self.callables.push((ident.clone(), callable));
            }
            Kind::New => {
                if receiver.is_some() {
                    return Err(syn::Error::new_spanned(
                        &f.sig,
                        "a #[new] constructor has no receiver: it returns the value (or creates the object through `Construct`)",
                    ));
                }
                if self.new_signature.is_some() {
                    return Err(syn::Error::new_spanned(
                        ident,
                        "only one #[new] constructor is allowed",
                    ));
                }
                let params = analyse_params(f, None, options, self_ty, errors);
                self.new_signature = Some(match &given {
                    Some(given) => given.trim().to_owned(),
                    None => text_signature(&params, ""),
                });
                let callable = Callable {
                    definition: Definition::New,
                    ..self.method_callable(params, "__new__", f, None, None)
                };
                self.callables.push((ident.clone(), callable));
            }
            Kind::Static | Kind::Class => {
                if receiver.is_some() {
                    return Err(syn::Error::new_spanned(
                        &f.sig,
                        "a #[staticmethod] or #[classmethod] has no `self`",
                    ));
                }
                let params = analyse_params(f, None, options, self_ty, errors);
                if kind == Kind::Class && params.python().next().is_none() {
                    return Err(syn::Error::new_spanned(
                        &f.sig,
                        "a #[classmethod] receives the class as its first parameter, e.g. `cls: &Handle<'ctx>`",
                    ));
                }
                // A method of the companion type, bound (so `$self`, which inspect drops). A
                // static method is called bound to the class as well (see
                // `register::set_class_level_methods`): it receives the class first, in a
                // hidden parameter, which it drops.
                let bound = if kind == Kind::Static {
                    "$self, cls"
                } else {
                    "$self"
                };
                let mut callable = self.method_callable(params, &short_name, f, None, None);
                callable.doc = docstring_with_signature(
                    &short_name,
                    &callable.params,
                    bound,
                    texts.0,
                    texts.1,
                );
                let wrapper = if kind == Kind::Static {
                    callable.hidden_class = true;
                    callable.params.params.insert(
                        0,
                        params::Param::Python(Box::new(params::PyParam {
                            name: "cls".to_owned(),
                            span: ident.span(),
                            ty: syn::parse_quote!(&::hpy::Handle<'_>),
                            kind: params::Kind::PositionalOnly,
                            default: None,
                        })),
                    );
                    "staticmethod"
                } else {
                    "classmethod"
                };
                self.class_level.push((ident.clone(), callable, wrapper));
            }
            Kind::Getter(name) => {
                let name = property_name(name, short_name, false);
                let receiver = receiver.ok_or_else(|| {
                    syn::Error::new_spanned(&f.sig, "a #[getter] needs a receiver")
                })?;
                self.properties
                    .add_getter(name, f, receiver, docs, self_ty)?;
            }
            Kind::Setter(name) => {
                let name = property_name(name, short_name, true);
                let receiver = receiver.ok_or_else(|| {
                    syn::Error::new_spanned(&f.sig, "a #[setter] needs a receiver")
                })?;
                self.properties.add_setter(name, f, receiver, self_ty)?;
            }
            Kind::ClassAttr => {
                if !f.sig.inputs.is_empty() {
                    return Err(syn::Error::new_spanned(
                        &f.sig,
                        "a #[classattr] function takes no parameters",
                    ));
                }
                let value = quote!(<#self_ty>::#ident());
                self.class_attributes
                    .push((short_name, ident.clone(), value));
            }
        }
        Ok(())
    }

    /// The callable of the method-like function `f` of the block's type, named `name`: an
    /// instance method (with its `receiver`), a constructor, or a static or class method bound
    /// to the companion type. Its docstring is built from `texts` (the given text signature
    /// and the doc comment), with `$self` first; without them it is empty.
    fn method_callable(
        &self,
        params: ParamList,
        name: &str,
        f: &syn::ImplItemFn,
        receiver: Option<Receiver>,
        texts: Option<(Option<&str>, Option<&str>)>,
    ) -> Callable {
        let (self_ty, ident) = (&self.self_ty, &f.sig.ident);
        let doc = texts.map_or_else(String::new, |(given, docs)| {
            docstring_with_signature(name, &params, "$self", given, docs)
        });
        Callable {
            params,
            definition: Definition::Method,
            function: name.to_owned(),
            owner: Some(self_ty.clone()),
            py_name: name.to_owned(),
            doc,
            callee: quote!(<#self_ty>::#ident),
            receiver,
            hidden_class: false,
            next_item: false,
            ret_span: output_span(&f.sig),
        }
    }

    /// The impl block, and the definitions next to it.
    fn emit(self, imp: &syn::ItemImpl) -> syn::Result<TokenStream> {
        let hpy = quote!(::hpy::__private);
        let self_ty = &self.self_ty;
        let mut items = TokenStream::new();
        let mut defines: Vec<Ident> = Vec::new();
        for (ident, callable) in &self.callables {
            let names = ItemNames::for_method(ident);
            items.extend(callable_items(callable, &names, quote!(), ident.span())?);
            defines.push(names.def);
        }
        let mut class_level = Vec::new();
        for (ident, callable, wrapper) in &self.class_level {
            let names = ItemNames::for_method(ident);
            items.extend(callable_items(callable, &names, quote!(), ident.span())?);
            let (def, name) = (&names.def, c_literal(&callable.py_name, ident.span())?);
            class_level.push(quote! {
                #hpy::ClassLevelMethod { def: &#def, name: #name, wrapper: #wrapper }
            });
        }
        let (slot_items, slot_defs) = self.specials.generate(self_ty)?;
        items.extend(slot_items);
        defines.extend(slot_defs);
        let (property_items, property_defs) = self.properties.generate(self_ty)?;
        items.extend(property_items);
        defines.extend(property_defs);
        let mut class_attributes = Vec::new();
        for name in &self.set_after_creation {
            // Read back from the type (the method descriptor) and assigned: the interpreter
            // installs the slot that calls it.
            let name = c_literal(name, proc_macro2::Span::call_site())?;
            class_attributes.push(quote!(__ty.setattr(#name, __ty.getattr(#name)?)?;));
        }
        for (name, ident, value) in &self.class_attributes {
            let name = c_literal(name, ident.span())?;
            class_attributes.push(quote!(__ty.setattr(#name, #value)?;));
        }
        let has_new = self.new_signature.is_some();
        let new_signature = match &self.new_signature {
            Some(s) => quote!(::core::option::Option::Some(#s)),
            None => quote!(::core::option::Option::None),
        };
        Ok(quote! {
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
        })
    }
}

/// The name of the property a `#[getter]` or `#[setter]` (`setter`) serves: the one given in
/// the marker, else the method's Python name (`short_name`), without `set_` for a setter.
pub fn property_name(given: Option<String>, short_name: String, setter: bool) -> String {
    given.unwrap_or_else(|| match short_name.strip_prefix("set_") {
        Some(name) if setter => name.to_owned(),
        _ => short_name,
    })
}

/// The Python name of the method `f` with `options`: `name = "..."`, else its Rust name.
pub fn short_name(f: &syn::ImplItemFn, options: &FunctionOptions) -> String {
    options
        .name
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_else(|| syn::ext::IdentExt::unraw(&f.sig.ident).to_string())
}

/// The parameters of the method `f` of `self_ty` after its receiver, checked like a
/// function's, with `Self` spelled `self_ty` (the generated code that converts the arguments
/// lives outside the impl block).
pub fn analyse_params(
    f: &syn::ImplItemFn,
    receiver: Option<Receiver>,
    options: &FunctionOptions,
    self_ty: &syn::Type,
    errors: &mut Errors,
) -> ParamList {
    let sig = receiver::without_receiver(&f.sig, receiver, self_ty);
    let mut params = params::analyse(&sig, options.signature.as_ref(), errors);
    params::check_annotations(&params, &options.annotations, errors);
    params.replace_self(self_ty);
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_err(item: TokenStream) -> String {
        crate::diagnostics::compile_errors(expand(quote!(), item))
    }

    #[test]
    fn reports_every_mistake_of_the_block_at_once() {
        let e = expand_err(quote! {
            impl Point {
                fn no_receiver() {}
                #[getter]
                fn also_no_receiver() -> i64 { 0 }
                #[hpy(signature = (b, a))]
                fn wrong_order(&self, a: i64, b: i64) {}
                #[new]
                fn one() -> Self { Point }
                #[new]
                fn two() -> Self { Point }
            }
        });
        assert_eq!(
            e,
            "a method needs a receiver (`&self`, `&mut self` or `this: &Typed<'ctx, Self>`); \
             mark functions without one #[staticmethod] or #[classmethod] | \
             a #[getter] needs a receiver | \
             expected `a` here: the signature must list the function's parameters in order | \
             expected `b` here: the signature must list the function's parameters in order | \
             only one #[new] constructor is allowed"
        );
    }

    #[test]
    fn options_go_on_methods_with_an_argument_list() {
        let e = expand_err(quote! {
            impl Point {
                #[hpy(text_signature = "(other)")]
                fn __add__(&self, other: i64) -> i64 { other }
            }
        });
        assert_eq!(
            e,
            "#[hpy(...)] options apply to methods with an argument list, not to special methods"
        );
    }
}
