//! `docs/safety.md` points at real tests: every compile-fail case, Python test file and test
//! function it names exists, and every compile-fail case in `ui-tests/` is cited by a row.

use std::collections::BTreeSet;
use std::path::Path;

use hpy_rs_tests::workspace_root;

/// The `ui/<topic>/<case>.rs` paths the document names (a bare `case.rs` after one continues
/// the previous path's topic), and the `folder/test_x.py[::test_y]` references.
fn references(doc: &str) -> (Vec<String>, Vec<(String, Option<String>)>) {
    let mut ui = Vec::new();
    let mut python = Vec::new();
    for line in doc.lines().filter(|l| l.starts_with('|')) {
        let mut topic = String::new();
        for code in line.split('`').skip(1).step_by(2) {
            if let Some(rest) = code.strip_prefix("ui/") {
                topic = rest.split('/').next().unwrap_or_default().to_owned();
                if rest.ends_with(".rs") {
                    ui.push(rest.to_owned());
                }
            } else if code.ends_with(".rs") && !code.contains('/') && !topic.is_empty() {
                ui.push(format!("{topic}/{code}"));
            } else if code.contains(".py") {
                let (file, test) = match code.split_once("::") {
                    Some((f, t)) => (f.to_owned(), Some(t.to_owned())),
                    None => (code.split_whitespace().next().unwrap().to_owned(), None),
                };
                python.push((file, test));
            } else if code.starts_with("test_")
                && !code.contains('.')
                && let Some((file, _)) = python.last().cloned()
            {
                python.push((file, Some(code.to_owned())));
            }
        }
    }
    (ui, python)
}

fn python_file(root: &Path, file: &str) -> std::path::PathBuf {
    let (folder, name) = file.split_once('/').expect("folder/test_x.py");
    let dir = match folder {
        "point" | "hello" | "picoarray" | "quickstart" => {
            root.join("examples").join(folder).join("tests")
        }
        _ => root.join("tests/modules").join(folder).join("tests"),
    };
    dir.join(name)
}

#[test]
fn every_reference_in_the_safety_table_exists() {
    let root = workspace_root();
    let doc = std::fs::read_to_string(root.join("docs/safety.md")).unwrap();
    let (ui, python) = references(&doc);
    assert!(
        ui.len() > 70 && python.len() > 20,
        "the table cites {} ui cases and {} Python tests",
        ui.len(),
        python.len()
    );
    for case in &ui {
        assert!(
            root.join("ui-tests").join(case).is_file(),
            "docs/safety.md cites ui/{case}, which does not exist"
        );
    }
    for (file, test) in &python {
        let path = python_file(&root, file);
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("docs/safety.md cites {file}, which does not exist"));
        if let Some(test) = test {
            assert!(
                source.contains(&format!("def {test}(")),
                "docs/safety.md cites {file}::{test}, which does not exist"
            );
        }
    }
}

#[test]
fn every_compile_fail_case_is_cited() {
    let root = workspace_root();
    let doc = std::fs::read_to_string(root.join("docs/safety.md")).unwrap();
    let (ui, _) = references(&doc);
    let cited: BTreeSet<String> = ui.into_iter().collect();
    let mut missing = Vec::new();
    for topic in std::fs::read_dir(root.join("ui-tests")).unwrap() {
        let topic = topic.unwrap().path();
        let name = topic.file_name().unwrap().to_string_lossy().into_owned();
        if !topic.is_dir() || ["pass", "tests"].contains(&name.as_str()) {
            continue;
        }
        for case in std::fs::read_dir(&topic).unwrap() {
            let case = case.unwrap().path();
            if case.extension().is_some_and(|e| e == "rs") {
                let key = format!("{name}/{}", case.file_name().unwrap().to_string_lossy());
                if !cited.contains(&key) {
                    missing.push(key);
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "compile-fail cases no row of docs/safety.md cites: {missing:?}"
    );
}
