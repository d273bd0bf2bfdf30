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

/// The timestamp of every file: `SOURCE_DATE_EPOCH` (seconds since 1970, clamped to the zip
/// format's 1980..=2107), else 1980-01-01 00:00:00.
fn timestamp() -> DateTime {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    epoch
        .and_then(|secs| {
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            let y = u16::try_from(y.clamp(1980, 2107)).ok()?;
            DateTime::from_date_and_time(
                y,
                m,
                d,
                (rem / 3600) as u8,
                (rem % 3600 / 60) as u8,
                (rem % 60) as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// The date of `days` since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
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

    #[test]
    fn dates_are_computed_from_the_epoch() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
