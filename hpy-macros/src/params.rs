//! The Python parameter list of a function: the Rust parameters matched with the optional
//! `signature = (...)`, checked against Python's rules for a `def`.

use proc_macro2::Span;
use quote::ToTokens;
use syn::ext::IdentExt as _;
use syn::visit_mut::VisitMut;

use crate::diagnostics::Errors;
use crate::names;
use crate::options::SigItem;

/// How a Python parameter receives its argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    PositionalOnly,
    PositionalOrKeyword,
    KeywordOnly,
    VarArgs,
    VarKw,
}

/// One parameter of the Rust function.
pub enum Param {
    /// `cx: Context<'ctx>`: the call's context.
    Context,
    /// `init: Construct<'_, 'ctx, Self>`: a constructor's way to create its object.
    Construct,
    /// A Python parameter.
    Python(Box<PyParam>),
}

/// A Python parameter.
pub struct PyParam {
    /// The Python name (the Rust name without `r#`).
    pub name: String,
    pub span: Span,
    pub ty: syn::Type,
    pub kind: Kind,
    pub default: Option<Default>,
}

/// A parameter's default value.
pub enum Default {
    /// An explicit Rust expression from the signature.
    Expr(syn::Expr),
    /// `None`, implied for a trailing `Option<T>` parameter when no signature is given.
    ImpliedNone,
}

/// The analysed parameter list.
pub struct ParamList {
    /// Every Rust parameter, in order.
    pub params: Vec<Param>,
}

impl ParamList {
    /// The named Python parameters (neither `*args` nor `**kwargs`), in binding order:
    /// positional ones first, then keyword-only (the Rust order, which Python's rules make
    /// the same).
    pub fn named(&self) -> impl Iterator<Item = &PyParam> {
        self.python()
            .filter(|p| !matches!(p.kind, Kind::VarArgs | Kind::VarKw))
    }

    /// Every Python parameter.
    pub fn python(&self) -> impl Iterator<Item = &PyParam> {
        self.params.iter().filter_map(|p| match p {
            Param::Python(p) => Some(&**p),
            Param::Context | Param::Construct => None,
        })
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.python().filter(|p| p.kind == kind).count()
    }

    pub fn has(&self, kind: Kind) -> bool {
        self.count(kind) > 0
    }

    /// Spells `Self` in the default expressions as `self_ty`, for a method's parameters.
    pub fn replace_self(&mut self, self_ty: &syn::Type) {
        for param in &mut self.params {
            if let Param::Python(p) = param
                && let Some(Default::Expr(expr)) = &mut p.default
            {
                syn::visit_mut::VisitMut::visit_expr_mut(
                    &mut crate::type_rewrite::ReplaceSelf(self_ty),
                    expr,
                );
            }
        }
    }
}

/// Analyses `sig`'s inputs with the optional `signature = (...)` items.
pub fn analyse(
    sig: &syn::Signature,
    spec: Option<&(Span, Vec<SigItem>)>,
    errors: &mut Errors,
) -> ParamList {
    let mut params = Vec::new();
    let mut rust_python = Vec::new();
    let mut seen_context = false;
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => errors.push(
                r,
                "#[hpy::function] cannot take `self`; methods belong in a #[hpy::methods] impl block",
            ),
            syn::FnArg::Typed(pt) => {
                let syn::Pat::Ident(pi) = &*pt.pat else {
                    errors.push(&pt.pat, "parameters of a #[hpy::function] must be plain identifiers");
                    continue;
                };
                if names::last_segment(&pt.ty).is_some_and(|s| s.ident == "Construct") {
                    params.push(Param::Construct);
                    continue;
                }
                if names::is_context(&pt.ty) {
                    if seen_context {
                        errors.push(pt, "only one `Context` parameter is allowed");
                    }
                    seen_context = true;
                    params.push(Param::Context);
                    continue;
                }
                if let syn::Type::ImplTrait(_) = &*pt.ty {
                    errors.push(&pt.ty, "`impl Trait` parameters are not supported; name a type");
                }
                rust_python.push(params.len());
                params.push(Param::Python(Box::new(PyParam {
                    name: pi.ident.unraw().to_string(),
                    span: pi.ident.span(),
                    ty: (*pt.ty).clone(),
                    kind: Kind::PositionalOrKeyword,
                    default: None,
                })));
            }
        }
    }
    let mut list = ParamList { params };
    match spec {
        Some((span, items)) => apply_signature(&mut list, &rust_python, *span, items, errors),
        None => imply_optional_defaults(&mut list),
    }
    check_python_rules(&list, errors);
    check_context_borrows(sig, errors);
    list
}

/// Reports every reference in a parameter's type that borrows for the context's lifetime
/// (`x: &'a Handle<'a>` with `cx: Context<'a>`, as rustc suggests for an elided return
/// lifetime): the arguments are lent to the call only, so no borrow of one can last as long
/// as the context. The context's lifetimes are those of `Context`, `Handle` and `Typed`.
fn check_context_borrows(sig: &syn::Signature, errors: &mut Errors) {
    let mut sig = sig.clone();
    let mut contexts = ContextLifetimes(Vec::new());
    VisitMut::visit_signature_mut(&mut contexts, &mut sig);
    for input in &mut sig.inputs {
        let syn::FnArg::Typed(pt) = input else {
            continue;
        };
        let mut borrows = ContextBorrows {
            contexts: &contexts.0,
            found: Vec::new(),
        };
        borrows.visit_type_mut(&mut pt.ty);
        for lifetime in borrows.found {
            errors.push(
                &lifetime,
                format!(
                    "an argument cannot be borrowed for the context's lifetime `{lifetime}`: the \
                     arguments are lent to the call only; leave the borrow's lifetime out \
                     (`&Handle<{lifetime}>`, not `&{lifetime} Handle<{lifetime}>`)"
                ),
            );
        }
    }
}

/// Collects the lifetimes of `Context<'a>`, `Handle<'a>` and `Typed<'a, T>`.
struct ContextLifetimes(Vec<syn::Ident>);

impl VisitMut for ContextLifetimes {
    fn visit_path_segment_mut(&mut self, segment: &mut syn::PathSegment) {
        if ["Context", "Handle", "Typed"]
            .iter()
            .any(|n| segment.ident == n)
            && let syn::PathArguments::AngleBracketed(args) = &segment.arguments
            && let Some(syn::GenericArgument::Lifetime(l)) = args.args.first()
        {
            self.0.push(l.ident.clone());
        }
        syn::visit_mut::visit_path_segment_mut(self, segment);
    }
}

/// Collects the lifetimes of the references whose lifetime is one of `contexts`.
struct ContextBorrows<'a> {
    contexts: &'a [syn::Ident],
    found: Vec<syn::Lifetime>,
}

impl VisitMut for ContextBorrows<'_> {
    fn visit_type_reference_mut(&mut self, reference: &mut syn::TypeReference) {
        if let Some(l) = &reference.lifetime
            && l.ident != "_"
            && self.contexts.contains(&l.ident)
        {
            self.found.push(l.clone());
        }
        syn::visit_mut::visit_type_reference_mut(self, reference);
    }
}

/// Reports every name in `annotations(...)` that is neither a Python parameter of `list` nor
/// `return`.
pub fn check_annotations(
    list: &ParamList,
    annotations: &[(syn::Ident, syn::LitStr)],
    errors: &mut Errors,
) {
    for (name, _) in annotations {
        let name_text = name.unraw().to_string();
        if name_text != "return" && list.python().all(|p| p.name != name_text) {
            errors.push(
                name,
                format!("`{name_text}` in `annotations` is neither a parameter nor `return`"),
            );
        }
    }
}

/// Without a signature, trailing `Option<T>` parameters default to `None`.
fn imply_optional_defaults(list: &mut ParamList) {
    for param in list.params.iter_mut().rev() {
        match param {
            Param::Context | Param::Construct => continue,
            Param::Python(p) if names::is_option(&p.ty) => p.default = Some(Default::ImpliedNone),
            Param::Python(_) => break,
        }
    }
}

/// Matches the signature's items with the Rust parameters (same names, same order).
fn apply_signature(
    list: &mut ParamList,
    rust_python: &[usize],
    span: Span,
    items: &[SigItem],
    errors: &mut Errors,
) {
    let mut next = 0;
    let mut kind = Kind::PositionalOrKeyword;
    let mut saw_slash = false;
    let mut saw_star = false;
    let mut positional_before_slash = 0;
    for item in items {
        let (name, new_kind, default) = match item {
            SigItem::Slash(slash) => {
                if saw_slash {
                    errors.push(slash, "`/` may appear only once");
                } else if saw_star {
                    errors.push(slash, "`/` must come before `*`");
                } else if positional_before_slash == 0 {
                    errors.push(slash, "at least one parameter must precede `/`");
                }
                saw_slash = true;
                // Everything so far is positional-only.
                for &i in &rust_python[..next.min(rust_python.len())] {
                    if let Param::Python(p) = &mut list.params[i] {
                        p.kind = Kind::PositionalOnly;
                    }
                }
                continue;
            }
            SigItem::Star(star) => {
                if saw_star {
                    errors.push(star, "`*` may appear only once");
                }
                saw_star = true;
                kind = Kind::KeywordOnly;
                continue;
            }
            SigItem::Param { name, default } => (name, kind, default.clone()),
            SigItem::VarArgs(name) => {
                if saw_star {
                    errors.push(
                        name,
                        "`*args` must come before keyword-only parameters and `*`",
                    );
                }
                saw_star = true;
                kind = Kind::KeywordOnly;
                (name, Kind::VarArgs, None)
            }
            SigItem::VarKw(name) => (name, Kind::VarKw, None),
        };
        let Some(&index) = rust_python.get(next) else {
            errors.push(
                name,
                format!("`{name}` does not match any remaining parameter of the function"),
            );
            continue;
        };
        next += 1;
        let Param::Python(param) = &mut list.params[index] else {
            unreachable!("rust_python indexes Python parameters")
        };
        if name.unraw() != param.name {
            errors.push(
                name,
                format!(
                    "expected `{}` here: the signature must list the function's parameters in order",
                    param.name
                ),
            );
        }
        if new_kind == Kind::PositionalOrKeyword {
            positional_before_slash += 1;
        }
        param.kind = new_kind;
        param.default = default.map(Default::Expr);
    }
    if next < rust_python.len() {
        let missing: Vec<String> = rust_python[next..]
            .iter()
            .filter_map(|&i| match &list.params[i] {
                Param::Python(p) => Some(format!("`{}`", p.name)),
                Param::Context | Param::Construct => None,
            })
            .collect();
        errors.add(syn::Error::new(
            span,
            format!("the signature does not list {}", missing.join(", ")),
        ));
    }
    if let Some(SigItem::Star(star)) = items.last() {
        errors.push(star, "named parameters must follow a bare `*`");
    }
}

/// Python's own rules for a parameter list, with its wording where it has one.
fn check_python_rules(list: &ParamList, errors: &mut Errors) {
    let mut seen_default = false;
    let mut names = std::collections::HashSet::new();
    let mut after_varkw = false;
    for p in list.python() {
        if after_varkw {
            errors.add(syn::Error::new(
                p.span,
                "`**kwargs` must be the last parameter",
            ));
        }
        if !names.insert(p.name.clone()) {
            errors.add(syn::Error::new(
                p.span,
                format!("duplicate parameter `{}`", p.name),
            ));
        }
        match p.kind {
            Kind::PositionalOnly | Kind::PositionalOrKeyword => {
                if p.default.is_some() {
                    seen_default = true;
                } else if seen_default {
                    errors.add(syn::Error::new(
                        p.span,
                        "parameter without a default follows parameter with a default",
                    ));
                }
            }
            Kind::VarArgs => {
                if matches!(&p.ty, syn::Type::Reference(r) if r.mutability.is_some()) {
                    errors.push(
                        p.ty.to_token_stream(),
                        "a `*args` parameter cannot be `&mut`: the arguments are lent to the \
                         call; take `&hpy::VarArgs<'_>`, `Vec<T>` or another `hpy::FromVarargs` type",
                    );
                }
            }
            Kind::VarKw => after_varkw = true,
            Kind::KeywordOnly => {}
        }
    }
}
