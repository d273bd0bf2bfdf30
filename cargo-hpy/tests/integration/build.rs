//! `build` on `examples/hello`, then importing the result in each HPy mode.

use std::fs;

use cargo_hpy::loader_stub;

use crate::support::{
    TempDir, cargo_hpy, hello_crate, hello_debug_build, hello_target_dir, python, run, test_python,
};

const ADD: &str = "import hello; print(hello.add(1, 2)); print(hello.__file__)";

#[test]
fn builds_hello_and_imports_it_in_universal_and_debug_mode() {
    let python_path = test_python();
    let tmp = TempDir::new("build");
    let out = tmp.path().join("out/nested");
    let built = run(cargo_hpy(["build", "--debug"])
        .arg(hello_crate())
        .arg("--out")
        .arg(&out)
        .arg("--target-dir")
        .arg(hello_target_dir()));
    assert_eq!(built.code, Some(0), "{built:?}");
    let extension = out.join("hello.hpy0.so");
    let loader = out.join("hello.py");
    assert_eq!(
        built.stdout,
        format!(
            "cargo-hpy: wrote module `hello`: {} and {}\n",
            extension.display(),
            loader.display()
        )
    );
    assert_eq!(fs::read_to_string(&loader).unwrap(), loader_stub("hello"));
    assert!(fs::metadata(&extension).unwrap().len() > 0);
    let mut names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["hello.hpy0.so", "hello.py", "hello.pyi"]);
    let stub = fs::read_to_string(out.join("hello.pyi")).unwrap();
    assert!(
        stub.contains("\ndef add(a: int, b: int = 0) -> int: ...\n"),
        "{stub}"
    );

    let out_str = out.to_str().unwrap();
    let universal = "Loading 'hello' in HPy universal mode\n";
    let debug = "Loading 'hello' in HPy universal mode with a debug context\n";
    for (mode, log) in [
        ("universal", universal),
        ("debug", debug),
        ("hello:debug", debug),
        ("hello:universal", universal),
    ] {
        let env = [("PYTHONPATH", out_str), ("HPY", mode), ("HPY_LOG", "1")];
        let imported = python(&python_path, tmp.path(), &env, ADD);
        assert_eq!(
            (imported.code, imported.stdout.as_str()),
            (
                Some(0),
                format!("{log}3\n{}\n", extension.display()).as_str()
            ),
            "HPY={mode}: {imported:?}"
        );
    }
    // Without HPY, universal mode.
    let imported = python(&python_path, tmp.path(), &[("PYTHONPATH", out_str)], ADD);
    assert_eq!(
        imported.stdout,
        format!("3\n{}\n", extension.display()),
        "{imported:?}"
    );
}

#[test]
fn the_library_api_builds_and_replaces_previous_output() {
    let tmp = TempDir::new("api");
    let options = hello_debug_build(tmp.path());
    fs::write(tmp.path().join("hello.py"), "stale").unwrap();
    fs::write(tmp.path().join("hello.hpy0.so"), "stale").unwrap();
    fs::write(tmp.path().join("hello.pyi"), "stale").unwrap();
    let first = cargo_hpy::build(&options).unwrap();
    assert_eq!(first.module, "hello");
    assert_eq!(first.extension, tmp.path().join("hello.hpy0.so"));
    assert_eq!(first.loader, Some(tmp.path().join("hello.py")));
    assert_eq!(first.abi, cargo_hpy::Abi::Universal);
    let stub = tmp.path().join("hello.pyi");
    assert_eq!(first.type_stub.as_ref(), Some(&stub));
    assert_eq!(
        Some(fs::read_to_string(&stub).unwrap()),
        cargo_hpy::read_type_stub(&first.library, "hello").unwrap()
    );
    assert_eq!(cargo_hpy::find_module(&first.library).unwrap(), "hello");
    assert_eq!(
        fs::read(&first.extension).unwrap(),
        fs::read(&first.library).unwrap()
    );
    assert_eq!(
        fs::read_to_string(first.loader.as_ref().unwrap()).unwrap(),
        loader_stub("hello")
    );
    let before = inode(&first.extension);
    let second = cargo_hpy::build(&options).unwrap();
    assert_eq!(second, first);
    // A new file took the name: a process that has the old one mapped keeps it intact.
    assert_ne!(inode(&second.extension), before);
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 3);
}

#[cfg(unix)]
fn inode(path: &std::path::Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap())
}
