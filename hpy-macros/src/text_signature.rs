//! `__text_signature__`: CPython reads it from the start of a builtin's docstring, written as
//! `name($module, a, b=0, /, *args, c, **kw)\n--\n\n`, which is what `inspect.signature()`
//! parses.

use crate::params::{Default, Kind, ParamList};

/// The docstring CPython will split into `__text_signature__` and `__doc__`.
pub fn docstring_with_signature(name: &str, params: &ParamList, doc: Option<&str>) -> String {
    format!(
        "{name}{}\n--\n\n{}",
        text_signature(params),
        doc.unwrap_or("")
    )
}

/// `($module, a, b=0, /, c, *, d)`.
pub fn text_signature(params: &ParamList) -> String {
    let mut parts = vec!["$module".to_owned()];
    let mut wrote_star = false;
    let python: Vec<_> = params.python().collect();
    for (i, p) in python.iter().enumerate() {
        let default = p.default.as_ref().map(render_default);
        match p.kind {
            Kind::PositionalOnly | Kind::PositionalOrKeyword => {
                parts.push(with_default(&p.name, default));
                let next_positional_only = python
                    .get(i + 1)
                    .is_some_and(|n| n.kind == Kind::PositionalOnly);
                if p.kind == Kind::PositionalOnly && !next_positional_only {
                    parts.push("/".to_owned());
                }
            }
            Kind::VarArgs => {
                wrote_star = true;
                parts.push(format!("*{}", p.name));
            }
            Kind::KeywordOnly => {
                if !wrote_star {
                    wrote_star = true;
                    parts.push("*".to_owned());
                }
                parts.push(with_default(&p.name, default));
            }
            Kind::VarKw => parts.push(format!("**{}", p.name)),
        }
    }
    format!("({})", parts.join(", "))
}

fn with_default(name: &str, default: Option<String>) -> String {
    match default {
        Some(d) => format!("{name}={d}"),
        None => name.to_owned(),
    }
}

/// A default value as Python source: literals are translated, anything else is `...`.
fn render_default(default: &Default) -> String {
    match default {
        Default::ImpliedNone => "None".to_owned(),
        Default::Expr(expr) => render_expr(expr).unwrap_or_else(|| "...".to_owned()),
    }
}

fn render_expr(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(lit) => match &lit.lit {
            syn::Lit::Int(i) => Some(i.base10_digits().to_owned()),
            syn::Lit::Float(f) => Some(f.base10_digits().to_owned()),
            syn::Lit::Bool(b) => Some(if b.value { "True" } else { "False" }.to_owned()),
            syn::Lit::Str(s) => Some(python_str_repr(&s.value())),
            _ => None,
        },
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => render_expr(expr).map(|inner| format!("-{inner}")),
        syn::Expr::Path(p) if p.path.is_ident("None") => Some("None".to_owned()),
        syn::Expr::Group(g) => render_expr(&g.expr),
        syn::Expr::Paren(p) => render_expr(&p.expr),
        _ => None,
    }
}

/// `repr()` of a Python `str`, as Python writes it.
pub fn python_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Errors;
    use crate::params::analyse;
    use crate::signature::FunctionOptions;

    fn sig(options: proc_macro2::TokenStream, f: syn::ItemFn) -> String {
        let options: FunctionOptions = syn::parse2(options).unwrap();
        let mut errors = Errors::default();
        let params = analyse(&f.sig, options.signature.as_ref(), &mut errors);
        errors.finish().unwrap();
        text_signature(&params)
    }

    #[test]
    fn renders_every_parameter_kind() {
        let f = syn::parse_quote! { fn f(a: i64, b: i64, c: &str, d: Vec<i64>, e: f64, k: Kw) {} };
        let s = sig(
            quote::quote!(signature = (a, /, b = -1, c = "it's", *d, e = 2.5, **k)),
            f,
        );
        assert_eq!(s, r#"($module, a, /, b=-1, c="it's", *d, e=2.5, **k)"#);
    }

    #[test]
    fn bare_star_and_implied_none() {
        let f = syn::parse_quote! { fn f(cx: Context<'_>, name: &str, greeting: &str) {} };
        let s = sig(quote::quote!(signature = (name, *, greeting = "Hello")), f);
        assert_eq!(s, "($module, name, *, greeting='Hello')");
        let f = syn::parse_quote! { fn f(a: i64, b: Option<i64>) {} };
        assert_eq!(sig(quote::quote!(), f), "($module, a, b=None)");
    }

    #[test]
    fn non_literal_defaults_are_ellipsis() {
        let f = syn::parse_quote! { fn f(a: i64) {} };
        assert_eq!(
            sig(quote::quote!(signature = (a = i64::MAX)), f),
            "($module, a=...)"
        );
    }

    #[test]
    fn python_repr_escapes() {
        assert_eq!(python_str_repr("a\nb\\"), r"'a\nb\\'");
        assert_eq!(python_str_repr("x'y\"z"), r#"'x\'y"z'"#);
    }
}
