//! `cargo run -p hpy-sys-codegen [-- --check]`: regenerates every file from the ABI
//! table, or with `--check` lists the files that differ and exits with status 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

use hpy_sys_codegen::{ABI_TABLE_PATH, REGENERATE_COMMAND, generate};

fn main() -> ExitCode {
    let check = match env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("usage: {REGENERATE_COMMAND} [-- --check]");
            return ExitCode::from(2);
        }
    };
    match run(&workspace_root(), check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `hpy-sys/codegen/../..`
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes (or with `check`, compares) every file. `Ok(false)`: some file differs.
fn run(root: &Path, check: bool) -> Result<bool, String> {
    let table = root.join(ABI_TABLE_PATH);
    let source = fs::read_to_string(&table).map_err(|e| format!("{}: {e}", table.display()))?;
    let files = generate(&source).map_err(|e| format!("{ABI_TABLE_PATH}: {e}"))?;
    let mut stale = Vec::new();
    for file in &files {
        let path = root.join(file.path);
        if fs::read_to_string(&path).ok().as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        stale.push(file.path);
        if !check {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    if check {
        for path in &stale {
            eprintln!("out of date: {path}");
        }
        if !stale.is_empty() {
            eprintln!("run `{REGENERATE_COMMAND}` to regenerate");
        }
        return Ok(stale.is_empty());
    }
    println!("{} files generated, {} changed", files.len(), stale.len());
    for path in &stale {
        println!("  wrote {path}");
    }
    Ok(true)
}
