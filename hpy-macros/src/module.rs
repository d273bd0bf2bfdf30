//! `#[hpy::module]`: an inline `mod` becomes an HPy extension module.
//!
//! Emits, inside the module, a hidden `__hpy_module` with the static `HPyModuleDef`, its
//! `defines` (every `#[hpy::function]` plus the `HPy_mod_exec` slot) and `globals` (this
//! library's `PanicException` plus every `static _: Global`), the exec slot (which creates
//! `PanicException`, sets the `#[hpy::constant]`s and runs the `#[hpy::init]` function), and
//! the four exported symbols `hpy.universal` looks up by the module's name.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::Parser;

use crate::diagnostics::Errors;
use crate::docs::docstring;
use crate::function::{definition_module, mark_in_module};
use crate::literal::c_literal;
use crate::names;

/// What the module's items contribute.
#[derive(Default)]
struct Contents {
    functions: Vec<syn::Ident>,
    globals: Vec<syn::Ident>,
    constants: Vec<Constant>,
    types: Vec<syn::Ident>,
    exceptions: Vec<syn::Ident>,
    init: Option<syn::Ident>,
}

/// A `#[hpy::constant]`: the Rust `const`, the Python name it is set under and its type.
struct Constant {
    ident: syn::Ident,
    py_name: String,
    ty: syn::Type,
}

/// Expands `#[hpy::module(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let name_override = parse_options(attr)?;
    let mut module: syn::ItemMod = syn::parse2(item)?;
    let mut errors = Errors::default();
    let name = match &name_override {
        Some(lit) => {
            let name = lit.value();
            if !is_identifier(&name) {
                errors.push(lit, "the module name must be a Python identifier made of ASCII letters, digits and `_`");
            }
            name
        }
        None => syn::ext::IdentExt::unraw(&module.ident).to_string(),
    };
    let doc = docstring(&module.attrs);
    let Some((_, items)) = &mut module.content else {
        errors.push(
            &module,
            "#[hpy::module] needs an inline module: `mod name { ... }`",
        );
        errors.finish()?;
        unreachable!("an error was recorded");
    };
    // Read before `collect` marks the functions and takes the markers only this macro reads.
    let mut stub = crate::stubs::collect::module_stub(items);
    let contents = collect(items, &mut errors);
    errors.finish()?;

    let no_classes = crate::stubs::annotation::Classes::default();
    stub.constants = contents
        .constants
        .iter()
        .map(|c| {
            let ty = crate::stubs::annotation::annotation(
                &c.ty,
                crate::stubs::annotation::Position::Return,
                &no_classes,
            );
            (c.py_name.clone(), ty)
        })
        .collect();
    let generated = generate(&name, doc.as_deref(), &contents, module.ident.span())?;
    items.push(syn::Item::Verbatim(generated));
    items.push(syn::Item::Verbatim(crate::stubs::emit(
        &name,
        &stub.render(),
    )));
    Ok(quote!(#module))
}

/// `#[hpy::module]` or `#[hpy::module(name = "...")]` (and the same options of
/// `#[hpy::constant]`).
fn parse_options(attr: TokenStream) -> syn::Result<Option<syn::LitStr>> {
    let mut name = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("name") && name.is_none() {
            name = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error("expected `name = \"...\"`"))
        }
    });
    parser.parse2(attr)?;
    Ok(name)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Finds the functions (marking their attributes as inside the module), globals, constants
/// and init function; strips the marker attributes only `#[hpy::module]` understands.
fn collect(items: &mut [syn::Item], errors: &mut Errors) -> Contents {
    let mut contents = Contents::default();
    for item in items {
        match item {
            syn::Item::Fn(f) => {
                if let Some(attr) = f
                    .attrs
                    .iter_mut()
                    .find(|a| names::is_attr(a, names::FUNCTION))
                {
                    mark_in_module(attr);
                    contents.functions.push(f.sig.ident.clone());
                }
                if let Some(pos) = f.attrs.iter().position(|a| names::is_attr(a, names::INIT)) {
                    let attr = f.attrs.remove(pos);
                    if contents.init.is_some() {
                        errors.push(&attr, "only one #[hpy::init] function is allowed");
                    }
                    if let Some(u) = &f.sig.unsafety {
                        errors.push(
                            u,
                            "#[hpy::init] cannot be `unsafe`: the generated code could not uphold its contract",
                        );
                    }
                    contents.init = Some(f.sig.ident.clone());
                }
            }
            syn::Item::Struct(s) => {
                // A struct the attribute macro reports an error for is left out: that error
                // is enough.
                let class = s
                    .attrs
                    .iter()
                    .find(|a| names::is_attr(a, names::CLASS) || names::is_attr(a, names::TYPE));
                if class.is_some_and(|a| crate::pytype::registers(a, s)) {
                    contents.types.push(s.ident.clone());
                }
                let exception = s.attrs.iter().find(|a| names::is_attr(a, names::EXCEPTION));
                if exception.is_some_and(|a| crate::exception::registers(a, s)) {
                    contents.exceptions.push(s.ident.clone());
                }
            }
            syn::Item::Static(s) if names::is_global(&s.ty) => {
                if let syn::StaticMutability::Mut(m) = &s.mutability {
                    errors.push(m, "a `Global` must not be `static mut`");
                }
                contents.globals.push(s.ident.clone());
            }
            syn::Item::Const(c) => {
                if let Some(pos) = c
                    .attrs
                    .iter()
                    .position(|a| names::is_attr(a, names::CONSTANT))
                {
                    let attr = c.attrs.remove(pos);
                    if let Some(constant) = errors.check(constant(&attr, c)) {
                        contents.constants.push(constant);
                    }
                }
            }
            _ => {}
        }
    }
    contents
}

/// The constant `c` marked with `attr` (`#[hpy::constant]` or
/// `#[hpy::constant(name = "...")]`). Without a `name`, the Rust name is the Python one, which
/// is often not upper case (`__version__`): the const is then exempt from
/// `non_upper_case_globals`.
fn constant(attr: &syn::Attribute, c: &mut syn::ItemConst) -> syn::Result<Constant> {
    let arguments = names::attribute_arguments(attr).ok_or_else(|| {
        syn::Error::new_spanned(attr, "expected `#[hpy::constant(name = \"...\")]`")
    })?;
    let py_name = match parse_options(arguments)? {
        Some(lit) if !is_identifier(&lit.value()) => {
            return Err(syn::Error::new_spanned(
                lit,
                "the constant's name must be a Python identifier made of ASCII letters, digits and `_`",
            ));
        }
        Some(lit) => lit.value(),
        None => {
            c.attrs
                .push(syn::parse_quote!(#[allow(non_upper_case_globals)]));
            syn::ext::IdentExt::unraw(&c.ident).to_string()
        }
    };
    Ok(Constant {
        ident: c.ident.clone(),
        py_name,
        ty: (*c.ty).clone(),
    })
}

fn generate(
    name: &str,
    doc: Option<&str>,
    contents: &Contents,
    span: Span,
) -> syn::Result<TokenStream> {
    let hpy = quote!(::hpy::__private);
    let exec_sig = crate::entry_points::slot_signature("HPy_mod_exec");
    let exec_trampoline = crate::entry_points::trampoline(
        &format_ident!("__exec_trampoline"),
        exec_sig,
        &quote!(__exec_impl),
    );
    let exec_def = crate::entry_points::slot_def(
        "HPy_mod_exec",
        &quote!(__exec_impl),
        &quote!(__exec_trampoline),
    );
    let functions: Vec<_> = contents.functions.iter().map(definition_module).collect();
    let globals = &contents.globals;
    let types = &contents.types;
    let exceptions = &contents.exceptions;
    let doc = match doc {
        Some(d) => {
            let d = c_literal(d, span)?;
            quote!(::core::option::Option::Some(#d))
        }
        None => quote!(::core::option::Option::None),
    };
    let constants = contents.constants.iter().map(|c| {
        let attr = c_literal(&c.py_name, c.ident.span()).expect("identifiers have no NUL");
        let ident = &c.ident;
        quote!(__module.setattr(#attr, super::#ident)?;)
    });
    let init = contents.init.iter().map(|f| {
        quote! {
            ::core::result::Result::map_err(super::#f(cx, __module), ::core::convert::Into::<::hpy::Error>::into)?;
        }
    });
    let (entry, module, ctx) = (
        crate::hygiene::entry(),
        crate::hygiene::local("module"),
        crate::hygiene::raw_context(),
    );
    // Its body is a safe function's (see `impl_fn`): the user's init and constants run in no
    // unsafe context.
    let exec_impl = crate::entry_points::checked_impl_fn(
        &format_ident!("__exec_impl"),
        exec_sig,
        std::slice::from_ref(&module),
        quote! {
            // SAFETY: the runtime calls the exec slot with the call's context.
            if !unsafe { #hpy::check_context(#ctx) } {
                return -1;
            }
        },
        quote! {
            #entry.run_o(-1, #module, move |cx, __module| {
                #hpy::exec_module(cx, __module, || {
                    #( #hpy::register_exception::<super::#exceptions>(__module)?; )*
                    #( #hpy::register_type::<super::#types>(__module)?; )*
                    #( #constants )*
                    #( #init )*
                    ::core::result::Result::Ok(())
                })
            })
        },
    );
    let major = format_ident!("get_required_hpy_major_version_{}", name);
    let minor = format_ident!("get_required_hpy_minor_version_{}", name);
    let init_ctx = format_ident!("HPyInitGlobalContext_{}", name);
    let init_module = format_ident!("HPyInit_{}", name);
    let py_init = format_ident!("PyInit_{}", name);
    Ok(quote! {
        // One extension module per crate (cargo-hpy builds one `.so` per crate, and the loader
        // finds one `HPyInit_<name>`): a second #[hpy::module] defines this crate-root macro
        // again, a compile error naming it.
        #[doc(hidden)]
        #[macro_export]
        macro_rules! only_one_hpy_module_per_crate {
            () => {};
        }

        #[doc(hidden)]
        #[allow(non_snake_case, unused_imports)]
        mod __hpy_module {
            use super::*;

            // SAFETY: the module's own functions, globals, types and exceptions.
            static MODULE_DEF: #hpy::ModuleDef = unsafe { #hpy::ModuleDef::new(
                #doc,
                &[#( &#functions::DEF, )*],
                &EXEC,
                &[#( &super::#globals, )*],
                &[
                    &#hpy::PANIC_EXCEPTION,
                    #( <super::#exceptions as #hpy::PyException>::TYPE_OBJECT, )*
                    #( <super::#types as ::hpy::PyType>::TYPE_OBJECT, )*
                ],
                &[#( <super::#types as #hpy::TypeDefinition>::INFO, )*],
            ) };

            // SAFETY: the exec slot runs its body through an `Entry`; its trampoline hands its
            // argument to the runtime with it.
            static EXEC: #hpy::Def = unsafe {
                #exec_def
            };

            #exec_impl

            #exec_trampoline

            #hpy::export_module! {
                definition: MODULE_DEF,
                major: #major,
                minor: #minor,
                init_context: #init_ctx,
                init_module: #init_module,
                py_init: #py_init,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_err(attr: TokenStream, item: TokenStream) -> String {
        crate::diagnostics::compile_errors(expand(attr, item))
    }

    #[test]
    fn needs_an_inline_module() {
        assert_eq!(
            expand_err(
                quote!(),
                quote!(
                    mod m;
                )
            ),
            "#[hpy::module] needs an inline module: `mod name { ... }`"
        );
    }

    #[test]
    fn validates_the_name_and_the_items() {
        let e = expand_err(
            quote!(name = "bad-name"),
            quote!(
                mod m {
                    #[hpy::init]
                    fn a() {}
                    #[hpy::init]
                    fn b() {}
                    static mut G: hpy::Global = hpy::Global::new();
                }
            ),
        );
        assert_eq!(
            e,
            "the module name must be a Python identifier made of ASCII letters, digits and `_` | \
             only one #[hpy::init] function is allowed | a `Global` must not be `static mut`"
        );
    }

    #[test]
    fn validates_the_constants() {
        let e = expand_err(
            quote!(),
            quote!(
                mod m {
                    #[hpy::constant(rename = "x")]
                    const A: i64 = 1;
                    #[hpy::constant(name = "not-python")]
                    const B: i64 = 2;
                    #[hpy::constant = "C"]
                    const C: i64 = 3;
                }
            ),
        );
        assert_eq!(
            e,
            "expected `name = \"...\"` | the constant's name must be a Python identifier made of \
             ASCII letters, digits and `_` | expected `#[hpy::constant(name = \"...\")]`"
        );
    }

    #[test]
    fn sets_each_constant_under_its_python_name() {
        let text = expand(
            quote!(),
            quote!(
                mod m {
                    #[hpy::constant]
                    const __version__: &str = "1.0";
                    #[hpy::constant(name = "__author__")]
                    const AUTHOR: &str = "me";
                }
            ),
        )
        .unwrap()
        .to_string();
        assert!(text.contains("# [allow (non_upper_case_globals)] const __version__"));
        assert!(text.contains("setattr (c\"__version__\" , super :: __version__)"));
        assert!(text.contains("setattr (c\"__author__\" , super :: AUTHOR)"));
        assert!(!text.contains("# [allow (non_upper_case_globals)] const AUTHOR"));
    }

    #[test]
    fn emits_the_four_exports_named_after_the_module() {
        let out = expand(
            quote!(),
            quote!(
                mod hello {
                    #[hpy::function]
                    fn f() {}
                }
            ),
        )
        .unwrap();
        let text = out.to_string();
        for symbol in [
            "get_required_hpy_major_version_hello",
            "get_required_hpy_minor_version_hello",
            "HPyInitGlobalContext_hello",
            "HPyInit_hello",
        ] {
            assert!(text.contains(symbol), "{symbol} missing from the expansion");
        }
        assert!(
            text.contains("& __hpy_fn_f :: DEF"),
            "the function is not registered"
        );
    }
}
