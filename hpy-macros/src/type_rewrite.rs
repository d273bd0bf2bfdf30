//! Types rewritten for the places generated code repeats them: `Self` spelled as the concrete
//! type, in the parts of a method (parameter types, argument defaults) that the generated code
//! repeats outside the impl block, where `Self` means nothing; and named lifetimes elided,
//! where the function's lifetime parameters are not in scope.

use syn::visit_mut::{self, VisitMut};

/// Replaces `Self` (alone, or leading a path: `Self::DEFAULT`, `Self::Item`) with `self_ty`.
pub struct ReplaceSelf<'a>(pub &'a syn::Type);

impl ReplaceSelf<'_> {
    /// `<self_ty>::rest` for the path `Self::rest`, or `None` if `path` does not start with
    /// `Self`.
    fn qualified(&self, path: &syn::Path) -> Option<(syn::QSelf, syn::Path)> {
        let first = path.segments.first()?;
        if path.leading_colon.is_some() || first.ident != "Self" || path.segments.len() < 2 {
            return None;
        }
        let rest: syn::Path = syn::Path {
            leading_colon: Some(Default::default()),
            segments: path.segments.iter().skip(1).cloned().collect(),
        };
        let qself = syn::QSelf {
            lt_token: Default::default(),
            ty: Box::new(self.0.clone()),
            position: 0,
            as_token: None,
            gt_token: Default::default(),
        };
        Some((qself, rest))
    }

    /// The path of `self_ty`, for `Self` used as a value or in a struct literal.
    fn own_path(&self) -> Option<syn::Path> {
        match self.0 {
            syn::Type::Path(p) if p.qself.is_none() => Some(p.path.clone()),
            _ => None,
        }
    }
}

impl VisitMut for ReplaceSelf<'_> {
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let syn::Type::Path(p) = ty
            && p.qself.is_none()
        {
            if p.path.is_ident("Self") {
                *ty = self.0.clone();
                return;
            }
            if let Some((qself, path)) = self.qualified(&p.path) {
                p.qself = Some(qself);
                p.path = path;
                return;
            }
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_path_mut(&mut self, e: &mut syn::ExprPath) {
        if e.qself.is_none() {
            if e.path.is_ident("Self") {
                if let Some(path) = self.own_path() {
                    e.path = path;
                }
                return;
            }
            if let Some((qself, path)) = self.qualified(&e.path) {
                e.qself = Some(qself);
                e.path = path;
                return;
            }
        }
        visit_mut::visit_expr_path_mut(self, e);
    }

    fn visit_expr_struct_mut(&mut self, e: &mut syn::ExprStruct) {
        if e.qself.is_none()
            && e.path.is_ident("Self")
            && let Some(path) = self.own_path()
        {
            e.path = path;
        }
        visit_mut::visit_expr_struct_mut(self, e);
    }
}

/// The type with every lifetime replaced by `'_`, so it can annotate a `let` in generated
/// code where the function's own lifetime parameters are not in scope.
pub fn elide_lifetimes(ty: &syn::Type) -> syn::Type {
    struct Elide;
    impl VisitMut for Elide {
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            *l = syn::Lifetime::new("'_", l.span());
        }
    }
    let mut ty = ty.clone();
    Elide.visit_type_mut(&mut ty);
    ty
}

#[cfg(test)]
mod tests {
    use quote::{ToTokens, quote};
    use syn::visit_mut::VisitMut;

    use super::{ReplaceSelf, elide_lifetimes};

    #[test]
    fn elides_named_lifetimes() {
        let ty: syn::Type = syn::parse_quote!(&'a Handle<'ctx>);
        let out = elide_lifetimes(&ty);
        assert_eq!(quote!(#out).to_string(), quote!(&'_ Handle<'_>).to_string());
    }

    fn replaced_expr(expr: proc_macro2::TokenStream) -> String {
        let ty: syn::Type = syn::parse_quote!(Point);
        let mut expr: syn::Expr = syn::parse2(expr).unwrap();
        ReplaceSelf(&ty).visit_expr_mut(&mut expr);
        expr.to_token_stream().to_string()
    }

    fn replaced_type(t: proc_macro2::TokenStream) -> String {
        let ty: syn::Type = syn::parse_quote!(Point);
        let mut t: syn::Type = syn::parse2(t).unwrap();
        ReplaceSelf(&ty).visit_type_mut(&mut t);
        t.to_token_stream().to_string()
    }

    #[test]
    fn self_becomes_the_type() {
        assert_eq!(replaced_type(quote!(Self)), "Point");
        assert_eq!(
            replaced_type(quote!(Ref<'_, '_, Self>)),
            "Ref < '_ , '_ , Point >"
        );
        assert_eq!(replaced_type(quote!(Self::Item)), "< Point > :: Item");
        assert_eq!(
            replaced_type(quote!(<Self as Tr>::X)),
            "< Point as Tr > :: X"
        );
        assert_eq!(
            replaced_expr(quote!(Self::DEFAULT + 1)),
            "< Point > :: DEFAULT + 1"
        );
        assert_eq!(
            replaced_expr(quote!(Self::new(2).x)),
            "< Point > :: new (2) . x"
        );
        assert_eq!(replaced_expr(quote!(Self { x: 1 })), "Point { x : 1 }");
        assert_eq!(replaced_expr(quote!(other::Self_)), "other :: Self_");
    }
}
