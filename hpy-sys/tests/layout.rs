//! Every size, alignment, field offset and constant of hpy-sys equals the installed
//! hpy 0.9.0 C headers, every field type in the table is the header's, every slot has
//! the signature the header's `HPySlot_SIG` gives it, and every trampoline has the C type
//! HPy's `HPyFunc_TRAMPOLINE` gives it.
//!
//! The test compiles `tests/layout/layout.c` (generated; its `_Static_assert`s fail
//! the build on a wrong field type, on a `_HPySlot_SIG__<slot>` that is another
//! enumerator, and on a trampoline HPy's macro, expanded there, defines with another
//! type) with the include directory of a Python that has `hpy==0.9.0`, runs it, and
//! compares its output with `tests/layout/expected.rs` (generated; the same keys
//! computed with `size_of`/`align_of`/`offset_of!`).
//!
//! The Python is `$HPY_RS_PYTHON`, else `<workspace>/.venv/bin/python`. The C
//! compiler is `$CC`, else `cc`.

#[path = "layout/expected.rs"]
mod expected;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hpy_rs_test_python::python;
use std::process::Command;

/// The hpy release the table transcribes.
const HPY_VERSION: &str = "0.9.0";

/// Runs a command and returns its stdout, or panics with its stderr.
fn run(cmd: &mut Command) -> String {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        output.status.success(),
        "{cmd:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// The installed hpy's include directory, after checking its version.
fn hpy_include_dir() -> PathBuf {
    let script = "import hpy.devel, hpy.devel.version\n\
                  print(hpy.devel.version.__version__)\n\
                  print(hpy.devel.HPyDevel().include_dir)";
    let out = run(Command::new(python()).args(["-c", script]));
    let mut lines = out.lines();
    let version = lines.next().unwrap_or_default();
    assert_eq!(
        version, HPY_VERSION,
        "the layout test needs hpy=={HPY_VERSION}, found hpy {version}"
    );
    PathBuf::from(lines.next().expect("the include directory"))
}

/// Compiles and runs layout.c: its output lines.
fn c_layout_output() -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hpy-sys-layout");
    std::fs::create_dir_all(&dir).expect("create the build directory");
    let exe = dir.join("layout");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/layout/layout.c");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let include = hpy_include_dir();
    run(Command::new(&cc)
        .arg("-DHPY_ABI_UNIVERSAL")
        .arg(format!("-I{}", include.display()))
        .arg("-o")
        .arg(&exe)
        .arg(&source));
    run(&mut Command::new(&exe))
}

/// `(key, value)` pairs.
type Keyed<V> = Vec<(String, V)>;

/// The C side, split into numbers (`size`, `align`, `offset`, `value`) and strings.
fn parse_c_output(out: &str) -> (Keyed<i64>, Keyed<String>) {
    let (mut numbers, mut strings) = (Vec::new(), Vec::new());
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("string ") {
            let (name, text) = rest.split_once(' ').unwrap_or((rest, ""));
            strings.push((format!("string {name}"), text.to_string()));
        } else {
            let (key, value) = line
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("bad line {line:?}"));
            let value = value
                .parse()
                .unwrap_or_else(|_| panic!("bad number in {line:?}"));
            numbers.push((key.to_string(), value));
        }
    }
    (numbers, strings)
}

/// A map from a list, failing on a repeated key.
fn to_map<V>(side: &str, list: Keyed<V>) -> BTreeMap<String, V> {
    let count = list.len();
    let map: BTreeMap<String, V> = list.into_iter().collect();
    assert_eq!(map.len(), count, "the {side} side repeats a key");
    map
}

/// Every difference between the two sides, one line each.
fn differences<V: PartialEq + std::fmt::Debug>(
    c: &BTreeMap<String, V>,
    rust: &BTreeMap<String, V>,
) -> Vec<String> {
    let mut diffs = Vec::new();
    for (key, c_value) in c {
        match rust.get(key) {
            None => diffs.push(format!("{key}: C {c_value:?}, missing on the Rust side")),
            Some(r) if r != c_value => diffs.push(format!("{key}: C {c_value:?}, Rust {r:?}")),
            Some(_) => {}
        }
    }
    for (key, r) in rust {
        if !c.contains_key(key) {
            diffs.push(format!("{key}: Rust {r:?}, missing on the C side"));
        }
    }
    diffs
}

#[test]
fn layout_matches_the_c_headers() {
    let (c_numbers, c_strings) = parse_c_output(&c_layout_output());
    let c_numbers = to_map("C", c_numbers);
    let rust_numbers = to_map(
        "Rust",
        expected::rust_layout()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    );
    let c_strings = to_map("C", c_strings);
    let rust_strings: Keyed<String> = expected::rust_strings()
        .into_iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                v.to_str().expect("utf-8 constant").to_string(),
            )
        })
        .collect();
    let rust_strings = to_map("Rust", rust_strings);

    let mut diffs = differences(&c_numbers, &rust_numbers);
    diffs.extend(differences(&c_strings, &rust_strings));
    assert!(
        diffs.is_empty(),
        "{} differences between the C headers and hpy-sys:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert_eq!(c_numbers.len(), rust_numbers.len());
    assert_eq!(c_strings.len(), rust_strings.len());

    for (side, numbers) in [("C", &c_numbers), ("Rust", &rust_numbers)] {
        let ctx_offsets = numbers
            .keys()
            .filter(|k| k.starts_with("offset HPyContext."))
            .count();
        assert_eq!(ctx_offsets, 266, "{side}: HPyContext members");
        assert_eq!(
            numbers.get("size HPyContext"),
            Some(&2128),
            "{side}: sizeof(HPyContext)"
        );
        let slot_signatures = numbers
            .keys()
            .filter(|k| k.starts_with("value _HPySlot_SIG__"))
            .count();
        assert_eq!(
            slot_signatures, 60,
            "{side}: the `_HPySlot_SIG__*` of autogen_hpyslot.h"
        );
    }
}
