//! The `[project]` table of a crate's `pyproject.toml` (PEP 621), and the core metadata
//! (`METADATA`, version 2.1) written from it.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;
use crate::abi::Abi;
use crate::layout::Layout;

/// The distribution an extension module is installed by requires the HPy runtime its ABI
/// (`hpy0`, hpy 0.9) is for.
pub(crate) const HPY_REQUIREMENT: &str = "hpy==0.9.*";

/// The `[project]` table, as far as cargo-hpy writes it into the metadata.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Project {
    pub name: String,
    pub version: Option<String>,
    #[serde(default)]
    pub dynamic: Vec<String>,
    pub description: Option<String>,
    pub readme: Option<Readme>,
    pub requires_python: Option<String>,
    pub license: Option<License>,
    #[serde(default)]
    pub authors: Vec<Person>,
    #[serde(default)]
    pub maintainers: Vec<Person>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub classifiers: Vec<String>,
    #[serde(default)]
    pub urls: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub dependencies: Vec<String>,
    #[serde(default)]
    pub optional_dependencies: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub scripts: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub gui_scripts: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub entry_points:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

/// `readme = "README.md"` or `readme = { file = "...", content-type = "..." }` / `{ text = ... }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Readme {
    File(PathBuf),
    Table {
        file: Option<PathBuf>,
        text: Option<String>,
        #[serde(rename = "content-type")]
        content_type: Option<String>,
    },
}

/// `license = "MIT"` (an SPDX expression) or `license = { text = "..." }` / `{ file = "..." }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum License {
    Spdx(String),
    Table {
        text: Option<String>,
        file: Option<PathBuf>,
    },
}

/// An author or maintainer.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// The part of `pyproject.toml` cargo-hpy reads.
#[derive(Debug, Deserialize)]
struct PyProject {
    project: Option<Project>,
    tool: Option<Tool>,
}

/// `[tool]`.
#[derive(Debug, Deserialize)]
struct Tool {
    #[serde(rename = "cargo-hpy")]
    cargo_hpy: Option<CargoHpy>,
}

/// `[tool.cargo-hpy]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct CargoHpy {
    /// The crate's `Cargo.toml`, relative to the project's directory (an sdist's top).
    manifest_path: Option<PathBuf>,
    /// A directory of Python sources shipped with the extension (see [`Layout`]).
    python_source: Option<PathBuf>,
    /// The dotted name of the extension inside those packages.
    module: Option<String>,
    /// The ABI to build for, unless `--abi` says otherwise.
    abi: Option<Abi>,
}

/// `[tool.cargo-hpy] abi` of the `pyproject.toml` in `crate_dir`, if it has one.
pub(crate) fn pyproject_abi(crate_dir: &Path) -> Result<Option<Abi>, Error> {
    let path = crate_dir.join("pyproject.toml");
    if !path.is_file() {
        return Ok(None);
    }
    Ok(read_pyproject(&path)?
        .tool
        .and_then(|t| t.cargo_hpy)
        .and_then(|c| c.abi))
}

/// The layout `[tool.cargo-hpy]` of the crate's `pyproject.toml` gives (the default without
/// one).
pub(crate) fn layout(crate_dir: &Path) -> Result<Layout, Error> {
    let path = crate_dir.join("pyproject.toml");
    if !path.is_file() {
        return Ok(Layout::default());
    }
    let Some(tool) = read_pyproject(&path)?.tool.and_then(|t| t.cargo_hpy) else {
        return Ok(Layout::default());
    };
    let python_source = match tool.python_source {
        Some(dir) => {
            let dir = crate_dir.join(dir);
            if !dir.is_dir() {
                return Err(Error::InvalidPyproject {
                    path,
                    detail: format!(
                        "[tool.cargo-hpy] python-source `{}` is not a directory",
                        dir.display()
                    ),
                });
            }
            Some(dir)
        }
        None => None,
    };
    let packages = match &tool.module {
        Some(dotted) => {
            let mut parts: Vec<String> = dotted.split('.').map(str::to_owned).collect();
            parts.pop();
            parts
        }
        None => Vec::new(),
    };
    Ok(Layout {
        python_source,
        packages,
        module: tool.module,
    })
}

/// The directory of the crate the project in `dir` builds: `dir`, or the directory of the
/// `[tool.cargo-hpy] manifest-path` its `pyproject.toml` names (as at the top of an sdist).
pub(crate) fn crate_dir(dir: &Path) -> Result<PathBuf, Error> {
    let path = dir.join("pyproject.toml");
    if !path.is_file() {
        return Ok(dir.to_owned());
    }
    let manifest = read_pyproject(&path)?
        .tool
        .and_then(|t| t.cargo_hpy)
        .and_then(|c| c.manifest_path);
    Ok(match manifest {
        Some(manifest) => dir.join(manifest.parent().unwrap_or(Path::new(""))),
        None => dir.to_owned(),
    })
}

/// The parts of the `pyproject.toml` at `path` cargo-hpy reads.
fn read_pyproject(path: &Path) -> Result<PyProject, Error> {
    let text = fs::read_to_string(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| Error::InvalidPyproject {
        path: path.to_owned(),
        detail: e.to_string(),
    })
}

impl Project {
    /// The `[project]` table of `<crate_dir>/pyproject.toml`; without that file, a project
    /// named after the crate with its version (`cargo_name`, `cargo_version`). A missing
    /// version, or `dynamic = ["version"]`, is the crate's.
    pub(crate) fn read(
        crate_dir: &Path,
        cargo_name: &str,
        cargo_version: &str,
    ) -> Result<Self, Error> {
        let path = crate_dir.join("pyproject.toml");
        let mut project = if path.is_file() {
            read_pyproject(&path)?
                .project
                .ok_or_else(|| Error::InvalidPyproject {
                    path: path.clone(),
                    detail: "it has no [project] table".into(),
                })?
        } else {
            Project {
                name: cargo_name.to_owned(),
                ..Project::default()
            }
        };
        if project.version.is_none() {
            if !project.dynamic.iter().any(|d| d == "version") && path.is_file() {
                return Err(Error::InvalidPyproject {
                    path,
                    detail:
                        "[project] needs `version`, or `dynamic = [\"version\"]` for the crate's"
                            .into(),
                });
            }
            project.version = Some(python_version(cargo_version));
        }
        Ok(project)
    }

    /// The version (set by [`Project::read`]).
    pub(crate) fn version(&self) -> &str {
        self.version.as_deref().unwrap_or("0")
    }

    /// The name as wheel and dist-info file names spell it (PEP 427, PEP 503): lowercase, runs
    /// of `-`, `_` and `.` as one `_`.
    pub(crate) fn file_name(&self) -> String {
        let mut out = String::new();
        let mut separator = false;
        for c in self.name.chars() {
            if matches!(c, '-' | '_' | '.') {
                separator = true;
            } else {
                if separator && !out.is_empty() {
                    out.push('_');
                }
                separator = false;
                out.extend(c.to_lowercase());
            }
        }
        out
    }

    /// `<name>-<version>.dist-info`.
    pub(crate) fn dist_info(&self) -> String {
        format!("{}-{}.dist-info", self.file_name(), self.version())
    }

    /// The core metadata (`METADATA`), the readme and license files read relative to
    /// `crate_dir`; `extra_requirements` are added to the dependencies.
    pub(crate) fn metadata(
        &self,
        crate_dir: &Path,
        extra_requirements: &[&str],
    ) -> Result<String, Error> {
        let mut m = String::new();
        let mut field = |name: &str, value: &str| {
            // Continuation lines of a multi-line value are indented (RFC 822).
            let value = value.replace('\n', "\n        ");
            let _ = writeln!(m, "{name}: {value}");
        };
        field("Metadata-Version", "2.1");
        field("Name", &self.name);
        field("Version", self.version());
        if let Some(d) = &self.description {
            field("Summary", d);
        }
        if !self.keywords.is_empty() {
            field("Keywords", &self.keywords.join(","));
        }
        for (role, people) in [("Author", &self.authors), ("Maintainer", &self.maintainers)] {
            let names: Vec<&str> = people
                .iter()
                .filter(|p| p.email.is_none())
                .filter_map(|p| p.name.as_deref())
                .collect();
            if !names.is_empty() {
                field(role, &names.join(", "));
            }
            let emails: Vec<String> = people
                .iter()
                .filter_map(|p| {
                    let email = p.email.as_deref()?;
                    Some(match &p.name {
                        Some(name) => format!("{name} <{email}>"),
                        None => email.to_owned(),
                    })
                })
                .collect();
            if !emails.is_empty() {
                field(&format!("{role}-email"), &emails.join(", "));
            }
        }
        match &self.license {
            Some(License::Spdx(expression)) => field("License", expression),
            Some(License::Table {
                text: Some(text), ..
            }) => field("License", text),
            Some(License::Table {
                file: Some(file), ..
            }) => field("License", &read(crate_dir, file)?),
            _ => {}
        }
        for classifier in &self.classifiers {
            field("Classifier", classifier);
        }
        for (label, url) in &self.urls {
            field("Project-URL", &format!("{label}, {url}"));
        }
        if let Some(requires) = &self.requires_python {
            field("Requires-Python", requires);
        }
        for requirement in extra_requirements
            .iter()
            .copied()
            .chain(self.dependencies.iter().map(String::as_str))
        {
            field("Requires-Dist", requirement);
        }
        for (extra, requirements) in &self.optional_dependencies {
            field("Provides-Extra", extra);
            for requirement in requirements {
                let (requirement, marker) = match requirement.split_once(';') {
                    Some((r, m)) => (r.trim(), format!("({}) and extra == \"{extra}\"", m.trim())),
                    None => (requirement.trim(), format!("extra == \"{extra}\"")),
                };
                field("Requires-Dist", &format!("{requirement}; {marker}"));
            }
        }
        let (body, content_type) = match &self.readme {
            None => (None, None),
            Some(Readme::File(file)) => (Some(read(crate_dir, file)?), Some(content_type_of(file))),
            Some(Readme::Table {
                file,
                text,
                content_type,
            }) => {
                let body = match (file, text) {
                    (Some(file), _) => Some(read(crate_dir, file)?),
                    (None, Some(text)) => Some(text.clone()),
                    (None, None) => None,
                };
                let content_type = content_type
                    .clone()
                    .or_else(|| file.as_deref().map(content_type_of));
                (body, content_type)
            }
        };
        if let Some(content_type) = content_type {
            field("Description-Content-Type", &content_type);
        }
        if let Some(body) = body {
            m.push('\n');
            m.push_str(&body);
            if !body.ends_with('\n') {
                m.push('\n');
            }
        }
        Ok(m)
    }

    /// `entry_points.txt`, if the project declares any.
    pub(crate) fn entry_points(&self) -> Option<String> {
        let mut groups: Vec<(&str, &std::collections::BTreeMap<String, String>)> = Vec::new();
        if !self.scripts.is_empty() {
            groups.push(("console_scripts", &self.scripts));
        }
        if !self.gui_scripts.is_empty() {
            groups.push(("gui_scripts", &self.gui_scripts));
        }
        for (group, entries) in &self.entry_points {
            groups.push((group, entries));
        }
        if groups.is_empty() {
            return None;
        }
        let mut out = String::new();
        for (group, entries) in groups {
            let _ = writeln!(out, "[{group}]");
            for (name, target) in entries {
                let _ = writeln!(out, "{name} = {target}");
            }
            out.push('\n');
        }
        Some(out)
    }
}

/// A file of the project, as text.
fn read(crate_dir: &Path, file: &Path) -> Result<String, Error> {
    let path = crate_dir.join(file);
    fs::read_to_string(&path).map_err(|source| Error::Io {
        action: "read",
        path,
        source,
    })
}

/// The content type of a readme file, from its extension.
fn content_type_of(file: &Path) -> String {
    match file.extension().and_then(|e| e.to_str()) {
        Some("md") => "text/markdown",
        Some("rst") => "text/x-rst",
        _ => "text/plain",
    }
    .to_owned()
}

/// A Cargo version as a Python version (PEP 440): `1.2.3-alpha.1` is `1.2.3a1`, `-beta.N`
/// `bN`, `-rc.N` `rcN`; other pre-release labels become a `.dev` release.
pub(crate) fn python_version(cargo: &str) -> String {
    let (release, pre) = match cargo.split_once('-') {
        Some((release, pre)) => (release, Some(pre)),
        None => (cargo, None),
    };
    let release = release.split('+').next().unwrap_or(release);
    let Some(pre) = pre else {
        return release.to_owned();
    };
    let pre = pre.split('+').next().unwrap_or(pre);
    let (label, number) = pre.split_once('.').unwrap_or((pre, "0"));
    let number: String = number.chars().filter(char::is_ascii_digit).collect();
    let number = if number.is_empty() {
        "0".to_owned()
    } else {
        number
    };
    match label {
        "alpha" | "a" => format!("{release}a{number}"),
        "beta" | "b" => format!("{release}b{number}"),
        "rc" => format!("{release}rc{number}"),
        _ => format!("{release}.dev{number}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(toml: &str) -> Project {
        toml::from_str::<PyProject>(toml).unwrap().project.unwrap()
    }

    #[test]
    fn pyproject_may_choose_the_abi() {
        let dir = std::env::temp_dir().join(format!("cargo-hpy-abi-toml-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        assert_eq!(pyproject_abi(&dir).unwrap(), None);
        let path = dir.join("pyproject.toml");
        for (toml, abi) in [
            ("[project]\nname = \"m\"\n", None),
            ("[tool.cargo-hpy]\nabi = \"cpython\"\n", Some(Abi::CPython)),
            (
                "[tool.cargo-hpy]\nabi = \"universal\"\n",
                Some(Abi::Universal),
            ),
        ] {
            fs::write(&path, toml).unwrap();
            assert_eq!(pyproject_abi(&dir).unwrap(), abi, "{toml}");
        }
        fs::write(&path, "[tool.cargo-hpy]\nabi = \"abi3\"\n").unwrap();
        let error = pyproject_abi(&dir).unwrap_err().to_string();
        assert!(
            error.contains("unknown variant `abi3`, expected `universal` or `cpython`"),
            "{error}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_are_normalised_for_file_names() {
        let p = Project {
            name: "My.Ext--Mod_x".into(),
            ..Project::default()
        };
        assert_eq!(p.file_name(), "my_ext_mod_x");
    }

    #[test]
    fn cargo_versions_become_python_versions() {
        assert_eq!(python_version("1.2.3"), "1.2.3");
        assert_eq!(python_version("1.2.3-alpha.1"), "1.2.3a1");
        assert_eq!(python_version("0.1.0-beta.2+build.5"), "0.1.0b2");
        assert_eq!(python_version("2.0.0-rc.1"), "2.0.0rc1");
        assert_eq!(python_version("2.0.0-nightly"), "2.0.0.dev0");
    }

    #[test]
    fn the_metadata_has_every_field_pep_621_maps() {
        let p = project(
            r#"
            [project]
            name = "point"
            version = "1.0"
            description = "Points"
            requires-python = ">=3.8"
            license = "MIT"
            authors = [{ name = "A. Person", email = "a@example.org" }, { name = "B" }]
            keywords = ["geometry", "hpy"]
            classifiers = ["Programming Language :: Rust"]
            urls = { Homepage = "https://example.org" }
            dependencies = ["numpy>=1.20"]
            optional-dependencies = { test = ["pytest; python_version >= '3.8'"] }
            readme = { text = "Hello", content-type = "text/plain" }
            scripts = { point-cli = "point:main" }
            "#,
        );
        let metadata = p.metadata(Path::new("."), &[HPY_REQUIREMENT]).unwrap();
        assert_eq!(
            metadata,
            "Metadata-Version: 2.1\nName: point\nVersion: 1.0\nSummary: Points\nKeywords: geometry,hpy\n\
             Author: B\nAuthor-email: A. Person <a@example.org>\nLicense: MIT\n\
             Classifier: Programming Language :: Rust\nProject-URL: Homepage, https://example.org\n\
             Requires-Python: >=3.8\nRequires-Dist: hpy==0.9.*\nRequires-Dist: numpy>=1.20\n\
             Provides-Extra: test\nRequires-Dist: pytest; (python_version >= '3.8') and extra == \"test\"\n\
             Description-Content-Type: text/plain\n\nHello\n"
        );
        assert_eq!(
            p.entry_points().unwrap(),
            "[console_scripts]\npoint-cli = point:main\n\n"
        );
    }
}
