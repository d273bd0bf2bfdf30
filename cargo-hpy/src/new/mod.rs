//! `cargo hpy new <dir>` and `cargo hpy init [<dir>]`: a new extension project — a crate with
//! one function and one class, its `pyproject.toml` (cargo-hpy's PEP 517 backend), a test
//! that runs in HPy universal and debug mode, a `.gitignore` and a README — that
//! `pip install <dir>` builds.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Error, install};

/// Where the project's `hpy` dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HpySource {
    /// A path to the `hpy` crate (by default this checkout's, until hpy-rs is on crates.io).
    Path(PathBuf),
    /// A version requirement on crates.io.
    Version(String),
}

impl Default for HpySource {
    /// The `hpy` crate of the checkout this cargo-hpy was built from.
    fn default() -> Self {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hpy");
        HpySource::Path(fs::canonicalize(&checkout).unwrap_or(checkout))
    }
}

/// What to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOptions {
    /// The project's directory; its name is the module's.
    pub dir: PathBuf,
    /// `init`: the directory may exist (none of the project's files may).
    pub init: bool,
    /// The `hpy` dependency.
    pub hpy: HpySource,
}

/// Creates the project; returns its directory.
pub fn new_project(options: &NewOptions) -> Result<PathBuf, Error> {
    let dir = &options.dir;
    let problem = |detail: String| Error::NewProject {
        dir: dir.clone(),
        detail,
    };
    let name = module_name(dir).map_err(problem)?;
    if !options.init && dir.exists() {
        return Err(problem(
            "it already exists (`cargo hpy init` fills an existing directory)".into(),
        ));
    }
    let dependency = match &options.hpy {
        HpySource::Path(path) => format!("{{ path = {:?} }}", path.display().to_string()),
        HpySource::Version(version) => format!("{version:?}"),
    };
    let files = [
        ("Cargo.toml", cargo_toml(&name, &dependency)),
        ("pyproject.toml", pyproject(&name)),
        (
            "src/lib.rs",
            include_str!("lib.rs.template").replace("{name}", &name),
        ),
        (
            &*format!("tests/test_{name}.py"),
            include_str!("test.py.template").replace("{name}", &name),
        ),
        (
            ".gitignore",
            "/target\n__pycache__/\n*.so\n/dist\n".to_owned(),
        ),
        ("README.md", readme(&name)),
    ];
    if let Some((file, _)) = files.iter().find(|(file, _)| dir.join(file).exists()) {
        return Err(problem(format!("it already has a {file}")));
    }
    for (file, contents) in &files {
        let path = dir.join(file);
        install::create_dir(path.parent().unwrap_or(dir))?;
        install::write(&path, contents)?;
    }
    Ok(dir.clone())
}

/// The module's name: the directory's, which must be a name Rust and Python both accept.
fn module_name(dir: &Path) -> Result<String, String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("its name is not valid UTF-8")?
        .to_owned();
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(format!(
            "`{name}` cannot name a module: use lowercase letters, digits and `_`, not first a digit"
        ));
    }
    Ok(name)
}

fn cargo_toml(name: &str, hpy: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"

[lib]
crate-type = ["cdylib"]

[dependencies]
hpy = {hpy}

# A workspace of its own, wherever the directory is.
[workspace]

# Release builds as fast as the library can be: one unit of code generation, optimised
# across crates (hpy-rs's calls inline into yours; in the CPython ABI that is most of what
# makes it as fast as the C API).
[profile.release]
lto = "fat"
codegen-units = 1
"#
    )
}

fn pyproject(name: &str) -> String {
    format!(
        r#"[build-system]
requires = ["cargo-hpy"]
build-backend = "cargo_hpy"

[project]
name = "{name}"
dynamic = ["version"]
description = "The {name} extension module, built with hpy-rs"
requires-python = ">=3.8"
"#
    )
}

fn readme(name: &str) -> String {
    format!(
        r#"# {name}

A Python extension module written in Rust with [hpy-rs](https://github.com/hpy-rs/hpy-rs), for
CPython 3.8-3.12 through HPy's universal ABI (one wheel for all of them).

```console
$ pip install .                   # builds the module (pip needs cargo-hpy: `--find-links` to its wheel)
$ python -m pytest tests          # its tests, in HPy universal and debug mode
```

`cargo hpy develop .` installs it editable into the active virtualenv; `pip wheel .` builds
its wheel.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_both_languages_accept_name_a_module() {
        assert_eq!(module_name(Path::new("/x/my_ext2")), Ok("my_ext2".into()));
        assert!(module_name(Path::new("my-ext")).is_err());
        assert!(module_name(Path::new("2ext")).is_err());
        assert!(module_name(Path::new("Ext")).is_err());
    }
}
