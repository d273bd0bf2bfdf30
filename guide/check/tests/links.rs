//! The guide's links, offline: every chapter file is in `SUMMARY.md` and every entry there
//! exists; every link between chapters reaches an existing chapter and heading; every link to a
//! file of the repository (`https://github.com/hpy-rs/hpy-rs/blob/main/<path>`) names a file or
//! folder that exists; every `{{#include file:anchor}}` names an existing file and anchor (or
//! line); and a Rust block is `ignore`d only to show an included file, which is compiled and
//! tested elsewhere, or PyO3 code, which this workspace does not build. External links are not
//! fetched.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The first line of an `ignore`d Rust block of PyO3 code (the porting chapter's), which this
/// workspace does not build.
const PYO3_MARK: &str = "// PyO3";

/// Where links to the repository's own files start.
const REPOSITORY: &str = "https://github.com/hpy-rs/hpy-rs/";

fn guide_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Markdown extensions mdbook turns on.
fn parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(text, options)
}

/// A chapter: its links, its headings' ids (as mdbook makes them) and its code blocks.
#[derive(Default)]
struct Chapter {
    links: Vec<String>,
    ids: BTreeSet<String>,
    /// Each fenced code block: its info string and its text.
    code: Vec<(String, String)>,
}

/// mdbook's id for a heading (`id_from_content` and `unique_id` in mdbook-html): the text
/// trimmed and lowercased, alphanumerics, `_` and `-` kept, whitespace as `-`, the rest dropped;
/// an id already used gets `-1`, `-2`, … appended.
fn heading_id(text: &str, used: &mut BTreeSet<String>) -> String {
    let id: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    if used.insert(id.clone()) {
        return id;
    }
    (1..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .expect("an unused suffix")
}

fn read_chapter(text: &str) -> Chapter {
    let mut chapter = Chapter::default();
    let mut seen = BTreeSet::new();
    let mut heading: Option<String> = None;
    let mut code: Option<(String, String)> = None;
    for event in parser(text) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                chapter.links.push(dest_url.to_string());
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().expect("a heading ends after it starts");
                chapter.ids.insert(heading_id(&text, &mut seen));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                chapter
                    .code
                    .push(code.take().expect("a block ends after it starts"));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&t);
                }
            }
            _ => {}
        }
    }
    chapter
}

/// The chapter files `SUMMARY.md` lists, in order.
fn summary_chapters() -> Vec<String> {
    let summary = std::fs::read_to_string(guide_src().join("SUMMARY.md")).expect("SUMMARY.md");
    read_chapter(&summary).links
}

fn chapter_files() -> BTreeSet<String> {
    std::fs::read_dir(guide_src())
        .expect("guide/src")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .filter(|name| name.ends_with(".md") && name != "SUMMARY.md")
        .collect()
}

#[test]
fn every_chapter_is_in_the_summary_and_every_entry_exists() {
    let listed = summary_chapters();
    let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(
        listed.len(),
        listed_set.len(),
        "a chapter listed twice in SUMMARY.md"
    );
    assert_eq!(
        listed_set,
        chapter_files(),
        "SUMMARY.md and the files of guide/src differ"
    );
}

/// Every `{{#include path}}` / `{{#rustdoc_include path:anchor}}` in `text`.
fn includes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let end = rest[start..]
            .find("}}")
            .expect("an unterminated {{# directive")
            + start;
        found.push(rest[start + 3..end].trim().to_string());
        rest = &rest[end + 2..];
    }
    found
}

/// Whether a line of `text` has `marker` followed by the name `anchor`, as mdbook reads anchors
/// (`ANCHOR:\s*[\w_-]+`: in any comment syntax, with anything after the name).
fn has_anchor(text: &str, marker: &str, anchor: &str) -> bool {
    text.lines().any(|line| {
        line.match_indices(marker).any(|(at, _)| {
            let name: String = line[at + marker.len()..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            name == anchor
        })
    })
}

/// Checks one include directive of the chapter `name`; returns what is wrong with it.
fn check_include(name: &str, directive: &str) -> Option<String> {
    let Some(arg) = directive
        .strip_prefix("include ")
        .or_else(|| directive.strip_prefix("rustdoc_include "))
    else {
        return Some(format!("{name}: unknown directive {{{{#{directive}}}}}"));
    };
    let (path, anchor) = match arg.trim().split_once(':') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (arg.trim(), None),
    };
    let Ok(text) = std::fs::read_to_string(guide_src().join(path)) else {
        return Some(format!("{name}: included file {path} does not exist"));
    };
    let anchor = anchor?;
    if anchor.chars().all(|c| c.is_ascii_digit() || c == ':') {
        // A line range, `start:end` (either may be empty): it must start inside the file.
        let start: usize = anchor
            .split(':')
            .next()
            .unwrap_or_default()
            .parse()
            .unwrap_or(1);
        return (start > text.lines().count())
            .then(|| format!("{name}: {path} has no line {start}"));
    }
    if !has_anchor(&text, "ANCHOR:", anchor) || !has_anchor(&text, "ANCHOR_END:", anchor) {
        return Some(format!("{name}: {path} has no anchor `{anchor}`"));
    }
    None
}

/// Checks one link of the chapter `name`; returns what is wrong with it.
fn check_link(name: &str, link: &str, chapters: &BTreeMap<String, Chapter>) -> Option<String> {
    if let Some(path) = link.strip_prefix(REPOSITORY) {
        let path = path.split('#').next().unwrap_or_default();
        let Some(path) = path
            .strip_prefix("blob/main/")
            .or_else(|| path.strip_prefix("tree/main/"))
        else {
            return Some(format!(
                "{name}: {link} is not a blob/main or tree/main link"
            ));
        };
        return (!repository_root().join(path).exists())
            .then(|| format!("{name}: {link}: {path} is not in the repository"));
    }
    if link.starts_with("https://") || link.starts_with("http://") {
        return None;
    }
    let (file, anchor) = match link.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor)),
        None => (link, None),
    };
    let target = if file.is_empty() { name } else { file };
    let Some(chapter) = chapters.get(target) else {
        return Some(format!(
            "{name}: {link} is neither a chapter nor a link to the repository ({REPOSITORY}blob/main/...)"
        ));
    };
    match anchor {
        Some(anchor) if !chapter.ids.contains(anchor) => Some(format!(
            "{name}: {link}: {target} has no heading `#{anchor}`"
        )),
        _ => None,
    }
}

#[test]
fn links_includes_and_ignored_blocks_resolve() {
    let chapters: BTreeMap<String, Chapter> = chapter_files()
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(guide_src().join(&name)).expect("a chapter");
            (name, read_chapter(&text))
        })
        .collect();
    let mut problems = Vec::new();
    for (name, chapter) in &chapters {
        let text = std::fs::read_to_string(guide_src().join(name)).expect("a chapter");
        problems.extend(
            includes(&text)
                .iter()
                .filter_map(|d| check_include(name, d)),
        );
        problems.extend(
            chapter
                .links
                .iter()
                .filter_map(|l| check_link(name, l, &chapters)),
        );
        for (info, body) in &chapter.code {
            let ignored = info.split(',').any(|attr| attr.trim() == "ignore");
            let only_includes = body
                .lines()
                .all(|l| l.trim().is_empty() || l.trim().starts_with("{{#"));
            let pyo3 = body.starts_with(PYO3_MARK);
            if info.starts_with("rust") && ignored && !only_includes && !pyo3 {
                problems.push(format!(
                    "{name}: an `ignore`d Rust block that is neither an {{{{#include}}}} of tested code nor PyO3 code (`{PYO3_MARK}` first):\n{body}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn heading_ids_are_mdbooks() {
    let mut seen = BTreeSet::new();
    assert_eq!(
        heading_id("Errors and panics", &mut seen),
        "errors-and-panics"
    );
    assert_eq!(
        heading_id("`&self`, `&mut self`!", &mut seen),
        "self-mut-self"
    );
    assert_eq!(
        heading_id("Errors and panics", &mut seen),
        "errors-and-panics-1"
    );
}
