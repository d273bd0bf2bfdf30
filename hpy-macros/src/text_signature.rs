//! `__text_signature__`: CPython reads it from the start of a builtin's docstring, written as
//! `name($module, a, b=0, /, *args, c, **kw)\n--\n\n`, which is what `inspect.signature()`
//! parses.

use crate::params::{Default, Kind, ParamList};

/// The docstring CPython will split into `__text_signature__` and `__doc__`; `given` is the
/// user's `text_signature = "(...)"`, which replaces the generated one.
pub fn docstring_with_signature(
    name: &str,
    params: &ParamList,
    bound: &str,
    given: Option<&str>,
    doc: Option<&str>,
) -> String {
    let signature = match given {
        Some(given) => with_bound_parameter(given, bound),
        None => text_signature(params, bound),
    };
    format!("{name}{signature}\n--\n\n{}", doc.unwrap_or(""))
}

/// `(a, b)` as CPython writes the signature of a builtin bound to `bound` (`$module` for a
/// module function, `$self` for a method): `($module, a, b)`.
fn with_bound_parameter(given: &str, bound: &str) -> String {
    let inner = given
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if inner.is_empty() {
        format!("({bound})")
    } else {
        format!("({bound}, {inner})")
    }
}

/// Checks a user's `text_signature` (a parenthesised parameter list on one line).
pub fn check_given(given: &syn::LitStr) -> syn::Result<()> {
    let text = given.value();
    let text = text.trim();
    if !(text.starts_with('(') && text.ends_with(')')) || text.contains('\n') {
        return Err(syn::Error::new_spanned(
            given,
            "`text_signature` must be a parameter list on one line, such as \"(a, b=0)\"",
        ));
    }
    Ok(())
}

/// `($module, a, b=0, /, c, *, d)`, the first parameter being `bound` (none if empty, as for a
/// class's signature).
pub fn text_signature(params: &ParamList, bound: &str) -> String {
    let bound = (!bound.is_empty()).then(|| (Kind::PositionalOrKeyword, bound.to_owned()));
    let python = params.python().map(|p| {
        let text = with_default(&p.name, p.default.as_ref().map(render_default));
        (p.kind, text)
    });
    parameter_list(bound.into_iter().chain(python))
}

/// A parenthesised Python parameter list from each parameter's kind and text (`a`, `b=0`,
/// `c: int = 0`): `/` after the last positional-only one, `*` before the first keyword-only
/// one unless `*args` came first, `*` and `**` before the variadic ones' names.
pub fn parameter_list(params: impl IntoIterator<Item = (Kind, String)>) -> String {
    let params: Vec<(Kind, String)> = params.into_iter().collect();
    let mut parts = Vec::new();
    let mut wrote_star = false;
    for (i, (kind, text)) in params.iter().enumerate() {
        match kind {
            Kind::PositionalOnly | Kind::PositionalOrKeyword => {
                parts.push(text.clone());
                let next_positional_only = params
                    .get(i + 1)
                    .is_some_and(|(next, _)| *next == Kind::PositionalOnly);
                if *kind == Kind::PositionalOnly && !next_positional_only {
                    parts.push("/".to_owned());
                }
            }
            Kind::VarArgs => {
                wrote_star = true;
                parts.push(format!("*{text}"));
            }
            Kind::KeywordOnly => {
                if !wrote_star {
                    wrote_star = true;
                    parts.push("*".to_owned());
                }
                parts.push(text.clone());
            }
            Kind::VarKw => parts.push(format!("**{text}")),
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

/// A default value as Python source: literals (and lists, tuples, `Some`, `String::from`... of
/// them) are translated; anything else is `...` (set `text_signature` to show better).
pub fn render_default(default: &Default) -> String {
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
            syn::Lit::Char(c) => Some(python_str_repr(&c.value().to_string())),
            syn::Lit::ByteStr(b) => Some(python_bytes_repr(&b.value())),
            _ => None,
        },
        syn::Expr::Array(a) => render_list(a.elems.iter()).map(|items| format!("[{items}]")),
        syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            let elems = m
                .mac
                .parse_body_with(
                    syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
                )
                .ok()?;
            render_list(elems.iter()).map(|items| format!("[{items}]"))
        }
        syn::Expr::Tuple(t) if t.elems.len() == 1 => {
            render_list(t.elems.iter()).map(|item| format!("({item},)"))
        }
        syn::Expr::Tuple(t) => render_list(t.elems.iter()).map(|items| format!("({items})")),
        // `Some(x)`, `String::from(x)`, `x.to_string()`, `x.to_owned()`, `x.into()` are `x`
        // on the Python side.
        syn::Expr::Call(c) if c.args.len() == 1 && is_transparent_call(&c.func) => {
            render_expr(&c.args[0])
        }
        syn::Expr::MethodCall(m)
            if m.args.is_empty()
                && ["to_string", "to_owned", "into"].contains(&&*m.method.to_string()) =>
        {
            render_expr(&m.receiver)
        }
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

fn render_list<'a>(items: impl Iterator<Item = &'a syn::Expr>) -> Option<String> {
    let items: Option<Vec<String>> = items.map(render_expr).collect();
    items.map(|items| items.join(", "))
}

/// `Some`, `String::from`, `From::from`: calls whose argument is what Python sees.
fn is_transparent_call(func: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = func else {
        return false;
    };
    let segments: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["Some"] | [.., "String", "from"] | [.., "From", "from"]
    )
}

/// `repr()` of a Python `bytes`.
fn python_bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
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
    use crate::options::FunctionOptions;
    use crate::params::analyse;

    fn sig(options: proc_macro2::TokenStream, f: syn::ItemFn) -> String {
        let options: FunctionOptions = syn::parse2(options).unwrap();
        let mut errors = Errors::default();
        let params = analyse(&f.sig, options.signature.as_ref(), &mut errors);
        errors.finish().unwrap();
        text_signature(&params, "$module")
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
    fn renders_compound_defaults() {
        let f = syn::parse_quote! { fn f(a: Vec<i64>, b: (i64,), c: Option<String>, d: char, e: &[u8], g: String) {} };
        let s = sig(
            quote::quote!(
                signature = (
                    a = vec![1, -2],
                    b = (3,),
                    c = Some("x".to_string()),
                    d = 'q',
                    e = b"a\x00'",
                    g = String::from("s")
                )
            ),
            f,
        );
        assert_eq!(
            s,
            r#"($module, a=[1, -2], b=(3,), c='x', d='q', e=b"a\x00'", g='s')"#
        );
    }

    #[test]
    fn a_given_text_signature_gets_the_module_parameter() {
        assert_eq!(
            with_bound_parameter("(a, b=...)", "$module"),
            "($module, a, b=...)"
        );
        assert_eq!(with_bound_parameter("()", "$self"), "($self)");
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
