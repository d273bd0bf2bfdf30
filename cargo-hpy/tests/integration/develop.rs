//! `develop`: finding the interpreter, checking its HPy, installing into its site-packages.

use std::fs;

use crate::support::{
    TempDir, cargo_hpy, expect_error, hello_crate, hello_target_dir, make_venv,
    make_venv_with_test_packages, purelib, python, run, test_python,
};

#[test]
fn without_an_interpreter() {
    expect_error(
        cargo_hpy(["develop"]).arg(hello_crate()),
        "no Python interpreter to develop into: activate a virtualenv (VIRTUAL_ENV is not set) \
         or pass --python <interpreter>",
    );
}

#[test]
fn with_a_virtualenv_that_has_no_interpreter() {
    let tmp = TempDir::new("novenv");
    expect_error(
        cargo_hpy(["develop"])
            .arg(hello_crate())
            .env("VIRTUAL_ENV", tmp.path()),
        &format!(
            "VIRTUAL_ENV is `{0}`, but `{0}/bin/python` does not exist: activate a working \
             virtualenv or pass --python <interpreter>",
            tmp.path().display()
        ),
    );
}

#[test]
fn with_an_interpreter_that_does_not_exist() {
    let run = run(cargo_hpy(["develop"])
        .arg(hello_crate())
        .args(["--python", "/nonexistent/python3"]));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr
            .starts_with("error: cannot run `/nonexistent/python3`: "),
        "{run:?}"
    );
}

#[test]
fn with_an_interpreter_without_hpy() {
    let tmp = TempDir::new("nohpy");
    let (venv_python, _) = make_venv(&tmp.path().join("venv"));
    expect_error(
        cargo_hpy(["develop"])
            .arg(hello_crate())
            .arg("--python")
            .arg(&venv_python),
        &format!(
            "`{0}` cannot import hpy.universal (ModuleNotFoundError: No module named 'hpy'); \
             install HPy 0.9 with: {0} -m pip install hpy==0.9.0",
            venv_python.display()
        ),
    );
}

#[test]
fn with_another_hpy_version() {
    let tmp = TempDir::new("oldhpy");
    let (venv_python, site_packages) = make_venv(&tmp.path().join("venv"));
    let hpy = site_packages.join("hpy");
    fs::create_dir_all(hpy.join("devel")).unwrap();
    fs::write(hpy.join("__init__.py"), "").unwrap();
    fs::write(hpy.join("universal.py"), "").unwrap();
    fs::write(hpy.join("devel/__init__.py"), "").unwrap();
    fs::write(hpy.join("devel/version.py"), "__version__ = '0.8.0'\n").unwrap();
    expect_error(
        cargo_hpy(["develop"])
            .arg(hello_crate())
            .arg("--python")
            .arg(&venv_python),
        &format!(
            "`{0}` has hpy 0.8.0, but hpy-rs needs hpy 0.9.x; install it with: \
             {0} -m pip install hpy==0.9.0",
            venv_python.display()
        ),
    );
    assert!(!site_packages.join("hello.py").exists());
}

/// A fresh virtualenv sees the test interpreter's hpy 0.9.0 and pip through a `.pth` file (no
/// network needed); `develop` installs `hello` into the virtualenv's own site-packages with
/// that pip, editable: `pip show` knows it, a rebuild is picked up, `pip uninstall` removes it.
#[test]
fn installs_into_the_active_virtualenv() {
    let tmp = TempDir::new("develop");
    let venv = tmp.path().join("venv");
    let (venv_python, site_packages) = make_venv_with_test_packages(&venv);
    let before: Vec<_> = listing(&site_packages);

    let developed = run(cargo_hpy(["develop", "--debug"])
        .arg(hello_crate())
        .arg("--target-dir")
        .arg(hello_target_dir())
        .env("VIRTUAL_ENV", &venv));
    assert_eq!(developed.code, Some(0), "{developed:?}");
    let module_dir = hello_target_dir().join("hpy-editable/hello");
    let module_dir = fs::canonicalize(module_dir).unwrap();
    assert_eq!(
        developed.stdout,
        format!(
            "cargo-hpy: installed module `hello` for {} (hpy 0.9.0), editable: built into {}\n",
            venv_python.display(),
            module_dir.display()
        )
    );
    let extension = module_dir.join("hello.hpy0.so");
    let imported = python(
        &venv_python,
        tmp.path(),
        &[("HPY", "debug")],
        "import hello; print(hello.add(40, 2)); print(hello.__file__)",
    );
    assert_eq!(
        imported.stdout,
        format!("42\n{}\n", extension.display()),
        "{imported:?}"
    );
    let shown = run(std::process::Command::new(&venv_python).args(["-m", "pip", "show", "hello"]));
    assert!(shown.stdout.contains("Name: hello\n"), "{shown:?}");
    assert!(
        shown
            .stdout
            .contains(&format!("Location: {}\n", site_packages.display())),
        "{shown:?}"
    );
    // The test interpreter itself did not get it.
    assert!(!purelib(&test_python()).join("_hello_editable.pth").exists());

    // `--python` works the same, and installs it again over the first.
    let again = run(cargo_hpy(["develop", "--debug"])
        .arg(hello_crate())
        .arg("--python")
        .arg(&venv_python)
        .arg("--target-dir")
        .arg(hello_target_dir()));
    assert_eq!(again.stdout, developed.stdout, "{again:?}");

    let removed = run(std::process::Command::new(&venv_python).args([
        "-m",
        "pip",
        "uninstall",
        "-y",
        "hello",
    ]));
    assert_eq!(removed.code, Some(0), "{removed:?}");
    assert_eq!(
        listing(&site_packages),
        before,
        "pip uninstall left files behind"
    );
}

/// The names in `dir`, sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn installs_a_cpython_abi_build_for_the_interpreter() {
    let tmp = TempDir::new("develop-cpython");
    let venv = tmp.path().join("venv");
    // hpy (and pip) from the test interpreter: the build needs its headers, not the module.
    let (venv_python, _) = make_venv_with_test_packages(&venv);
    let developed = run(cargo_hpy(["develop", "--debug", "--abi", "cpython"])
        .arg(hello_crate())
        .arg("--target-dir")
        .arg(hello_target_dir())
        .env("VIRTUAL_ENV", &venv));
    assert_eq!(developed.code, Some(0), "{developed:?}");
    let imported = python(
        &venv_python,
        tmp.path(),
        &[],
        "import sys, sysconfig; sys.modules['hpy'] = None; import hello; \
         print(hello.add(40, 2)); \
         print(hello.__file__.endswith(sysconfig.get_config_var('EXT_SUFFIX')))",
    );
    assert_eq!(imported.stdout, "42\nTrue\n", "{imported:?}");
    let module_dir = fs::canonicalize(hello_target_dir().join("hpy-editable")).unwrap();
    let listed: Vec<String> = fs::read_dir(&module_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("hello-cpython-3."))
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        developed.stdout.contains(&listed[0]),
        "{}: {developed:?}",
        listed[0]
    );
}
