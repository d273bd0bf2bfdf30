//! The options of `#[hpy::function(...)]`, including a Python-style `signature = (...)`.

use syn::ext::IdentExt as _;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Token, parenthesized};

/// One entry of `signature = (...)`, in Python's parameter-list syntax.
pub enum SigItem {
    /// `name` or `name = default`.
    Param {
        name: syn::Ident,
        default: Option<syn::Expr>,
    },
    /// `/`: the parameters before it are positional-only.
    Slash(Token![/]),
    /// `*`: the parameters after it are keyword-only.
    Star(Token![*]),
    /// `*name`: extra positional arguments.
    VarArgs(syn::Ident),
    /// `**name`: extra keyword arguments.
    VarKw(syn::Ident),
}

impl Parse for SigItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![/]) {
            return Ok(SigItem::Slash(input.parse()?));
        }
        if input.peek(Token![*]) && input.peek2(Token![*]) {
            input.parse::<Token![*]>()?;
            input.parse::<Token![*]>()?;
            return Ok(SigItem::VarKw(syn::Ident::parse_any(input)?));
        }
        if input.peek(Token![*]) {
            let star: Token![*] = input.parse()?;
            if input.is_empty() || input.peek(Token![,]) {
                return Ok(SigItem::Star(star));
            }
            return Ok(SigItem::VarArgs(syn::Ident::parse_any(input)?));
        }
        let name = syn::Ident::parse_any(input)?;
        let default = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(SigItem::Param { name, default })
    }
}

/// Everything `#[hpy::function(...)]` accepts.
#[derive(Default)]
pub struct FunctionOptions {
    /// `name = "..."`: the Python name.
    pub name: Option<syn::LitStr>,
    /// `signature = (...)`.
    pub signature: Option<(proc_macro2::Span, Vec<SigItem>)>,
    /// `text_signature = "(...)"`: replaces the generated `__text_signature__`.
    pub text_signature: Option<syn::LitStr>,
    /// `annotations(name = "...", return = "...")`: the annotations of parameters and of the
    /// return value in the module's stub (`<name>.pyi`), in place of the ones derived from
    /// the Rust types.
    pub annotations: Vec<(syn::Ident, syn::LitStr)>,
}

impl FunctionOptions {
    /// The hand-written annotation of the parameter `name` (`return`: of the return value).
    pub fn annotation(&self, name: &str) -> Option<String> {
        self.annotations
            .iter()
            .find(|(n, _)| n.unraw() == name)
            .map(|(_, a)| a.value())
    }
}

impl Parse for FunctionOptions {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut options = FunctionOptions::default();
        while !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key == "annotations" {
                if !options.annotations.is_empty() {
                    return Err(syn::Error::new(
                        key.span(),
                        "duplicate `annotations` option",
                    ));
                }
                let content;
                parenthesized!(content in input);
                while !content.is_empty() {
                    let name = syn::Ident::parse_any(&content)?;
                    content.parse::<Token![=]>()?;
                    options.annotations.push((name, content.parse()?));
                    if !content.is_empty() {
                        content.parse::<Token![,]>()?;
                    }
                }
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
                continue;
            }
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "name" if options.name.is_none() => options.name = Some(input.parse()?),
                "signature" if options.signature.is_none() => {
                    let content;
                    let parens = parenthesized!(content in input);
                    let items = Punctuated::<SigItem, Token![,]>::parse_terminated(&content)?;
                    options.signature = Some((parens.span.join(), items.into_iter().collect()));
                }
                "text_signature" if options.text_signature.is_none() => {
                    options.text_signature = Some(input.parse()?);
                }
                "name" | "signature" | "text_signature" => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("duplicate `{key}` option"),
                    ));
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{key}`; expected `name`, `signature`, `text_signature` or `annotations`"
                        ),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}
