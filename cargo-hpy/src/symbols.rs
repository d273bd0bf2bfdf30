//! Finding the `#[hpy::module]` of a built library from the symbols it exports.
//!
//! `#[hpy::module] mod name` exports `get_required_hpy_major_version_<name>`,
//! `get_required_hpy_minor_version_<name>`, `HPyInitGlobalContext_<name>` and
//! `HPyInit_<name>`; `hpy.universal` looks them up by the module's name. Built for the CPython
//! ABI (feature `hpy/abi-cpython`), it exports `PyInit_<name>` instead, which CPython's import
//! system looks up.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use object::{Object, ObjectSymbol};

use crate::Error;

#[cfg(test)]
mod tests;

/// The prefix of the symbol that names a CPython-ABI module.
const PY_INIT: &str = "PyInit_";

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
    module_in(library, &exported_symbols(library)?)
}

/// The name of the one CPython-ABI module (`PyInit_<name>`) in the shared library at
/// `library`, which `#[hpy::module]` exports when built with the feature `hpy/abi-cpython`.
pub fn find_cpython_module(library: &Path) -> Result<String, Error> {
    cpython_module_in(library, &exported_symbols(library)?)
}

/// The names a library exports (see [`find_module`]).
fn exported_symbols(library: &Path) -> Result<BTreeSet<String>, Error> {
    let data = fs::read(library).map_err(|source| Error::Io {
        action: "read",
        path: library.to_owned(),
        source,
    })?;
    let symbols = if data.starts_with(&object::elf::ELFMAG) {
        elf_exports(&data).map_err(|e| Error::MalformedLibrary {
            library: library.to_owned(),
            detail: e.to_string(),
        })?
    } else {
        scan_names(&data)
    };
    Ok(symbols)
}

/// The names of the global and weak symbols that the ELF file `data` defines in its dynamic
/// symbol table (`.dynsym`): the symbols the dynamic loader, and so `hpy.universal`, can find
/// with `dlsym`.
fn elf_exports(data: &[u8]) -> object::Result<BTreeSet<String>> {
    let file = object::File::parse(data)?;
    file.dynamic_symbols()
        .filter(|symbol| !symbol.is_undefined() && symbol.is_global())
        .map(|symbol| {
            let name = symbol.name_bytes()?;
            Ok(String::from_utf8_lossy(name).into_owned())
        })
        .collect()
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

/// The module whose `PyInit_<name>` is in `symbols`: there must be exactly one.
fn cpython_module_in(library: &Path, symbols: &BTreeSet<String>) -> Result<String, Error> {
    let names: Vec<&str> = symbols
        .iter()
        .filter_map(|symbol| symbol.strip_prefix(PY_INIT))
        .filter(|name| is_identifier(name))
        .collect();
    match names[..] {
        [] => Err(Error::NoCPythonModule(library.to_owned())),
        [name] => Ok(name.to_owned()),
        _ => Err(Error::ManyModules {
            library: library.to_owned(),
            names: names.iter().map(|&n| n.to_owned()).collect(),
        }),
    }
}

/// Whether `name` can be a module name: `#[hpy::module]` accepts ASCII identifiers only.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
