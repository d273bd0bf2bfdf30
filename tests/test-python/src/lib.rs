//! The Python interpreter every test that needs one uses: `$HPY_RS_PYTHON` if set, else the
//! workspace's `.venv/bin/python` (which `./scripts/test.sh` creates with `hpy==0.9.0` and
//! pytest). Without either, tests fail — they never skip.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/test-python is two levels below the workspace root")
        .to_owned()
}

/// The interpreter to test with; panics with instructions if there is none.
pub fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("HPY_RS_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let venv = workspace_root().join(".venv/bin/python");
    assert!(
        venv.exists(),
        "no Python to test with: run the README's test command (./scripts/test.sh), which \
         creates .venv with hpy==0.9.0 and pytest, or set HPY_RS_PYTHON to an interpreter \
         that has them"
    );
    venv
}
