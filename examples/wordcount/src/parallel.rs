//! Counting on several threads: the texts are cut into contiguous parts of about equal size
//! (a long text is cut too, between words), each part is counted on its own scoped thread,
//! and the counts are merged in order, so the first-insertion order is the one a single
//! thread would give.

use crate::alnum::Alnum;
use crate::words::{self, Counts};

/// Below this many bytes per part, another thread costs more than it saves.
const MIN_PART: usize = 16 * 1024;

/// The counts of all words of `texts` (lowercased), on at most `threads` threads; `None` if a
/// count overflows.
pub fn count_words(texts: &[String], alnum: Alnum, threads: usize) -> Option<Counts> {
    let parts = split(texts, alnum, threads);
    let counted: Vec<Option<Counts>> = std::thread::scope(|s| {
        let spawned: Vec<_> = parts[1..]
            .iter()
            .map(|part| s.spawn(move || count_part(part, alnum)))
            .collect();
        let first = count_part(&parts[0], alnum);
        let joined = spawned.into_iter().map(|thread| match thread.join() {
            Ok(counts) => counts,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        std::iter::once(first).chain(joined).collect()
    });
    let mut counted = counted.into_iter();
    let mut total = counted.next()??;
    for counts in counted {
        words::merge(&mut total, counts?)?;
    }
    Some(total)
}

/// The counts of one part.
fn count_part(part: &[&str], alnum: Alnum) -> Option<Counts> {
    let mut counts = Counts::new();
    words::count(part.iter().copied(), alnum, true, &mut counts)?;
    Some(counts)
}

/// `texts` cut into at most `threads` (at least one) contiguous parts of about equal size,
/// cutting only before a character that separates words.
fn split(texts: &[String], alnum: Alnum, threads: usize) -> Vec<Vec<&str>> {
    let total: usize = texts.iter().map(String::len).sum();
    let parts = threads.min(total / MIN_PART).max(1);
    let size = total.div_ceil(parts).max(1);
    let mut split: Vec<Vec<&str>> = vec![Vec::new()];
    let mut room = size;
    for text in texts {
        let mut rest = text.as_str();
        while rest.len() > room && split.len() < parts {
            let cut = cut_after(rest, room, alnum);
            split.last_mut().expect("never empty").push(&rest[..cut]);
            rest = &rest[cut..];
            split.push(Vec::new());
            room = size;
        }
        split.last_mut().expect("never empty").push(rest);
        room = room.saturating_sub(rest.len());
    }
    split
}

/// The first index at or after `at` where `text` may be cut without cutting a word: before a
/// character that is not alphanumeric, or the end.
fn cut_after(text: &str, at: usize, alnum: Alnum) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..]
        .char_indices()
        .find(|&(_, c)| !alnum.is_alnum(c))
        .map_or(text.len(), |(i, _)| at + i)
}
