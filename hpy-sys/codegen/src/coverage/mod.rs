//! `docs/api-coverage.md`: every function of the context with the public safe API that
//! reaches it, or why none does.
//!
//! Three inputs: the ABI table (which functions exist), the annotation file
//! [`ANNOTATIONS_PATH`](crate::COVERAGE_ANNOTATIONS_PATH) (the public items, or the reason,
//! written by hand), and the sources of the `hpy` crate (which files call each function,
//! computed, so that column cannot go stale). The document is rendered only when they agree:
//! every function annotated once, in table order, under its C name; `reached` exactly for
//! the functions `hpy/src` calls outside its tests.

mod annotations;
mod render;
mod scan;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::model::Abi;
use crate::{
    ABI_TABLE_PATH, COVERAGE_ANNOTATIONS_PATH, COVERAGE_PATH, GeneratedFile, REGENERATE_COMMAND,
    SAFE_API_SRC, parser,
};
use annotations::{Entry, Status};

/// Reads the three inputs under the workspace `root` and renders the document, or lists every
/// disagreement between them (one per line).
pub fn coverage(root: &Path) -> Result<GeneratedFile, String> {
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"));
    let abi = Abi::build(parser::parse(&read(ABI_TABLE_PATH)?)?)
        .map_err(|e| format!("{ABI_TABLE_PATH}: {e}"))?;
    let entries = annotations::parse(&read(COVERAGE_ANNOTATIONS_PATH)?)
        .map_err(|e| format!("{COVERAGE_ANNOTATIONS_PATH}: {e}"))?;
    let functions = abi.context_functions();
    let names: HashSet<&str> = functions.iter().copied().collect();
    let uses = scan::uses(&root.join(SAFE_API_SRC), "lib.rs", &names)?;
    let problems = check(&functions, &entries, &uses);
    if !problems.is_empty() {
        return Err(format!(
            "{COVERAGE_ANNOTATIONS_PATH} disagrees with {ABI_TABLE_PATH} or {SAFE_API_SRC}:\n  {}\n\
             fix the annotations, then run `{REGENERATE_COMMAND}`",
            problems.join("\n  ")
        ));
    }
    Ok(GeneratedFile {
        path: COVERAGE_PATH,
        contents: render::document(&abi, &entries, &uses),
    })
}

/// Every disagreement between the table's `functions`, the annotations and the calls found
/// in the sources.
fn check(functions: &[&str], entries: &[Entry], uses: &scan::Uses) -> Vec<String> {
    let at = |e: &Entry| format!("{COVERAGE_ANNOTATIONS_PATH}:{}", e.line);
    let position: HashMap<&str, usize> =
        functions.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let mut problems = Vec::new();
    let mut annotated: HashMap<&str, &Entry> = HashMap::new();
    let mut last: Option<(usize, &Entry)> = None;
    for entry in entries {
        let member = entry.member.as_str();
        let Some(&index) = position.get(member) else {
            problems.push(format!(
                "{}: `{member}` is not a function of the context in {ABI_TABLE_PATH}",
                at(entry)
            ));
            continue;
        };
        if let Some(first) = annotated.insert(member, entry) {
            problems.push(format!(
                "{}: `{member}` is annotated twice (first at line {})",
                at(entry),
                first.line
            ));
            continue;
        }
        if let Some((previous, before)) = last
            && index < previous
        {
            problems.push(format!(
                "{}: `{member}` comes before `{}` in {ABI_TABLE_PATH}; keep the table's order",
                at(entry),
                before.member
            ));
        }
        last = Some((index, entry));
        if !annotations::c_name_matches(member, &entry.c_name) {
            problems.push(format!(
                "{}: `{}` is not the C name of `{member}` (`ctx_` + the C name without its `HPy`, `HPy_`, `_HPy` or `_HPy_` prefix)",
                at(entry),
                entry.c_name
            ));
        }
        let callers = uses.get(member);
        match (entry.status, callers) {
            (Status::Reached, None) => problems.push(format!(
                "{}: `{member}` is annotated `reached` but nothing in {SAFE_API_SRC} calls it outside tests; say why no safe API reaches it",
                at(entry)
            )),
            (status, Some(files)) if status != Status::Reached => problems.push(format!(
                "{}: `{member}` is annotated `{}` but {SAFE_API_SRC} calls it ({}); annotate it `reached` with the public API that does",
                at(entry),
                status.word(),
                files.iter().cloned().collect::<Vec<_>>().join(", ")
            )),
            _ => {}
        }
    }
    for function in functions {
        if !annotated.contains_key(function) {
            problems.push(format!(
                "{COVERAGE_ANNOTATIONS_PATH}: `{function}` of {ABI_TABLE_PATH} has no line"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(member: &str, c_name: &str, status: Status, line: usize) -> Entry {
        Entry {
            member: member.into(),
            c_name: c_name.into(),
            status,
            text: "text".into(),
            line,
        }
    }

    fn uses(pairs: &[(&str, &str)]) -> scan::Uses {
        let mut uses = scan::Uses::new();
        for (member, file) in pairs {
            uses.entry(member.to_string())
                .or_default()
                .insert(file.to_string());
        }
        uses
    }

    #[test]
    fn agreeing_inputs_have_no_problems() {
        let entries = [
            entry("ctx_Dup", "HPy_Dup", Status::Reached, 1),
            entry("ctx_Dump", "_HPy_Dump", Status::RawOnly, 2),
        ];
        let problems = check(
            &["ctx_Dup", "ctx_Dump"],
            &entries,
            &uses(&[("ctx_Dup", "handle.rs")]),
        );
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn reports_every_disagreement() {
        let entries = [
            entry("ctx_Close", "HPy_Close", Status::Reached, 1),
            entry("ctx_Dup", "HPy_Dup", Status::Missing, 2),
            entry("ctx_Gone", "HPy_Gone", Status::Missing, 3),
            entry("ctx_Dup", "HPy_Dup", Status::Reached, 4),
            entry("ctx_Add", "HPy_Plus", Status::Missing, 5),
        ];
        let problems = check(
            &["ctx_Dup", "ctx_Close", "ctx_Add", "ctx_Dump"],
            &entries,
            &uses(&[("ctx_Dup", "handle.rs")]),
        );
        let path = COVERAGE_ANNOTATIONS_PATH;
        assert_eq!(
            problems,
            [
                format!(
                    "{path}:1: `ctx_Close` is annotated `reached` but nothing in hpy/src calls it outside tests; say why no safe API reaches it"
                ),
                format!(
                    "{path}:2: `ctx_Dup` comes before `ctx_Close` in {ABI_TABLE_PATH}; keep the table's order"
                ),
                format!(
                    "{path}:2: `ctx_Dup` is annotated `missing` but hpy/src calls it (handle.rs); annotate it `reached` with the public API that does"
                ),
                format!(
                    "{path}:3: `ctx_Gone` is not a function of the context in {ABI_TABLE_PATH}"
                ),
                format!("{path}:4: `ctx_Dup` is annotated twice (first at line 2)"),
                format!(
                    "{path}:5: `HPy_Plus` is not the C name of `ctx_Add` (`ctx_` + the C name without its `HPy`, `HPy_`, `_HPy` or `_HPy_` prefix)"
                ),
                format!("{path}: `ctx_Dump` of {ABI_TABLE_PATH} has no line"),
            ]
        );
    }
}
