//! `cargo run -p hpy-sys-codegen [-- --check]`: regenerates every file from the ABI
//! table (and the API coverage table from its annotations and `hpy/src`), or with
//! `--check` lists the files that differ and exits with status 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

use hpy_sys_codegen::{REGENERATE_COMMAND, coverage, generate_from};

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

/// Writes (or with `check`, compares) every file. `Ok(false)`: some file differs. When the
/// coverage annotations disagree with their inputs, the other files are still written, and
/// then the disagreements are the error.
fn run(root: &Path, check: bool) -> Result<bool, String> {
    let mut files = generate_from(root)?;
    let coverage = coverage(root);
    if let Ok(file) = &coverage {
        files.push(file.clone());
    }
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
    coverage?;
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
