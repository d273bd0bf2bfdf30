//! `new` and `init`: the project's files, and refusing to overwrite anything. (That the
//! project builds with pip and its tests pass is checked by tests/wheels/check_wheels.py.)

use std::fs;

use crate::support::{TempDir, cargo_hpy, expect_error, run};

#[test]
fn new_writes_a_project_and_never_overwrites_one() {
    let tmp = TempDir::new("new");
    let dir = tmp.path().join("my_ext");
    let created = run(cargo_hpy(["new"]).arg(&dir).args(["--hpy-version", "0.1"]));
    assert_eq!(created.code, Some(0), "{created:?}");
    assert_eq!(
        created.stdout,
        format!(
            "cargo-hpy: created the extension project {}\n",
            dir.display()
        )
    );
    for file in [
        "Cargo.toml",
        "pyproject.toml",
        "src/lib.rs",
        "tests/test_my_ext.py",
        ".gitignore",
        "README.md",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"my_ext\"\n"), "{manifest}");
    assert!(manifest.contains("hpy = \"0.1\"\n"), "{manifest}");
    assert!(
        fs::read_to_string(dir.join("src/lib.rs"))
            .unwrap()
            .contains("mod my_ext {")
    );

    expect_error(
        cargo_hpy(["new"]).arg(&dir),
        &format!(
            "cannot create a project in `{}`: it already exists (`cargo hpy init` fills an \
             existing directory)",
            dir.display()
        ),
    );
    expect_error(
        cargo_hpy(["init"]).arg(&dir),
        &format!(
            "cannot create a project in `{}`: it already has a Cargo.toml",
            dir.display()
        ),
    );
    let bad = tmp.path().join("My-Ext");
    expect_error(
        cargo_hpy(["new"]).arg(&bad),
        &format!(
            "cannot create a project in `{}`: `My-Ext` cannot name a module: use lowercase \
             letters, digits and `_`, not first a digit",
            bad.display()
        ),
    );
    assert!(!bad.exists());
}
