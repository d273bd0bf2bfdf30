//! `build --abi cpython` and `wheel --abi cpython` on `examples/hello`: the extension is
//! `hello<EXT_SUFFIX>`, imported by CPython directly with the `hpy` package made unimportable.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use cargo_hpy::{Abi, BuildOptions};

use crate::support::{
    TempDir, cargo_hpy, hello_crate, hello_debug_build, hello_target_dir, python, run, test_python,
};

/// Imports `hello` with `sys.modules["hpy"] = None` (any import of hpy fails) and prints
/// `add(1, b=2)` and its file.
const IMPORT_WITHOUT_HPY: &str = "import sys; sys.modules['hpy'] = None; import hello; \
                                  print(hello.add(1, b=2)); print(hello.__file__)";

/// `EXT_SUFFIX` and `cp3XY` of the test interpreter.
fn interpreter_facts() -> (String, String) {
    let query = python(
        &test_python(),
        Path::new("/"),
        &[],
        "import sys, sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX')); \
         print('cp%d%d' % sys.version_info[:2])",
    );
    assert_eq!(query.code, Some(0), "{query:?}");
    let mut lines = query.stdout.lines().map(str::to_owned);
    (lines.next().unwrap(), lines.next().unwrap())
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn builds_hello_for_cpython_and_imports_it_without_hpy() {
    let (ext_suffix, _) = interpreter_facts();
    let tmp = TempDir::new("cpython");
    let out = tmp.path().join("out");
    let built = run(
        cargo_hpy(["build", "--debug", "--abi", "cpython", "--python"])
            .arg(test_python())
            .arg(hello_crate())
            .arg("--out")
            .arg(&out)
            .arg("--target-dir")
            .arg(hello_target_dir()),
    );
    assert_eq!(built.code, Some(0), "{built:?}");
    let extension = out.join(format!("hello{ext_suffix}"));
    assert_eq!(
        built.stdout,
        format!(
            "cargo-hpy: wrote module `hello` (CPython ABI): {}\n",
            extension.display()
        )
    );
    assert_eq!(
        names_in(&out),
        [format!("hello{ext_suffix}"), "hello.pyi".into()]
    );
    let imported = python(
        &test_python(),
        tmp.path(),
        &[("PYTHONPATH", out.to_str().unwrap())],
        IMPORT_WITHOUT_HPY,
    );
    assert_eq!(
        (imported.code, imported.stdout),
        (Some(0), format!("3\n{}\n", extension.display())),
        "{}",
        imported.stderr
    );
}

#[test]
fn the_abis_replace_each_others_files_and_keep_their_libraries() {
    let tmp = TempDir::new("abi-switch");
    let universal = hello_debug_build(tmp.path());
    let cpython = BuildOptions {
        abi: Some(Abi::CPython),
        python: Some(test_python()),
        ..universal.clone()
    };
    let first = cargo_hpy::build(&universal).unwrap();
    let second = cargo_hpy::build(&cpython).unwrap();
    assert_eq!(second.abi, Abi::CPython);
    assert_eq!(second.loader, None);
    assert_eq!(second.type_stub, first.type_stub);
    assert_ne!(second.library, first.library);
    let subdir = second.library.strip_prefix(hello_target_dir()).unwrap();
    assert!(
        subdir.to_str().unwrap().starts_with("cpython-3."),
        "{}",
        second.library.display()
    );
    assert_eq!(
        cargo_hpy::find_cpython_module(&second.library).unwrap(),
        "hello"
    );
    let file_name = |path: &PathBuf| path.file_name().unwrap().to_str().unwrap().to_owned();
    assert_eq!(
        names_in(tmp.path()),
        [file_name(&second.extension), "hello.pyi".into()]
    );
    // The universal library is still there, unchanged by the CPython build.
    assert_eq!(cargo_hpy::find_module(&first.library).unwrap(), "hello");
    let third = cargo_hpy::build(&universal).unwrap();
    assert_eq!(third, first);
    assert_eq!(
        names_in(tmp.path()),
        ["hello.hpy0.so", "hello.py", "hello.pyi"]
    );
}

#[test]
fn a_cpython_wheel_is_tagged_for_its_interpreter() {
    let (ext_suffix, tag) = interpreter_facts();
    let tmp = TempDir::new("cpython-wheel");
    let out = tmp.path().join("dist");
    let built = run(cargo_hpy(["wheel", "--debug", "--abi=cpython", "--python"])
        .arg(test_python())
        .arg(hello_crate())
        .arg("--out")
        .arg(&out)
        .arg("--target-dir")
        .arg(hello_target_dir()));
    assert_eq!(built.code, Some(0), "{built:?}");
    let path = PathBuf::from(built.stdout.trim());
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let platform = name
        .strip_prefix(&format!("hello-0.1.0-{tag}-{tag}-"))
        .and_then(|rest| rest.strip_suffix(".whl"))
        .unwrap_or_else(|| panic!("{name}: not tagged {tag}-{tag}"));
    assert!(platform.starts_with("manylinux_2_"), "{name}");

    let mut zip = zip::ZipArchive::new(fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    let extension = format!("hello{ext_suffix}");
    assert_eq!(
        names,
        [
            extension.as_str(),
            "hello.pyi",
            "hello-0.1.0.dist-info/METADATA",
            "hello-0.1.0.dist-info/WHEEL",
            "hello-0.1.0.dist-info/RECORD",
        ]
    );
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    };
    let wheel = String::from_utf8(read("hello-0.1.0.dist-info/WHEEL")).unwrap();
    assert!(
        wheel.ends_with(&format!("Tag: {tag}-{tag}-{platform}\n")),
        "{wheel}"
    );
    let metadata = String::from_utf8(read("hello-0.1.0.dist-info/METADATA")).unwrap();
    assert!(
        metadata.contains("Name: hello\nVersion: 0.1.0\n"),
        "{metadata}"
    );
    assert!(!metadata.contains("Requires-Dist: hpy"), "{metadata}");
    // Unpacked as pip would install it, it imports without hpy.
    let site = tmp.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join(&extension), read(&extension)).unwrap();
    let imported = python(
        &test_python(),
        tmp.path(),
        &[("PYTHONPATH", site.to_str().unwrap())],
        IMPORT_WITHOUT_HPY,
    );
    assert_eq!(imported.code, Some(0), "{imported:?}");
    assert!(imported.stdout.starts_with("3\n"), "{imported:?}");
}

#[test]
fn an_interpreter_without_hpy_is_told_to_install_it() {
    let tmp = TempDir::new("cpython-no-hpy");
    let (venv_python, _) = crate::support::make_venv(&tmp.path().join("venv"));
    let built = run(cargo_hpy(["build", "--abi", "cpython", "--python"])
        .arg(&venv_python)
        .arg(hello_crate())
        .arg("--out")
        .arg(tmp.path().join("out"))
        .arg("--target-dir")
        .arg(hello_target_dir()));
    assert_eq!(built.code, Some(1), "{built:?}");
    let last = built.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!(
            "error: `{}` cannot import hpy.universal (",
            venv_python.display()
        )) && last.ends_with(&format!(
            "install HPy 0.9 with: {} -m pip install hpy==0.9.0",
            venv_python.display()
        )),
        "{built:?}"
    );
}
