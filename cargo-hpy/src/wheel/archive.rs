//! A wheel file: a zip archive whose `RECORD` lists every other file with its SHA-256 and
//! size (PEP 427). Reproducible: files in the order given (the `.dist-info` last, `RECORD` at
//! its end), every timestamp `SOURCE_DATE_EPOCH` (else 1980-01-01), modes 0644 or 0755.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest as _, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::Error;

/// A file of the archive.
pub(crate) struct Entry {
    /// Its path in the archive (`/`-separated).
    pub path: String,
    pub contents: Vec<u8>,
    /// Whether it is a program (mode 0755).
    pub executable: bool,
}

impl Entry {
    /// A regular file.
    pub(crate) fn file(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        Entry {
            path: path.into(),
            contents: contents.into(),
            executable: false,
        }
    }
}

/// `sha256=<urlsafe base64 without padding>`, as RECORD writes hashes.
pub(crate) fn record_hash(contents: &[u8]) -> String {
    let digest = Sha256::digest(contents);
    format!(
        "sha256={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
    )
}

/// The `RECORD` of `entries`, itself listed last without a hash.
pub(crate) fn record(entries: &[Entry], record_path: &str) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str(&format!(
            "{},{},{}\n",
            csv_field(&entry.path),
            record_hash(&entry.contents),
            entry.contents.len()
        ));
    }
    out.push_str(&format!("{},,\n", csv_field(record_path)));
    out
}

/// A CSV field, quoted when it has to be.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The timestamp of every file: `SOURCE_DATE_EPOCH` (seconds since 1970) if the zip format
/// can hold it (1980 to 2107), else 1980-01-01 00:00:00.
fn timestamp() -> DateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .and_then(|t| DateTime::try_from(time::PrimitiveDateTime::new(t.date(), t.time())).ok())
        .unwrap_or_default()
}

/// Writes `entries` and their `RECORD` (at `record_path`) to `path`, through a temporary
/// file renamed into place.
pub(crate) fn write(
    path: &Path,
    mut entries: Vec<Entry>,
    record_path: &str,
) -> Result<PathBuf, Error> {
    let record = record(&entries, record_path);
    entries.push(Entry::file(record_path, record));
    let temp = path.with_extension(format!("whl.{}.tmp", std::process::id()));
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source: std::io::Error| Error::Io {
            action,
            path,
            source,
        }
    };
    let zip_error = |path: &Path| {
        let path = path.to_owned();
        move |e: zip::result::ZipError| Error::Io {
            action: "write",
            path,
            source: std::io::Error::other(e),
        }
    };
    let file = File::create(&temp).map_err(io("create", &temp))?;
    let mut zip = ZipWriter::new(file);
    let time = timestamp();
    for entry in &entries {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(time)
            .unix_permissions(if entry.executable { 0o755 } else { 0o644 });
        zip.start_file(entry.path.as_str(), options)
            .map_err(zip_error(&temp))?;
        zip.write_all(&entry.contents).map_err(io("write", &temp))?;
    }
    zip.finish().map_err(zip_error(&temp))?;
    std::fs::rename(&temp, path).map_err(io("replace", path))?;
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_lines_hash_and_size_every_file() {
        let entries = vec![
            Entry::file("a.py", "x = 1\n"),
            Entry::file("odd,name.txt", ""),
        ];
        assert_eq!(
            record(&entries, "a-1.dist-info/RECORD"),
            "a.py,sha256=nia_NpkRxFwkPGhBR7I_yeHc_PJX0pmhxjIBam_NM_Q,6\n\
             \"odd,name.txt\",sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\n\
             a-1.dist-info/RECORD,,\n"
        );
    }
}
