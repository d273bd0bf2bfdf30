//! `wordcount`: the example of hpy-rs's issue #17 — tokenizing with `str.isalnum()`'s exact
//! rules, a subclassable `WordBag` with its own iterator type, a real classmethod, pickling,
//! and `count_words`, which counts on several Rust threads with the interpreter released.
//! Tested by `tests/test_*.py` in universal and debug mode.

mod alnum;
mod parallel;
mod words;

use hpy::exceptions::{OverflowError, ValueError};
use hpy::prelude::*;
use hpy::{BuiltinType, IntoPy};

use alnum::Alnum;
use words::Counts;

/// `obj` as a word a bag may hold: a `str` (or subclass) whose text is UTF-8. Anything else —
/// another type, a `str` with a lone surrogate — is no word of any bag (as a `dict` of `str`
/// keys answers for it), and `None`.
fn as_word<'a>(obj: &'a Handle<'_>) -> Option<&'a str> {
    if !obj.is_instance_of(BuiltinType::UnicodeType) {
        return None;
    }
    obj.extract::<&str>()
        .map_err(|err| err.clear(obj.context())) // a lone surrogate: no Rust string holds it
        .ok()
}

/// The error of a count that would pass `u64::MAX`.
fn overflow() -> Error {
    OverflowError::new_err("WordBag count overflowed 64 bits")
}

#[hpy::module]
/// Counting words in Rust: `tokenize`, `WordBag` and `count_words` (on several threads).
mod wordcount {
    use super::*;

    /// The words of `text`: its maximal runs of characters for which `str.isalnum()` is true,
    /// lowercased (as `str.lower()` does) unless `lower` is false.
    #[hpy::function(signature = (text, *, lower = true))]
    fn tokenize(cx: Context<'_>, text: &str, lower: bool) -> Result<Vec<String>> {
        let alnum = Alnum::for_texts(cx, [text])?;
        let mut buffer = String::new();
        let words = words::words(text, alnum)
            .map(|word| {
                if lower {
                    words::lower_into(word, &mut buffer);
                    buffer.clone()
                } else {
                    word.to_owned()
                }
            })
            .collect();
        Ok(words)
    }

    /// Counts the (lowercased) words of `texts` on up to `threads` Rust threads, with the
    /// interpreter released while they count: other Python threads run meanwhile.
    #[hpy::function(signature = (texts, *, threads = 4))]
    fn count_words(cx: Context<'_>, texts: Vec<String>, threads: i64) -> Result<WordBag> {
        if threads < 1 {
            return Err(ValueError::new_err(format!(
                "threads must be at least 1, not {threads}"
            )));
        }
        let threads = usize::try_from(threads).unwrap_or(usize::MAX);
        let alnum = Alnum::for_texts(cx, texts.iter().map(String::as_str))?;
        let counts = cx
            .leave_python(|| parallel::count_words(&texts, alnum, threads))
            .ok_or_else(overflow)?;
        Ok(WordBag { counts })
    }

    /// `WordBag(iterable=None)`: how many times each word was added, in the order words were
    /// first added.
    #[hpy::class(subclass)]
    pub struct WordBag {
        counts: Counts,
    }

    impl WordBag {
        /// Adds one occurrence of each of `words`, all or nothing.
        fn add_all(&mut self, words: Vec<String>) -> Result<()> {
            let mut more = Counts::new();
            for word in words {
                *more.entry(word).or_insert(0) += 1;
            }
            let fits = more.iter().all(|(word, n)| {
                self.counts
                    .get(word)
                    .is_none_or(|count| count.checked_add(*n).is_some())
            });
            if !fits {
                return Err(overflow());
            }
            words::merge(&mut self.counts, more).ok_or_else(overflow)
        }

        /// The `(word, count)` pairs by count, highest first, ties in insertion order.
        fn by_count(&self) -> Vec<(&str, u64)> {
            let mut pairs: Vec<(&str, u64)> =
                self.counts.iter().map(|(w, n)| (w.as_str(), *n)).collect();
            pairs.sort_by_key(|pair| std::cmp::Reverse(pair.1)); // stable: ties keep their order
            pairs
        }

        /// A new iterator over `this`'s words, or its `(word, count)` pairs.
        fn iterator<'ctx>(
            this: &Typed<'ctx, Self>,
            items: bool,
        ) -> Result<Typed<'ctx, WordBagIterator>> {
            let size = this.borrow()?.counts.len();
            let iterator = Typed::new(
                this.context(),
                WordBagIterator {
                    bag: Field::new(),
                    next: 0,
                    size,
                    items,
                    changed: false,
                },
            )?;
            iterator.set_field(|i| &i.bag, Some(this))?;
            Ok(iterator)
        }
    }

    #[hpy::methods]
    impl WordBag {
        #[new]
        #[hpy(signature = (iterable = None))]
        fn new(iterable: Option<Vec<String>>) -> Result<Self> {
            let mut bag = WordBag {
                counts: Counts::new(),
            };
            if let Some(words) = iterable {
                bag.add_all(words)?;
            }
            Ok(bag)
        }

        /// Adds one occurrence of `word`.
        fn add(&mut self, word: &str) -> Result<()> {
            match self.counts.get_mut(word) {
                Some(n) => *n = n.checked_add(1).ok_or_else(overflow)?,
                None => {
                    self.counts.insert(word.to_owned(), 1);
                }
            }
            Ok(())
        }

        /// Adds one occurrence of each word of `iterable` (any iterable of `str`; a dict gives
        /// its keys, a WordBag its words). If an item is not a `str`, nothing is added.
        fn update(&mut self, iterable: Vec<String>) -> Result<()> {
            self.add_all(iterable)
        }

        /// The `n` most common `(word, count)` pairs (all of them when `n` is None), highest
        /// count first; equal counts in the order the words were first added.
        #[hpy(signature = (n = None))]
        fn most_common(&self, n: Option<i64>) -> Vec<(&str, u64)> {
            let mut pairs = self.by_count();
            if let Some(n) = n {
                pairs.truncate(usize::try_from(n).unwrap_or(0));
            }
            pairs
        }

        /// The sum of all counts.
        fn total(&self) -> u128 {
            self.counts.values().map(|&n| u128::from(n)).sum()
        }

        /// An iterator over the `(word, count)` pairs, in insertion order.
        fn items<'ctx>(this: &Typed<'ctx, Self>) -> Result<Typed<'ctx, WordBagIterator>> {
            Self::iterator(this, true)
        }

        /// A bag of `words`, each counted `count` times (an instance of the class it is
        /// called on).
        #[classmethod]
        #[hpy(signature = (cls, words, count = 1), annotations(return = "WordBag"))]
        fn fromkeys<'ctx>(
            cls: &Handle<'ctx>,
            words: Vec<String>,
            count: u64,
        ) -> Result<Handle<'ctx>> {
            let bag = cls.call(())?;
            {
                let mut value = bag.downcast::<WordBag>()?.borrow_mut()?;
                for word in words {
                    value.counts.insert(word, count);
                }
            }
            Ok(bag)
        }

        fn __len__(&self) -> usize {
            self.counts.len()
        }

        fn __getitem__(&self, word: &Handle<'_>) -> Result<u64> {
            let count = as_word(word).and_then(|word| self.counts.get(word).copied());
            count.ok_or_else(|| KeyError::new_err_with(word))
        }

        fn __contains__(&self, word: &Handle<'_>) -> bool {
            as_word(word).is_some_and(|word| self.counts.contains_key(word))
        }

        fn __iter__<'ctx>(this: &Typed<'ctx, Self>) -> Result<Typed<'ctx, WordBagIterator>> {
            Self::iterator(this, false)
        }

        fn __eq__(&self, other: Ref<'_, '_, WordBag>) -> bool {
            self.counts == other.counts
        }

        fn __repr__<'ctx>(this: &Typed<'ctx, Self>) -> Result<String> {
            let cx = this.context();
            let name: String = this.get_type().getattr(c"__name__")?.extract()?;
            let bag = this.borrow()?;
            if bag.counts.is_empty() {
                return Ok(format!("{name}()"));
            }
            let dict: indexmap::IndexMap<&str, u64> = bag.by_count().into_iter().collect();
            Ok(format!("{name}({})", dict.into_py(cx)?.repr()?))
        }

        /// Pickles as `(type(self), (), state)`: the counts, with the instance `__dict__` of
        /// a Python subclass when it has one.
        fn __reduce__<'ctx>(this: &Typed<'ctx, Self>) -> Result<(Handle<'ctx>, (), Handle<'ctx>)> {
            let cx = this.context();
            let counts = this.borrow()?.counts.clone().into_py(cx)?;
            let state = match this.hasattr(c"__dict__") {
                true => cx.to_py((counts, this.getattr(c"__dict__")?))?,
                false => counts,
            };
            Ok((this.get_type(), (), state))
        }

        /// Restores what `__reduce__` saved: a dict of counts, or `(counts, __dict__)`.
        fn __setstate__<'ctx>(this: &Typed<'ctx, Self>, state: &Handle<'ctx>) -> Result<()> {
            let (counts, attributes) = match state.is_instance_of(BuiltinType::TupleType) {
                true => {
                    let (counts, attributes): (Counts, Handle<'ctx>) = state.extract()?;
                    (counts, Some(attributes))
                }
                false => (state.extract::<Counts>()?, None),
            };
            if let Some(attributes) = attributes {
                this.getattr(c"__dict__")?
                    .call_method(c"update", (attributes,))?;
            }
            this.borrow_mut()?.counts = counts;
            Ok(())
        }
    }

    /// An iterator over a WordBag's words (or `(word, count)` pairs), in insertion order.
    #[hpy::class]
    pub struct WordBagIterator {
        /// The bag; empty once the iteration ended.
        bag: Field,
        /// The index of the next word.
        next: usize,
        /// The bag's size when the iteration started.
        size: usize,
        /// Whether to yield `(word, count)` pairs.
        items: bool,
        /// Whether the bag's size changed: every `next()` then raises.
        changed: bool,
    }

    #[hpy::methods]
    impl WordBagIterator {
        fn __iter__<'ctx>(this: &Typed<'ctx, Self>) -> Typed<'ctx, Self> {
            this.clone()
        }

        #[hpy(annotations(return = "str | tuple[str, int]"))]
        fn __next__<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            let cx = this.context();
            let Some(bag) = this.field(|i| &i.bag)? else {
                return Ok(None);
            };
            let bag = bag.downcast::<WordBag>()?.borrow()?;
            let mut state = this.borrow_mut()?;
            if state.changed || bag.counts.len() != state.size {
                state.changed = true;
                return Err(RuntimeError::new_err(
                    "WordBag changed size during iteration",
                ));
            }
            let Some((word, count)) = bag.counts.get_index(state.next) else {
                drop(state);
                this.set_field(|i| &i.bag, None)?;
                return Ok(None);
            };
            state.next += 1;
            let item = match state.items {
                true => cx.to_py((word.as_str(), *count))?,
                false => cx.to_py(word.as_str())?,
            };
            Ok(Some(item))
        }
    }
}
