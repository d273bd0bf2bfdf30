//! Unit tests of the ABI choice and of the files each ABI writes.

use super::*;

fn cpython_311() -> Target {
    Target::CPython(CPython {
        python: PathBuf::from("/venv/bin/python"),
        version: (3, 11),
        ext_suffix: ".cpython-311-x86_64-linux-gnu.so".into(),
    })
}

#[test]
fn names_parse_and_print() {
    for abi in [Abi::Universal, Abi::CPython] {
        assert_eq!(abi.name().parse::<Abi>(), Ok(abi));
        assert_eq!(abi.to_string(), abi.name());
    }
    assert_eq!(
        "abi3".parse::<Abi>().unwrap_err(),
        "unknown ABI `abi3`: expected `universal` or `cpython`"
    );
}

#[test]
fn the_command_line_overrides_pyproject() {
    assert_eq!(Abi::choose(None, None), Abi::Universal);
    assert_eq!(Abi::choose(None, Some(Abi::CPython)), Abi::CPython);
    assert_eq!(
        Abi::choose(Some(Abi::Universal), Some(Abi::CPython)),
        Abi::Universal
    );
    assert_eq!(Abi::choose(Some(Abi::CPython), None), Abi::CPython);
}

#[test]
fn each_abi_names_its_extension() {
    assert_eq!(Target::Universal.extension_name("m"), "m.hpy0.so");
    let cpython = cpython_311();
    assert_eq!(
        cpython.extension_name("m"),
        "m.cpython-311-x86_64-linux-gnu.so"
    );
    assert_eq!(cpython.abi(), Abi::CPython);
    let Target::CPython(info) = &cpython else {
        unreachable!()
    };
    assert_eq!(info.tag(), "cp311");
    assert_eq!(info.target_subdir(), "cpython-3.11");
}

#[test]
fn the_other_abis_files_are_stale() {
    let dir = std::env::temp_dir().join(format!("cargo-hpy-abi-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write("m.hpy0.so", "");
    write("m.py", &crate::loader_stub("m"));
    write("m.pyi", "");
    write("m.cpython-311-x86_64-linux-gnu.so", "");
    write("m.cpython-312-x86_64-linux-gnu.so", "");
    write("mm.cpython-311-x86_64-linux-gnu.so", "");
    let cpython = cpython_311();
    assert_eq!(
        cpython.stale_files(&dir, "m"),
        [dir.join("m.hpy0.so"), dir.join("m.py")]
    );
    assert_eq!(
        Target::Universal.stale_files(&dir, "m"),
        [
            dir.join("m.cpython-311-x86_64-linux-gnu.so"),
            dir.join("m.cpython-312-x86_64-linux-gnu.so")
        ]
    );
    // A Python source of that name is not a loader stub: it stays.
    write("m.py", "print('mine')\n");
    assert_eq!(cpython.stale_files(&dir, "m"), [dir.join("m.hpy0.so")]);
    cpython.remove_stale_files(&dir, "m").unwrap();
    assert!(!dir.join("m.hpy0.so").exists());
    assert!(dir.join("m.py").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
