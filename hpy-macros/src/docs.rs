//! Doc comments (`#[doc = "..."]` attributes) as docstrings.

/// The docstring of an item: its doc comments joined by newlines, with the single space that
/// `///` leaves at the start of each line removed and the common indentation stripped.
pub fn docstring(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|chunk| chunk.split('\n').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    if lines.is_empty() {
        return None;
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let text = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.trim_matches('\n').to_owned();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::docstring;

    #[test]
    fn joins_and_dedents_doc_comments() {
        let item: syn::ItemFn = syn::parse_quote! {
            /// Add two integers.
            ///
            ///     indented example
            fn f() {}
        };
        assert_eq!(
            docstring(&item.attrs).as_deref(),
            Some("Add two integers.\n\n    indented example")
        );
    }

    #[test]
    fn no_docs_is_none() {
        let item: syn::ItemFn = syn::parse_quote! { fn f() {} };
        assert_eq!(docstring(&item.attrs), None);
    }
}
