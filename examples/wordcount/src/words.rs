//! Splitting text into words and counting them: plain Rust, run with or without the
//! interpreter.

use indexmap::IndexMap;

use crate::alnum::Alnum;

/// Word counts in first-insertion order.
pub type Counts = IndexMap<String, u64>;

/// The words of `text`: its maximal runs of characters for which `str.isalnum()` is true.
pub fn words(text: &str, alnum: Alnum) -> impl Iterator<Item = &str> {
    text.split(move |c: char| !alnum.is_alnum(c))
        .filter(|w| !w.is_empty())
}

/// `word`, lowercased as Python's `word.lower()` does (Rust's `to_lowercase` applies the same
/// full mappings, final sigma included), into `buffer`.
pub fn lower_into(word: &str, buffer: &mut String) {
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.push_str(&word.to_lowercase());
    }
}

/// Counts the words of `texts` (lowercased when `lower`) into `counts`; `None` if a count
/// would overflow.
pub fn count<'t>(
    texts: impl IntoIterator<Item = &'t str>,
    alnum: Alnum,
    lower: bool,
    counts: &mut Counts,
) -> Option<()> {
    let mut buffer = String::new();
    for word in texts.into_iter().flat_map(|text| words(text, alnum)) {
        let word = if lower {
            lower_into(word, &mut buffer);
            buffer.as_str()
        } else {
            word
        };
        match counts.get_mut(word) {
            Some(n) => *n = n.checked_add(1)?,
            None => {
                counts.insert(word.to_owned(), 1);
            }
        }
    }
    Some(())
}

/// Adds `more` to `counts`, keeping the order in which words first appear; `None` if a count
/// would overflow.
pub fn merge(counts: &mut Counts, more: Counts) -> Option<()> {
    for (word, n) in more {
        let total = counts.entry(word).or_insert(0);
        *total = total.checked_add(n)?;
    }
    Some(())
}
