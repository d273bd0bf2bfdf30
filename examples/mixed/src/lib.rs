//! The native part of the `mixed` package: what is worth writing in Rust.

#[hpy::module]
/// The native part of `mixed`; import `mixed` instead.
mod _native {
    /// The number of words in `text` (runs of non-whitespace).
    #[hpy::function]
    fn count_words(text: &str) -> usize {
        text.split_whitespace().count()
    }
}
