//! Unit tests of finding the module, on symbol sets and on ELF files written for them.

use super::*;
use object::Endianness;

use crate::elf_fixture::{Symbol, elf_library};

fn exports(name: &str) -> Vec<String> {
    [MAJOR_VERSION]
        .iter()
        .chain(&REQUIRED)
        .map(|prefix| format!("{prefix}{name}"))
        .collect()
}

fn set(names: &[String]) -> BTreeSet<String> {
    names.iter().cloned().collect()
}

fn message(result: Result<String, Error>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn one_complete_module() {
    let mut symbols = exports("hello");
    symbols.push("rust_begin_unwind".into());
    symbols.push("get_required_hpy_major_version_".into());
    symbols.push("get_required_hpy_major_version_not-a-name".into());
    assert_eq!(
        module_in(Path::new("x.so"), &set(&symbols)).unwrap(),
        "hello"
    );
}

#[test]
fn no_module() {
    let symbols = set(&["HPyInit_hello".into(), "main".into()]);
    assert_eq!(
        message(module_in(Path::new("/t/libx.so"), &symbols)),
        "no #[hpy::module] in `/t/libx.so`: it exports no \
         `get_required_hpy_major_version_<name>` symbol"
    );
}

#[test]
fn two_modules() {
    let symbols = [exports("b"), exports("a")].concat();
    assert_eq!(
        message(module_in(Path::new("l.so"), &set(&symbols))),
        "`l.so` contains 2 modules (`a`, `b`), but a library can hold only one #[hpy::module]"
    );
}

#[test]
fn incomplete_module() {
    let symbols = set(&exports("m")[..2]);
    assert_eq!(
        message(module_in(Path::new("l.so"), &symbols)),
        "`l.so` exports `get_required_hpy_major_version_m` but not `HPyInitGlobalContext_m`, \
         `HPyInit_m`: it was not built by hpy-rs's #[hpy::module]"
    );
}

#[test]
fn scans_nul_delimited_names() {
    let data = b"\x01\x00_HPyInit_m\x00get_required\x00with space\x00\x00tail";
    let names: Vec<String> = scan_names(data).into_iter().collect();
    assert_eq!(names, ["HPyInit_m", "_HPyInit_m", "get_required"]);
}

#[test]
fn reads_the_defined_global_dynamic_symbols_in_every_class_and_byte_order() {
    let symbols = [
        ("local", true, false),
        ("HPyInit_m", true, true),
        ("imported", false, true),
        ("get_required_hpy_major_version_m", true, true),
    ];
    for is_64 in [false, true] {
        for endian in [Endianness::Little, Endianness::Big] {
            let file = elf_library(is_64, endian, &symbols, &[0xc3; 16]);
            let names: Vec<String> = elf_exports(&file).unwrap().into_iter().collect();
            assert_eq!(
                names,
                ["HPyInit_m", "get_required_hpy_major_version_m"],
                "is_64: {is_64}, {endian:?}"
            );
        }
    }
}

#[test]
fn finds_the_module_of_elf_and_other_files() {
    let dir = std::env::temp_dir().join(format!("cargo-hpy-symbols-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let names = exports("m");
    let mut symbols: Vec<Symbol<'_>> = names.iter().map(|n| (n.as_str(), true, true)).collect();
    symbols.push(("HPyInit_other", false, true)); // imported, not defined
    let elf = dir.join("libm.so");
    let elf_data = elf_library(true, Endianness::Little, &symbols, &[0xc3; 16]);
    fs::write(&elf, &elf_data).unwrap();
    assert_eq!(find_module(&elf).unwrap(), "m");

    let macho = dir.join("libm.dylib");
    let mut data = b"\xcf\xfa\xed\xfe\x00".to_vec();
    for name in &names {
        data.extend(format!("_{name}\0").as_bytes());
    }
    fs::write(&macho, data).unwrap();
    assert_eq!(find_module(&macho).unwrap(), "m");

    let malformed = dir.join("bad.so");
    for (data, detail) in [
        (&b"\x7fELF\x02\x01"[..], "Could not read file magic"),
        (
            &elf_data[..elf_data.len() - 1],
            "Invalid ELF section header offset/size/alignment",
        ),
    ] {
        fs::write(&malformed, data).unwrap();
        assert_eq!(
            message(find_module(&malformed)),
            format!(
                "`{}` is not a valid shared library: {detail}",
                malformed.display()
            )
        );
    }
    fs::remove_dir_all(&dir).unwrap();
    assert!(message(find_module(&elf)).starts_with(&format!("cannot read `{}`: ", elf.display())));
}

#[test]
fn one_cpython_module() {
    let symbols = set(&[
        "PyInit_hello".into(),
        "HPyRsStub_hello".into(),
        "PyInit_".into(),
        "PyInit_not-a-name".into(),
        "main".into(),
    ]);
    assert_eq!(
        cpython_module_in(Path::new("x.so"), &symbols).unwrap(),
        "hello"
    );
}

#[test]
fn no_or_many_cpython_modules() {
    // A universal-ABI build has no PyInit_.
    assert_eq!(
        message(cpython_module_in(
            Path::new("/t/libx.so"),
            &set(&exports("m"))
        )),
        "no CPython-ABI module in `/t/libx.so`: it exports no `PyInit_<name>` symbol (does the \
         crate depend on hpy, whose feature abi-cpython cargo-hpy enables, and have one \
         #[hpy::module]?)"
    );
    let symbols = set(&["PyInit_b".into(), "PyInit_a".into()]);
    assert_eq!(
        message(cpython_module_in(Path::new("l.so"), &symbols)),
        "`l.so` contains 2 modules (`a`, `b`), but a library can hold only one #[hpy::module]"
    );
}

#[test]
fn finds_the_cpython_module_of_an_elf_file() {
    let dir = std::env::temp_dir().join(format!("cargo-hpy-cpython-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let symbols = [
        ("PyInit_m", true, true),
        ("HPyRsStub_m", true, true),
        ("PyInit_other", false, true), // imported, not defined
        ("PyInit_local", true, false), // local, not exported
    ];
    let elf = dir.join("libm.so");
    fs::write(
        &elf,
        elf_library(true, Endianness::Little, &symbols, &[0xc3; 16]),
    )
    .unwrap();
    assert_eq!(find_cpython_module(&elf).unwrap(), "m");
    // The universal lookup does not take it for a universal module, and vice versa.
    assert!(matches!(find_module(&elf), Err(Error::NoModule(_))));
    let names = exports("u");
    let universal: Vec<Symbol<'_>> = names.iter().map(|n| (n.as_str(), true, true)).collect();
    fs::write(
        &elf,
        elf_library(true, Endianness::Little, &universal, &[0xc3; 16]),
    )
    .unwrap();
    assert!(matches!(
        find_cpython_module(&elf),
        Err(Error::NoCPythonModule(_))
    ));
    fs::remove_dir_all(&dir).unwrap();
}
