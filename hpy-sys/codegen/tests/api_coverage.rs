//! `docs/api-coverage.md` tells the truth: its annotations name every function of the
//! context in the ABI table and no other, `reached` exactly the ones `hpy/src` calls
//! outside its tests, and the committed document is what the generator makes of them.

use std::path::{Path, PathBuf};

use hpy_sys_codegen::{COVERAGE_PATH, REGENERATE_COMMAND, coverage};

fn workspace_root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

#[test]
fn committed_table_matches_the_abi_and_the_code() {
    let root = workspace_root();
    let file = coverage(&root).unwrap_or_else(|e| panic!("{e}"));
    let committed = std::fs::read_to_string(root.join(COVERAGE_PATH))
        .unwrap_or_else(|e| panic!("cannot read {COVERAGE_PATH}: {e}"));
    if committed != file.contents {
        let first = committed
            .lines()
            .zip(file.contents.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(committed.lines().count().min(file.contents.lines().count()));
        panic!(
            "{COVERAGE_PATH} is out of date (first difference at line {}:\n    committed: {:?}\n    generated: {:?});\nrun `{REGENERATE_COMMAND}`",
            first + 1,
            committed.lines().nth(first).unwrap_or("<end of file>"),
            file.contents.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}
