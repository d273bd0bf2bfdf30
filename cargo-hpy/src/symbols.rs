//! Finding the `#[hpy::module]` of a built library from the symbols it exports.
//!
//! `#[hpy::module] mod name` exports `get_required_hpy_major_version_<name>`,
//! `get_required_hpy_minor_version_<name>`, `HPyInitGlobalContext_<name>` and
//! `HPyInit_<name>`; `hpy.universal` looks them up by the module's name.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::Error;
use crate::elf;

/// The prefix of the symbol that names a module.
const MAJOR_VERSION: &str = "get_required_hpy_major_version_";

/// The prefixes of the other symbols a module must export.
const REQUIRED: [&str; 3] = [
    "get_required_hpy_minor_version_",
    "HPyInitGlobalContext_",
    "HPyInit_",
];

/// The name of the one `#[hpy::module]` in the shared library at `library`.
///
/// ELF files are read exactly (their dynamic symbol table); other formats (Mach-O, PE) are
/// scanned for NUL-delimited symbol names.
pub fn find_module(library: &Path) -> Result<String, Error> {
    let data = fs::read(library).map_err(|source| Error::Io {
        action: "read",
        path: library.to_owned(),
        source,
    })?;
    let symbols = if elf::is_elf(&data) {
        elf::defined_dynamic_symbols(&data)
            .map_err(|detail| Error::MalformedLibrary {
                library: library.to_owned(),
                detail,
            })?
            .into_iter()
            .collect()
    } else {
        scan_names(&data)
    };
    module_in(library, &symbols)
}

/// Every NUL-delimited string of identifier characters in `data`, also without one leading
/// `_` (Mach-O prefixes C symbols with `_`).
fn scan_names(data: &[u8]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut pieces = data.split(|&b| b == 0);
    pieces.next_back(); // not NUL-terminated
    for piece in pieces {
        if !piece.is_empty()
            && piece
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
        {
            let name = String::from_utf8_lossy(piece);
            if let Some(unprefixed) = name.strip_prefix('_') {
                names.insert(unprefixed.to_owned());
            }
            names.insert(name.into_owned());
        }
    }
    names
}

/// The module whose four symbols are all in `symbols`.
fn module_in(library: &Path, symbols: &BTreeSet<String>) -> Result<String, Error> {
    let names: Vec<&str> = symbols
        .iter()
        .filter_map(|symbol| symbol.strip_prefix(MAJOR_VERSION))
        .filter(|name| is_identifier(name))
        .collect();
    let name = match names[..] {
        [] => return Err(Error::NoModule(library.to_owned())),
        [name] => name,
        _ => {
            return Err(Error::ManyModules {
                library: library.to_owned(),
                names: names.iter().map(|&n| n.to_owned()).collect(),
            });
        }
    };
    let missing: Vec<String> = REQUIRED
        .iter()
        .map(|prefix| format!("{prefix}{name}"))
        .filter(|symbol| !symbols.contains(symbol))
        .collect();
    if !missing.is_empty() {
        return Err(Error::IncompleteModule {
            library: library.to_owned(),
            name: name.to_owned(),
            missing,
        });
    }
    Ok(name.to_owned())
}

/// Whether `name` can be a module name: `#[hpy::module]` accepts ASCII identifiers only.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::tests::build as build_elf;

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
    fn finds_the_module_of_elf_and_other_files() {
        let dir = std::env::temp_dir().join(format!("cargo-hpy-symbols-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let names = exports("m");
        let mut symbols: Vec<(&str, bool, bool)> =
            names.iter().map(|n| (n.as_str(), true, true)).collect();
        symbols.push(("HPyInit_other", false, true)); // imported, not defined
        let elf = dir.join("libm.so");
        fs::write(&elf, build_elf(true, false, &symbols)).unwrap();
        assert_eq!(find_module(&elf).unwrap(), "m");

        let macho = dir.join("libm.dylib");
        let mut data = b"\xcf\xfa\xed\xfe\x00".to_vec();
        for name in &names {
            data.extend(format!("_{name}\0").as_bytes());
        }
        fs::write(&macho, data).unwrap();
        assert_eq!(find_module(&macho).unwrap(), "m");

        let truncated = dir.join("bad.so");
        fs::write(&truncated, b"\x7fELF\x02\x01").unwrap();
        assert_eq!(
            message(find_module(&truncated)),
            format!(
                "`{}` is not a valid shared library: the file is truncated",
                truncated.display()
            )
        );
        fs::remove_dir_all(&dir).unwrap();
        assert!(
            message(find_module(&elf)).starts_with(&format!("cannot read `{}`: ", elf.display()))
        );
    }
}
