//! `wheel` on `examples/hello`: one wheel for every CPython hpy 0.9 supports, whose RECORD is
//! true, built the same twice.

use std::fs;
use std::io::Read as _;

use base64::Engine as _;
use sha2::Digest as _;

use crate::support::{TempDir, cargo_hpy, hello_crate, hello_target_dir, run};

/// Builds `examples/hello`'s release wheel into a new directory; returns it and the wheel.
fn build(tmp: &TempDir, label: &str) -> (std::path::PathBuf, Vec<u8>) {
    let out = tmp.path().join(label);
    let built = run(cargo_hpy(["wheel"])
        .arg(hello_crate())
        .arg("--out")
        .arg(&out)
        .arg("--target-dir")
        .arg(hello_target_dir())
        .env("SOURCE_DATE_EPOCH", "1700000000"));
    assert_eq!(built.code, Some(0), "{built:?}");
    let path = std::path::PathBuf::from(built.stdout.trim());
    assert_eq!(path.parent(), Some(out.as_path()), "{built:?}");
    let bytes = fs::read(&path).unwrap();
    (path, bytes)
}

#[test]
fn hello_becomes_one_reproducible_wheel_with_a_true_record() {
    let tmp = TempDir::new("wheel");
    let (path, first) = build(&tmp, "a");
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let platform = name
        .strip_prefix("hello-0.1.0-cp38.cp39.cp310.cp311.cp312-none-")
        .and_then(|rest| rest.strip_suffix(".whl"))
        .unwrap_or_else(|| panic!("{name}: not tagged for every CPython hpy 0.9 supports"));
    assert!(platform.starts_with("manylinux_2_"), "{name}");
    let (_, second) = build(&tmp, "b");
    assert!(
        first == second,
        "two builds of the same crate gave different wheels"
    );

    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "hello.hpy0.so",
            "hello.py",
            "hello.pyi",
            "hello-0.1.0.dist-info/METADATA",
            "hello-0.1.0.dist-info/WHEEL",
            "hello-0.1.0.dist-info/RECORD",
        ]
    );
    let mut contents = std::collections::BTreeMap::new();
    for name in &names {
        let mut file = zip.by_name(name).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (2023, 11, 14),
            "{name}"
        );
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        contents.insert(name.clone(), bytes);
    }
    let record = String::from_utf8(contents["hello-0.1.0.dist-info/RECORD"].clone()).unwrap();
    let mut listed = Vec::new();
    for line in record.lines() {
        let fields: Vec<&str> = line.split(',').collect();
        let [file, hash, size] = fields[..] else {
            panic!("{line}")
        };
        listed.push(file.to_owned());
        if file.ends_with("/RECORD") {
            assert_eq!((hash, size), ("", ""));
            continue;
        }
        let bytes = &contents[file];
        let digest =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(bytes));
        assert_eq!(hash, format!("sha256={digest}"), "{file}");
        assert_eq!(size, bytes.len().to_string(), "{file}");
    }
    assert_eq!(listed, names);
    let wheel = String::from_utf8(contents["hello-0.1.0.dist-info/WHEEL"].clone()).unwrap();
    for python in ["cp38", "cp39", "cp310", "cp311", "cp312"] {
        assert!(
            wheel.contains(&format!("Tag: {python}-none-{platform}\n")),
            "{wheel}"
        );
    }
    let metadata = String::from_utf8(contents["hello-0.1.0.dist-info/METADATA"].clone()).unwrap();
    assert!(
        metadata.contains("Name: hello\nVersion: 0.1.0\n"),
        "{metadata}"
    );
    assert!(
        metadata.contains("Requires-Dist: hpy==0.9.*\n"),
        "{metadata}"
    );
    // A release wheel's library has no debug information.
    let library = &contents["hello.hpy0.so"];
    let file = object::File::parse(&library[..]).unwrap();
    use object::{Object as _, ObjectSection as _};
    let debug: Vec<String> = file
        .sections()
        .filter_map(|s| s.name().ok().map(str::to_owned))
        .filter(|n| n.starts_with(".debug"))
        .collect();
    assert!(debug.is_empty(), "debug sections left: {debug:?}");
}
