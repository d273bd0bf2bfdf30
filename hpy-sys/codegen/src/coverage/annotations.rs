//! The hand-written annotation file: one line per context function,
//! `ctx_Name  C_API_Name  status  text`, columns separated by spaces, the text running to the
//! end of the line; `#` starts a comment line.

/// Whether the safe API reaches a function, and if not, why.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Status {
    /// Called by the safe API; the text names the public items.
    Reached,
    /// Another context function does its job for the safe API.
    Covered,
    /// No safe API yet, and nothing in HPy stands in the way of one.
    Missing,
    /// No safe form makes sense; only the raw table (`hpy::ffi`) has it.
    RawOnly,
}

impl Status {
    /// Every status, in the order of the summary.
    pub const ALL: [Status; 4] = [
        Status::Reached,
        Status::Covered,
        Status::Missing,
        Status::RawOnly,
    ];

    /// The word in the annotation file.
    pub fn word(self) -> &'static str {
        match self {
            Status::Reached => "reached",
            Status::Covered => "covered",
            Status::Missing => "missing",
            Status::RawOnly => "raw-only",
        }
    }

    /// What the word means, for the document's legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Reached => "called by the safe API; the row names the public items",
            Status::Covered => "not called: another context function does its job for the safe API",
            Status::Missing => "not called: no safe API yet, though nothing in HPy prevents one",
            Status::RawOnly => {
                "not called: no safe form makes sense; the raw table `hpy::ffi` has it (unsafe)"
            }
        }
    }

    fn from_word(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.word() == word)
    }
}

/// One annotated context function.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Entry {
    /// `ctx_Dup`
    pub member: String,
    /// `HPy_Dup`
    pub c_name: String,
    pub status: Status,
    /// Markdown: the public items (reached), or the reason (not reached).
    pub text: String,
    /// 1-based, for messages.
    pub line: usize,
}

/// Parses the file; errors name the line (`line 12: ...`).
pub fn parse(source: &str) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (member, rest) = split_word(trimmed);
        let (c_name, rest) = split_word(rest);
        let (status, text) = split_word(rest);
        let Some(status) = Status::from_word(status) else {
            let words: Vec<&str> = Status::ALL.iter().map(|s| s.word()).collect();
            return Err(format!(
                "line {line}: expected `ctx_Name C_API_Name status text` with a status among {}, found {trimmed:?}",
                words.join(", ")
            ));
        };
        if text.is_empty() {
            return Err(format!(
                "line {line}: `{member}` needs a text: the public API, or why none reaches it"
            ));
        }
        if text.contains('|') {
            return Err(format!(
                "line {line}: `|` would end the table cell; write it another way"
            ));
        }
        entries.push(Entry {
            member: member.to_owned(),
            c_name: c_name.to_owned(),
            status,
            text: text.to_owned(),
            line,
        });
    }
    Ok(entries)
}

/// The first word and the rest, trimmed.
fn split_word(s: &str) -> (&str, &str) {
    match s.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim_start()),
        None => (s, ""),
    }
}

/// Whether `c_name` is the public C name of `member` by HPy's rule: the member is `ctx_`
/// plus the C name without its `HPy`, `HPy_`, `_HPy` or `_HPy_` prefix (`HPyLong_AsInt64_t` →
/// `ctx_Long_AsInt64_t`, `HPy_Dup` → `ctx_Dup`, `_HPy_New` → `ctx_New`).
pub fn c_name_matches(member: &str, c_name: &str) -> bool {
    let Some(suffix) = member.strip_prefix("ctx_") else {
        return false;
    };
    ["_HPy_", "_HPy", "HPy_", "HPy"]
        .iter()
        .any(|prefix| c_name.strip_prefix(prefix) == Some(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_skips_comments() {
        let entries = parse(
            "# a comment\n\nctx_Dup   HPy_Dup   reached   `Handle::clone` (`Clone`)\n\
             ctx_Dump  _HPy_Dump raw-only  a debugging aid\n",
        )
        .unwrap();
        assert_eq!(
            entries,
            [
                Entry {
                    member: "ctx_Dup".into(),
                    c_name: "HPy_Dup".into(),
                    status: Status::Reached,
                    text: "`Handle::clone` (`Clone`)".into(),
                    line: 3,
                },
                Entry {
                    member: "ctx_Dump".into(),
                    c_name: "_HPy_Dump".into(),
                    status: Status::RawOnly,
                    text: "a debugging aid".into(),
                    line: 4,
                },
            ]
        );
    }

    #[test]
    fn reports_bad_lines() {
        let err = parse("ctx_Dup HPy_Dup used x\n").unwrap_err();
        assert!(err.starts_with("line 1: expected `ctx_Name C_API_Name status text` with a status among reached, covered, missing, raw-only"), "{err}");
        let err = parse("\nctx_Dup HPy_Dup reached\n").unwrap_err();
        assert_eq!(
            err,
            "line 2: `ctx_Dup` needs a text: the public API, or why none reaches it"
        );
        let err = parse("ctx_Dup HPy_Dup reached a | b\n").unwrap_err();
        assert!(err.starts_with("line 1: `|`"), "{err}");
    }

    #[test]
    fn checks_c_names_by_hpy_s_rule() {
        assert!(c_name_matches("ctx_Dup", "HPy_Dup"));
        assert!(c_name_matches("ctx_Long_AsInt64_t", "HPyLong_AsInt64_t"));
        assert!(c_name_matches("ctx_New", "_HPy_New"));
        assert!(!c_name_matches("ctx_Dup", "HPy_Close"));
        assert!(!c_name_matches("ctx_Dup", "Dup"));
        assert!(!c_name_matches("Dup", "HPyDup"));
    }
}
