//! `cargo hpy sdist`: a source distribution that builds into the same wheel anywhere, as
//! maturin's do: the crate, every local (path) crate it depends on (the `hpy` crates, until
//! they are published) at their places in the workspace, the workspace's `Cargo.toml` reduced
//! to those members, `Cargo.lock`, and at the top the crate's `pyproject.toml` with
//! `[tool.cargo-hpy] manifest-path` naming the crate, and `PKG-INFO`. Reproducible: files
//! sorted, owner 0, modes 0644/0755, every timestamp `SOURCE_DATE_EPOCH` (else 0).

use std::fs;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::project::{HPY_REQUIREMENT, Project};
use crate::{Error, build, cargo, install};

/// Writes the sdist of the crate in `crate_dir` into `out_dir`; returns its path.
pub fn sdist(crate_dir: &Path, out_dir: &Path) -> Result<PathBuf, Error> {
    let manifest = build::manifest(&super::project::crate_dir(crate_dir)?)?;
    let info = cargo::check_cdylib(&manifest)?;
    let crate_dir = manifest.parent().unwrap_or(Path::new("."));
    let project = Project::read(crate_dir, &info.name, &info.version)?;
    let (workspace, packages) = cargo::local_packages(&manifest)?;
    let relative = |dir: &Path| -> Result<PathBuf, Error> {
        dir.strip_prefix(&workspace)
            .map(Path::to_owned)
            .map_err(|_| Error::InvalidPyproject {
                path: manifest.clone(),
                detail: format!(
                    "its path dependency `{}` is outside the workspace `{}`",
                    dir.display(),
                    workspace.display()
                ),
            })
    };
    let crate_path = relative(crate_dir)?;
    let mut files: Vec<(PathBuf, Vec<u8>, bool)> = Vec::new();
    for package in &packages {
        for file in package_files(package)? {
            let contents = read(&file)?;
            if crate::stub::is_build_output(&file, &contents) {
                continue;
            }
            let executable = is_executable(&file);
            files.push((relative(&file)?, contents, executable));
        }
    }
    if crate_path.as_os_str().is_empty() {
        // The crate is the workspace's root: its own files are the whole source.
    } else {
        let root_manifest = workspace.join("Cargo.toml");
        let members: Vec<String> = packages
            .iter()
            .map(|p| relative(p).map(|r| r.to_string_lossy().replace('\\', "/")))
            .collect::<Result<_, _>>()?;
        files.push((
            PathBuf::from("Cargo.toml"),
            reduced_workspace(&root_manifest, &members)?.into_bytes(),
            false,
        ));
        files.push((
            PathBuf::from("pyproject.toml"),
            top_pyproject(crate_dir, &crate_path, &project)?.into_bytes(),
            false,
        ));
    }
    let lock = workspace.join("Cargo.lock");
    if lock.is_file() && !files.iter().any(|(p, ..)| p == Path::new("Cargo.lock")) {
        files.push((PathBuf::from("Cargo.lock"), read(&lock)?, false));
    }
    files.push((
        PathBuf::from("PKG-INFO"),
        project
            .metadata(crate_dir, &[HPY_REQUIREMENT])?
            .into_bytes(),
        false,
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);

    install::create_dir(out_dir)?;
    let base = format!("{}-{}", project.file_name(), project.version());
    let path = out_dir.join(format!("{base}.tar.gz"));
    let temp = path.with_extension(format!("gz.{}.tmp", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source: std::io::Error| Error::Io {
            action: "write",
            path,
            source,
        }
    };
    let file = fs::File::create(&temp).map_err(io(&temp))?;
    let mut tar = tar::Builder::new(GzEncoder::new(file, Compression::default()));
    let mtime = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(0);
    for (relative, contents, executable) in &files {
        let mut header = tar::Header::new_gnu();
        header.set_size(contents.len() as u64);
        header.set_mode(if *executable { 0o755 } else { 0o644 });
        header.set_mtime(mtime);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        let name = Path::new(&base).join(relative);
        tar.append_data(&mut header, name, &contents[..])
            .map_err(io(&temp))?;
    }
    tar.into_inner()
        .and_then(|gz| gz.finish())
        .map_err(io(&temp))?;
    fs::rename(&temp, &path).map_err(io(&path))?;
    Ok(path)
}

/// Every file of the package in `dir`: all but `target/`, hidden entries, Python caches and
/// the directories of other packages nested in it.
fn package_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    install::files_under(
        dir,
        |sub| {
            let name = sub.file_name().unwrap_or_default();
            name != "target" && name != "__pycache__" && !sub.join("Cargo.toml").is_file()
        },
        |_| true,
    )
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_owned(),
        source,
    })
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_: &Path) -> bool {
    false
}

/// The workspace's `Cargo.toml` with only `members` (and the workspace dependencies whose path
/// is one of them, or that have no path).
fn reduced_workspace(root_manifest: &Path, members: &[String]) -> Result<String, Error> {
    let invalid = |detail: String| Error::InvalidPyproject {
        path: root_manifest.to_owned(),
        detail,
    };
    let text = String::from_utf8(read(root_manifest)?).map_err(|e| invalid(e.to_string()))?;
    let mut manifest: toml::Table = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
    let workspace = manifest
        .get_mut("workspace")
        .and_then(toml::Value::as_table_mut)
        .ok_or_else(|| invalid("it has no [workspace] table".into()))?;
    workspace.insert(
        "members".into(),
        toml::Value::Array(members.iter().cloned().map(toml::Value::String).collect()),
    );
    workspace.remove("exclude");
    workspace.remove("default-members");
    if let Some(deps) = workspace
        .get_mut("dependencies")
        .and_then(toml::Value::as_table_mut)
    {
        deps.retain(
            |_, dep| match dep.get("path").and_then(toml::Value::as_str) {
                Some(path) => members.iter().any(|m| m == path),
                None => true,
            },
        );
    }
    let body = toml::to_string(&manifest).map_err(|e| invalid(e.to_string()))?;
    Ok(format!(
        "# The workspace of {}, reduced by cargo-hpy to the crates its sdist carries.\n{body}",
        members.first().map_or("", String::as_str)
    ))
}

/// The crate's `pyproject.toml` at the top of the sdist: files it names made relative to the
/// top, and `[tool.cargo-hpy] manifest-path` naming the crate.
fn top_pyproject(crate_dir: &Path, crate_path: &Path, project: &Project) -> Result<String, Error> {
    let path = crate_dir.join("pyproject.toml");
    let invalid = |detail: String| Error::InvalidPyproject {
        path: path.clone(),
        detail,
    };
    let mut table: toml::Table = if path.is_file() {
        let text = String::from_utf8(read(&path)?).map_err(|e| invalid(e.to_string()))?;
        toml::from_str(&text).map_err(|e| invalid(e.to_string()))?
    } else {
        let text = format!(
            "[build-system]\nrequires = [\"cargo-hpy\"]\nbuild-backend = \"cargo_hpy\"\n\n\
             [project]\nname = \"{}\"\nversion = \"{}\"\n",
            project.name,
            project.version()
        );
        toml::from_str(&text).map_err(|e| invalid(e.to_string()))?
    };
    let under = |file: &str| crate_path.join(file).to_string_lossy().replace('\\', "/");
    if let Some(project) = table.get_mut("project").and_then(toml::Value::as_table_mut) {
        for key in ["readme", "license"] {
            match project.get_mut(key) {
                Some(toml::Value::String(file)) if key == "readme" => *file = under(file),
                Some(toml::Value::Table(t)) => {
                    if let Some(toml::Value::String(file)) = t.get_mut("file") {
                        *file = under(file);
                    }
                }
                _ => {}
            }
        }
    }
    let tool = table
        .entry("tool")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if let Some(tool) = tool.as_table_mut() {
        let mut cargo_hpy = toml::Table::new();
        cargo_hpy.insert(
            "manifest-path".into(),
            toml::Value::String(under("Cargo.toml")),
        );
        tool.insert("cargo-hpy".into(), toml::Value::Table(cargo_hpy));
    }
    toml::to_string(&table).map_err(|e| invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cargo-hpy-sdist-{label}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_workspace_keeps_only_the_carried_crates() {
        let dir = temp_dir("workspace");
        let manifest = dir.join("Cargo.toml");
        fs::write(
            &manifest,
            r#"
            [workspace]
            members = ["a", "b", "tools/*"]
            exclude = ["old"]
            [workspace.dependencies]
            a = { path = "a", version = "1" }
            tool = { path = "tools/tool" }
            serde = "1"
            [workspace.package]
            version = "0.1.0"
            "#,
        )
        .unwrap();
        let reduced = reduced_workspace(&manifest, &["b".into(), "a".into()]).unwrap();
        let table: toml::Table = toml::from_str(&reduced).unwrap();
        let workspace = table["workspace"].as_table().unwrap();
        assert_eq!(workspace["members"].as_array().unwrap().len(), 2);
        assert!(workspace.get("exclude").is_none());
        let deps = workspace["dependencies"].as_table().unwrap();
        let mut names: Vec<&String> = deps.keys().collect();
        names.sort();
        assert_eq!(names, ["a", "serde"]);
        assert_eq!(workspace["package"]["version"].as_str(), Some("0.1.0"));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_top_pyproject_names_the_crate_and_its_files_from_the_top() {
        let dir = temp_dir("pyproject");
        fs::write(
            dir.join("pyproject.toml"),
            "[project]\nname = \"x\"\nreadme = \"README.md\"\nlicense = { file = \"LICENSE\" }\n",
        )
        .unwrap();
        let project = Project {
            name: "x".into(),
            version: Some("1.0".into()),
            ..Project::default()
        };
        let top = top_pyproject(&dir, Path::new("crates/x"), &project).unwrap();
        let table: toml::Table = toml::from_str(&top).unwrap();
        assert_eq!(
            table["project"]["readme"].as_str(),
            Some("crates/x/README.md")
        );
        assert_eq!(
            table["project"]["license"]["file"].as_str(),
            Some("crates/x/LICENSE")
        );
        assert_eq!(
            table["tool"]["cargo-hpy"]["manifest-path"].as_str(),
            Some("crates/x/Cargo.toml")
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
