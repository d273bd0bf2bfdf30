//! The layering the code base keeps, checked on its sources (parsed with `syn`, so comments,
//! strings and nesting read as the compiler reads them): the public modules of `hpy` never use
//! `hpy::__private` (which uses them), and the modules of `hpy-macros` depend on each other
//! without cycles (what functions and methods share lives in modules neither depends back on).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is in the workspace")
        .to_path_buf()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn parse(path: &Path) -> syn::File {
    let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The module path of a source file relative to its crate's `src/`: `methods/special.rs` is
/// `[methods, special]`, `methods/mod.rs` and `methods.rs` are `[methods]`, `lib.rs` is `[]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Every path a file names — in `use` trees (groups and nesting flattened), in expressions and
/// types, and in the tokens of macro invocations (as ident sequences joined by `::`).
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.push_with(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.push_with(prefix, &r.ident),
            syn::UseTree::Glob(_) => self.0.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    fn push_with(&mut self, prefix: &[String], last: &syn::Ident) {
        let mut path = prefix.to_vec();
        path.push(last.to_string());
        self.0.push(path);
    }

    /// `a::b::c` sequences in raw tokens (macro bodies such as `quote!` or `call!`).
    fn tokens(&mut self, tokens: TokenStream) {
        let mut current: Vec<String> = Vec::new();
        let mut colons = 0;
        for tree in tokens {
            match tree {
                TokenTree::Ident(i) => {
                    if colons != 2 && !current.is_empty() {
                        self.0.push(std::mem::take(&mut current));
                    }
                    current.push(i.to_string());
                    colons = 0;
                }
                TokenTree::Punct(p) if p.as_char() == ':' => colons += 1,
                TokenTree::Group(g) => {
                    self.0.extend([std::mem::take(&mut current)]);
                    self.tokens(g.stream());
                    colons = 0;
                }
                _ => {
                    self.0.extend([std::mem::take(&mut current)]);
                    colons = 0;
                }
            }
        }
        self.0.push(current);
        self.0.retain(|p| !p.is_empty());
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.0
            .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

fn paths_of(file: &syn::File) -> Vec<Vec<String>> {
    let mut paths = Paths::default();
    paths.visit_file(file);
    paths.0
}

/// The crate module a path in the module `from` names, as a module path (`crate::a::b` is
/// `[a, b]`, `super::x` in `[m, n]` is `[m, x]`), or `None` for a path that does not start at
/// the crate (`std::...`, a local name, `::hpy::...`).
fn resolve(from: &[String], path: &[String]) -> Option<Vec<String>> {
    match path.first()?.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "super" => {
            let supers = path.iter().take_while(|s| *s == "super").count();
            let base = from.get(..from.len().checked_sub(supers)?)?;
            Some(base.iter().chain(&path[supers..]).cloned().collect())
        }
        "self" => Some(from.iter().chain(&path[1..]).cloned().collect()),
        _ => None,
    }
}

/// The files of `src` that a module declares with `#[path = "..."]` (generated files, mounted
/// by the module they belong to), each with the file declaring it.
fn mounted_files(src: &Path) -> BTreeMap<PathBuf, PathBuf> {
    let mut mounted = BTreeMap::new();
    for path in rust_files(src) {
        for item in parse(&path).items {
            let syn::Item::Mod(m) = item else { continue };
            for attr in &m.attrs {
                if let syn::Meta::NameValue(nv) = &attr.meta
                    && nv.path.is_ident("path")
                    && let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(target),
                        ..
                    }) = &nv.value
                {
                    let file = path.parent().unwrap().join(target.value());
                    let file = fs::canonicalize(&file)
                        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                    mounted.insert(file, path.clone());
                }
            }
        }
    }
    mounted
}

#[test]
fn the_public_modules_of_hpy_never_use_its_private_layer() {
    let src = workspace().join("hpy/src");
    let private = fs::canonicalize(src.join("__private")).unwrap();
    let mounted = mounted_files(&src);
    // A file is private if it is under `__private/` or a private module mounts it.
    let is_private = |path: &Path| {
        let path = fs::canonicalize(path).unwrap();
        path.starts_with(&private)
            || mounted
                .get(&path)
                .is_some_and(|by| fs::canonicalize(by).unwrap().starts_with(&private))
    };
    let generated = fs::canonicalize(src.join("generated/hpyfunc.rs")).unwrap();
    assert!(
        is_private(&generated),
        "the generated HPyFunc table is mounted by `__private`: {mounted:?}"
    );
    let mut offenders = BTreeSet::new();
    for path in rust_files(&src) {
        if is_private(&path) {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let mut file = parse(&path);
        // The crate root declares the module: that is no use of it.
        file.items.retain(
            |item| !matches!(item, syn::Item::Mod(m) if m.ident == "__private" && m.content.is_none()),
        );
        if paths_of(&file)
            .iter()
            .any(|p| p.iter().any(|s| s == "__private"))
        {
            offenders.insert(relative.display().to_string());
        }
    }
    assert!(
        offenders.is_empty(),
        "public modules using `__private` (the dependency must run the other way): {offenders:?}"
    );
}

#[test]
fn the_modules_of_hpy_macros_depend_on_each_other_without_cycles() {
    let src = workspace().join("hpy-macros/src");
    // Top-level module -> the top-level modules its files name.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in rust_files(&src) {
        let module = module_path(path.strip_prefix(&src).unwrap());
        let Some(top) = module.first() else { continue };
        let names: BTreeSet<String> = paths_of(&parse(&path))
            .iter()
            .filter_map(|p| resolve(&module, p))
            .filter_map(|m| m.first().cloned())
            .filter(|m| m != top)
            .collect();
        graph.entry(top.clone()).or_default().extend(names);
    }
    assert!(
        graph.contains_key("callable") && graph.contains_key("methods"),
        "the modules were not found: {:?}",
        graph.keys()
    );
    for shared in ["callable", "entry_points", "hygiene"] {
        for user in ["function", "methods"] {
            assert!(
                !graph[shared].contains(user),
                "`{shared}` is shared by functions and methods, but depends on `{user}`"
            );
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!("an import cycle: {}", cycle.join(" -> "));
    }
}

/// A cycle of `graph`, as its nodes with the first repeated at the end.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit<'a>(
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        node: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|n| n.to_string()).collect();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(graph, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

#[test]
fn paths_are_read_as_the_compiler_reads_them() {
    let file: syn::File = syn::parse_quote! {
        use crate::{a::{b, c::d}, e};
        use super::super::f::g;
        // use crate::commented_out;
        fn x() -> &'static str {
            let _ = crate::h::i();
            quote!(crate::j::k);
            "crate::in_a_string"
        }
    };
    let from = ["m".to_owned(), "n".to_owned()];
    let named: BTreeSet<String> = paths_of(&file)
        .iter()
        .filter_map(|p| resolve(&from, p))
        .filter_map(|m| m.first().cloned())
        .collect();
    let named: Vec<&str> = named.iter().map(String::as_str).collect();
    assert_eq!(named, ["a", "e", "f", "h", "j"]);
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"][..]),
        ("c", &["a"][..]),
        ("d", &[][..]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    let acyclic: BTreeMap<String, BTreeSet<String>> =
        [("a".to_owned(), BTreeSet::from(["b".to_owned()]))].into();
    assert_eq!(find_cycle(&acyclic), None);
}
