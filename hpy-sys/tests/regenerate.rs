//! The committed generated files are exactly what the generator makes of the table,
//! and they are already formatted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hpy_sys_codegen::{GeneratedFile, REGENERATE_COMMAND, generate_from};

fn workspace_root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).to_path_buf()
}

fn generated_files() -> Vec<GeneratedFile> {
    generate_from(&workspace_root()).unwrap_or_else(|e| panic!("{e}"))
}

/// Where `old` and `new` first differ, in a few lines.
fn describe_difference(old: &str, new: &str) -> String {
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.lines().collect(), new.lines().collect());
    let first = old_lines.iter().zip(&new_lines).position(|(a, b)| a != b);
    let first = first.unwrap_or(old_lines.len().min(new_lines.len()));
    format!(
        "{} lines committed, {} generated; first difference at line {}:\n    committed: {:?}\n    generated: {:?}",
        old_lines.len(),
        new_lines.len(),
        first + 1,
        old_lines.get(first).unwrap_or(&"<end of file>"),
        new_lines.get(first).unwrap_or(&"<end of file>"),
    )
}

#[test]
fn committed_files_match_the_table() {
    let root = workspace_root();
    let mut problems = Vec::new();
    for file in generated_files() {
        match std::fs::read_to_string(root.join(file.path)) {
            Ok(committed) if committed == file.contents => {}
            Ok(committed) => problems.push(format!(
                "{}: {}",
                file.path,
                describe_difference(&committed, &file.contents)
            )),
            Err(e) => problems.push(format!("{}: cannot read it: {e}", file.path)),
        }
    }
    assert!(
        problems.is_empty(),
        "generated files are out of date with their tables; run `{REGENERATE_COMMAND}`.\n{}",
        problems.join("\n")
    );
}

#[test]
fn generated_rust_is_rustfmt_clean() {
    let rustfmt = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_string());
    let mut problems = Vec::new();
    for file in generated_files().iter().filter(|f| f.path.ends_with(".rs")) {
        let mut child = Command::new(&rustfmt)
            .args(["--edition", "2024", "--check"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run `{rustfmt}` (`rustup component add rustfmt`): {e}")
            });
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin
            .write_all(file.contents.as_bytes())
            .expect("write to rustfmt");
        drop(stdin);
        let output = child.wait_with_output().expect("wait for rustfmt");
        if !output.status.success() {
            problems.push(format!(
                "{}:\n{}",
                file.path,
                String::from_utf8_lossy(&output.stdout)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the generator writes Rust that rustfmt would change; make the emitter write rustfmt's layout:\n{}",
        problems.join("\n")
    );
}
