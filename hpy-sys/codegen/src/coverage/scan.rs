//! Which files of a crate name which context functions: the crate's module tree is walked
//! from its root file as the compiler does (`mod x;` → `x.rs` or `x/mod.rs`, `#[path]`),
//! each file is tokenized (so comments and strings are not code), and items under
//! `#[cfg(test)]` — test modules and test-only files — are left out.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// For each name of `names` that some file uses as an identifier, the files that do, as paths
/// relative to `src_dir` with `/` separators.
pub type Uses = BTreeMap<String, BTreeSet<String>>;

/// Walks the crate whose root file is `src_dir/root` (`lib.rs`).
pub fn uses(src_dir: &Path, root: &str, names: &HashSet<&str>) -> Result<Uses, String> {
    let mut uses = Uses::new();
    let mut queue = vec![PathBuf::from(root)];
    let mut seen = HashSet::new();
    while let Some(file) = queue.pop() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let path = src_dir.join(&file);
        let source = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let tokens = TokenStream::from_str(&source)
            .map_err(|e| format!("{}: cannot tokenize: {e:?}", path.display()))?;
        let shown = display(&file);
        let mut walker = Walker {
            names,
            found: BTreeSet::new(),
            modules: Vec::new(),
        };
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let children = if is_mod_rs(&file) {
            dir.clone()
        } else {
            dir.join(file.file_stem().unwrap_or_default())
        };
        walker.stream(tokens, &children, &dir);
        for name in walker.found {
            uses.entry(name).or_default().insert(shown.clone());
        }
        for module in walker.modules {
            if let Some(found) = [&module.file, &module.dir_file]
                .into_iter()
                .find(|f| src_dir.join(f).is_file())
            {
                queue.push(found.clone());
            } else {
                return Err(format!(
                    "{}: the file of `mod {}` is neither {} nor {}",
                    path.display(),
                    module.name,
                    display(&module.file),
                    display(&module.dir_file)
                ));
            }
        }
    }
    Ok(uses)
}

/// A `mod name;` declaration: where its file may be.
struct ModuleFile {
    name: String,
    file: PathBuf,
    /// `name/mod.rs` (the same as `file` for a `#[path]`).
    dir_file: PathBuf,
}

/// Collects the names used and the modules declared in one file.
struct Walker<'a> {
    names: &'a HashSet<&'a str>,
    found: BTreeSet<String>,
    modules: Vec<ModuleFile>,
}

impl Walker<'_> {
    /// `children`: where `mod x;` looks for `x.rs`; `dir`: what `#[path]` is relative to.
    fn stream(&mut self, tokens: TokenStream, children: &Path, dir: &Path) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut path_attr: Option<String> = None;
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    let inner = matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                    let at = if inner { i + 2 } else { i + 1 };
                    if let Some(TokenTree::Group(g)) = tokens.get(at)
                        && g.delimiter() == Delimiter::Bracket
                    {
                        let attr: Vec<TokenTree> = g.stream().into_iter().collect();
                        if is_cfg_test(&attr) {
                            if inner {
                                // `#![cfg(test)]`: the whole enclosing module is test code.
                                return;
                            }
                            i = end_of_item(&tokens, at + 1);
                            continue;
                        }
                        if let Some(path) = path_value(&attr) {
                            path_attr = Some(path);
                        }
                        i = at + 1;
                        continue;
                    }
                }
                TokenTree::Ident(id) if id == "mod" => {
                    if let Some(TokenTree::Ident(name)) = tokens.get(i + 1) {
                        let name = name.to_string();
                        match tokens.get(i + 2) {
                            Some(TokenTree::Punct(p)) if p.as_char() == ';' => {
                                let module = match path_attr.take() {
                                    Some(path) => {
                                        let file = normalize(&dir.join(path));
                                        ModuleFile {
                                            name,
                                            dir_file: file.clone(),
                                            file,
                                        }
                                    }
                                    None => ModuleFile {
                                        file: children.join(format!("{name}.rs")),
                                        dir_file: children.join(&name).join("mod.rs"),
                                        name,
                                    },
                                };
                                self.modules.push(module);
                                i += 3;
                                continue;
                            }
                            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                                let inner = children.join(&name);
                                self.stream(g.stream(), &inner, &inner);
                                path_attr = None;
                                i += 3;
                                continue;
                            }
                            _ => {}
                        }
                    }
                }
                TokenTree::Ident(id) => {
                    let id = id.to_string();
                    if self.names.contains(id.as_str()) {
                        self.found.insert(id);
                    }
                }
                TokenTree::Group(g) => {
                    self.stream(g.stream(), children, dir);
                    if g.delimiter() == Delimiter::Brace {
                        path_attr = None;
                    }
                }
                TokenTree::Punct(p) if p.as_char() == ';' => path_attr = None,
                _ => {}
            }
            i += 1;
        }
    }
}

/// `cfg(test)`, the content of an attribute's brackets.
fn is_cfg_test(attr: &[TokenTree]) -> bool {
    match attr {
        [TokenTree::Ident(cfg), TokenTree::Group(args)] if cfg == "cfg" => {
            let args: Vec<TokenTree> = args.stream().into_iter().collect();
            matches!(args.as_slice(), [TokenTree::Ident(t)] if t == "test")
        }
        _ => false,
    }
}

/// `path = "x"` → `x`.
fn path_value(attr: &[TokenTree]) -> Option<String> {
    match attr {
        [
            TokenTree::Ident(path),
            TokenTree::Punct(eq),
            TokenTree::Literal(lit),
        ] if path == "path" && eq.as_char() == '=' => {
            let lit = lit.to_string();
            Some(lit.strip_prefix('"')?.strip_suffix('"')?.to_owned())
        }
        _ => None,
    }
}

/// The index after the item that starts at `start`: after its first top-level `;` or `{ ... }`
/// (its body), whichever comes first.
fn end_of_item(tokens: &[TokenTree], start: usize) -> usize {
    for (i, token) in tokens.iter().enumerate().skip(start) {
        match token {
            TokenTree::Punct(p) if p.as_char() == ';' => return i + 1,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => return i + 1,
            _ => {}
        }
    }
    tokens.len()
}

/// `lib.rs`, `main.rs` and `mod.rs` declare their submodules beside them.
fn is_mod_rs(file: &Path) -> bool {
    matches!(
        file.file_name().and_then(|n| n.to_str()),
        Some("lib.rs" | "main.rs" | "mod.rs")
    )
}

/// `a/../b` → `b`, lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A relative path with `/` separators.
fn display(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crate in a fresh temporary directory: `(relative path, contents)` pairs.
    fn crate_dir(tag: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hpy-sys-codegen-scan-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, contents) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        dir
    }

    fn names() -> HashSet<&'static str> {
        ["ctx_A", "ctx_B", "ctx_C", "ctx_D", "ctx_E", "ctx_F"]
            .into_iter()
            .collect()
    }

    #[test]
    fn follows_modules_and_skips_comments_strings_and_tests() {
        let dir = crate_dir(
            "walk",
            &[
                (
                    "lib.rs",
                    "//! ctx_F in a doc comment\nmod a;\nmod b;\n#[cfg(test)]\nmod only_tests;\n\
                     fn f() { call!(cx, ctx_A()); let s = \"ctx_F\"; /* ctx_F */ }\n\
                     #[cfg(test)]\nmod tests { fn t() { ctx_F(); } }\n",
                ),
                (
                    "a.rs",
                    "mod inner;\n#[path = \"../gen/x.rs\"]\nmod x;\nmacro_rules! m { () => { ctx_B } }\n",
                ),
                ("a/inner.rs", "fn g() { ctx_C(); }\n"),
                ("gen/x.rs", "const X: () = ctx_D;\n"),
                (
                    "b/mod.rs",
                    "#[cfg(test)]\nfn t() { ctx_F(); }\nfn u() { ctx_E(); }\n",
                ),
                ("only_tests.rs", "fn t() { ctx_F(); }\n"),
                ("orphan.rs", "fn t() { ctx_F(); }\n"),
            ],
        );
        let uses = uses(&dir, "lib.rs", &names()).unwrap();
        let flat: Vec<(String, Vec<String>)> = uses
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect();
        let expected = [
            ("ctx_A", "lib.rs"),
            ("ctx_B", "a.rs"),
            ("ctx_C", "a/inner.rs"),
            ("ctx_D", "gen/x.rs"),
            ("ctx_E", "b/mod.rs"),
        ]
        .map(|(k, f)| (k.to_owned(), vec![f.to_owned()]));
        assert_eq!(flat, expected);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn reports_a_missing_module_file() {
        let dir = crate_dir("missing", &[("lib.rs", "mod gone;\n")]);
        let err = uses(&dir, "lib.rs", &names()).unwrap_err();
        assert!(
            err.ends_with("the file of `mod gone` is neither gone.rs nor gone/mod.rs"),
            "{err}"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
