//! The layering the code base keeps, checked on its sources: the public modules of `hpy` never
//! use `hpy::__private` (which uses them), and the modules of `hpy-macros` depend on each
//! other without cycles (what functions and methods share lives in modules neither depends
//! back on).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

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

/// The file's code: its lines without comments (doc comments included), which may name a
/// module without using it.
fn code(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules of the crate `code` names through `crate::`: `crate::a::b` and
/// `crate::{a, b::c}` name `a` (and `b`).
fn crate_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = ident(item.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn the_public_modules_of_hpy_never_use_its_private_layer() {
    let src = workspace().join("hpy/src");
    let private = src.join("__private");
    // Re-exported as `__private::hpyfunc`: part of the private layer, generated.
    let private_generated = src.join("generated/hpyfunc.rs");
    let mut offenders = Vec::new();
    for path in rust_files(&src) {
        if path.starts_with(&private) || path == private_generated {
            continue;
        }
        let code = code(&path);
        let uses = code
            .lines()
            .filter(|l| l.contains("__private") && l.trim() != "pub mod __private;")
            .count();
        if uses > 0 {
            offenders.push(path.strip_prefix(&src).unwrap().display().to_string());
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
        let relative = path.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap();
        let module = Path::new(first.as_os_str())
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if module == "lib" {
            continue;
        }
        let names = crate_modules(&code(&path));
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(names.into_iter().filter(|n| *n != module));
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
    // Depth-first search for a cycle, reporting its path.
    fn visit<'a>(
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        node: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|n| *n == node) {
            panic!("an import cycle: {} -> {node}", path[at..].join(" -> "));
        }
        if !done.insert(node) {
            return;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if graph.contains_key(next) {
                visit(graph, next, path, done);
            }
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(&graph, node, &mut Vec::new(), &mut done);
    }
}

#[test]
fn crate_paths_are_read_as_the_compiler_reads_them() {
    let names = crate_modules("use crate::a::b; use crate::{c, d::e};\n x = crate::f();");
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(names, ["a", "c", "d", "f"]);
}
