//! The errors of `build`, each on a crate made for it.

use std::fs;

use crate::support::{TempDir, cargo_hpy, expect_error, run, write_crate};

const CDYLIB: &str = "[lib]\ncrate-type = [\"cdylib\"]";

#[test]
fn a_missing_crate_directory() {
    let tmp = TempDir::new("missing");
    let missing = tmp.path().join("nope");
    let out = tmp.path().join("out");
    expect_error(
        cargo_hpy(["build"]).arg(&missing).arg("--out").arg(&out),
        &format!("crate directory `{}` does not exist", missing.display()),
    );
    assert!(!out.exists());
}

#[test]
fn a_directory_without_cargo_toml() {
    let tmp = TempDir::new("nomanifest");
    expect_error(
        cargo_hpy(["build"])
            .arg(tmp.path())
            .arg("--out")
            .arg(tmp.path()),
        &format!(
            "`{}` is not a crate directory: it has no Cargo.toml",
            tmp.path().display()
        ),
    );
}

#[test]
fn a_crate_that_is_not_a_cdylib() {
    let tmp = TempDir::new("rlib");
    let krate = tmp.path().join("plain");
    write_crate(&krate, "plain", "", "pub fn f() {}\n");
    let out = tmp.path().join("out");
    expect_error(
        cargo_hpy(["build"]).arg(&krate).arg("--out").arg(&out),
        &format!(
            "crate `plain` is not a cdylib (its library's crate-type is [\"lib\"]); an hpy-rs \
             extension needs `[lib] crate-type = [\"cdylib\"]` in {}",
            krate.join("Cargo.toml").display()
        ),
    );
    assert!(!out.exists());
    assert!(!krate.join("target").exists(), "it built before checking");
}

#[test]
fn a_crate_without_a_library() {
    let tmp = TempDir::new("bin");
    let krate = tmp.path().join("tool");
    write_crate(&krate, "tool", "", "");
    fs::remove_file(krate.join("src/lib.rs")).unwrap();
    fs::write(krate.join("src/main.rs"), "fn main() {}\n").unwrap();
    expect_error(
        cargo_hpy(["build"])
            .arg(&krate)
            .arg("--out")
            .arg(tmp.path()),
        &format!(
            "crate `tool` has no library target; an hpy-rs extension needs \
             `[lib] crate-type = [\"cdylib\"]` in {}",
            krate.join("Cargo.toml").display()
        ),
    );
}

#[test]
fn a_cdylib_without_hpy_module() {
    let tmp = TempDir::new("nomodule");
    let krate = tmp.path().join("nomodule");
    write_crate(
        &krate,
        "nomodule",
        CDYLIB,
        "#[unsafe(no_mangle)]\npub extern \"C\" fn HPyInit_nomodule() {}\n",
    );
    let target = tmp.path().join("target");
    let out = tmp.path().join("out");
    expect_error(
        cargo_hpy(["build", "--debug"])
            .arg(&krate)
            .arg("--out")
            .arg(&out)
            .arg("--target-dir")
            .arg(&target),
        &format!(
            "no #[hpy::module] in `{}`: it exports no `get_required_hpy_major_version_<name>` \
             symbol",
            target.join("debug/libnomodule.so").display()
        ),
    );
    assert!(!out.exists());
}

#[test]
fn a_cdylib_with_two_modules() {
    let tmp = TempDir::new("twomodules");
    let krate = tmp.path().join("two");
    let mut lib_rs = String::from("#![allow(non_snake_case)]\n");
    for name in ["b", "a"] {
        for prefix in [
            "get_required_hpy_major_version_",
            "get_required_hpy_minor_version_",
            "HPyInitGlobalContext_",
            "HPyInit_",
        ] {
            lib_rs.push_str(&format!(
                "#[unsafe(no_mangle)]\npub extern \"C\" fn {prefix}{name}() {{}}\n"
            ));
        }
    }
    write_crate(&krate, "two", CDYLIB, &lib_rs);
    let target = tmp.path().join("target");
    expect_error(
        cargo_hpy(["build", "--debug"])
            .arg(&krate)
            .arg("--out")
            .arg(tmp.path().join("out"))
            .arg("--target-dir")
            .arg(&target),
        &format!(
            "`{}` contains 2 modules (`a`, `b`), but a library can hold only one #[hpy::module]",
            target.join("debug/libtwo.so").display()
        ),
    );
}

#[test]
fn a_crate_that_does_not_compile() {
    let tmp = TempDir::new("broken");
    let krate = tmp.path().join("broken");
    write_crate(
        &krate,
        "broken",
        CDYLIB,
        "pub fn f() -> u8 { \"not a u8\" }\n",
    );
    let run = run(cargo_hpy(["build", "--debug"])
        .arg(&krate)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .arg("--target-dir")
        .arg(tmp.path().join("target")));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.contains("error[E0308]: mismatched types"),
        "cargo's diagnostics reach the user: {run:?}"
    );
    assert!(
        run.stderr
            .ends_with("error: `cargo build` failed (exit status: 101)\n"),
        "{run:?}"
    );
}
