//! Writes `$OUT_DIR/chapters.rs`, which `src/lib.rs` includes: one module per chapter listed in
//! `guide/src/SUMMARY.md`, documented by the chapter itself, so `cargo test --doc` compiles
//! (and runs) every Rust snippet of every chapter, and a new chapter is checked without editing
//! anything.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let src = manifest_dir
        .join("../src")
        .canonicalize()
        .expect("guide/src exists");
    let summary = src.join("SUMMARY.md");
    println!("cargo::rerun-if-changed={}", summary.display());
    let text = std::fs::read_to_string(&summary).expect("guide/src/SUMMARY.md");
    let mut out = String::new();
    for chapter in chapters(&text) {
        let path = src.join(&chapter);
        println!("cargo::rerun-if-changed={}", path.display());
        let name: String = chapter
            .trim_end_matches(".md")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        writeln!(
            out,
            "#[doc = include_str!({:?})]\npub mod {name} {{}}\n",
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out_dir.join("chapters.rs"), out).expect("writing chapters.rs");
}

/// The chapter files `SUMMARY.md` links to (`[Title](file.md)`), in order.
fn chapters(summary: &str) -> Vec<String> {
    summary
        .lines()
        .filter_map(|line| {
            let start = line.find("](")? + 2;
            let end = start + line[start..].find(')')?;
            Some(line[start..end].to_string())
        })
        .filter(|target| target.ends_with(".md"))
        .collect()
}
