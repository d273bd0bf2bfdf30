//! `iteration`: the special methods HPy 0.9 has no slot for (`__iter__`, `__next__`,
//! `__getattr__`, `__setattr__`, `__delattr__`, `__get__`, `__set__`), which `#[hpy::methods]`
//! sets on the type after creating it, plus `__reversed__`; and Rust iterators returned as
//! Python iterators ([`PyIter`]). Tested by `tests/test_*.py` in universal and debug mode.

use std::sync::atomic::{AtomicUsize, Ordering};

use hpy::PyIter;
use hpy::exceptions::{AttributeError, RuntimeError, ValueError};
use hpy::prelude::*;

/// How many [`Tracked`] iterators were dropped.
static DROPPED: AtomicUsize = AtomicUsize::new(0);

/// An endless iterator `0, 1, 2, ...` that counts its drops in [`DROPPED`].
struct Tracked(u64);

impl Iterator for Tracked {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        self.0 += 1;
        Some(self.0 - 1)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Ordering::Relaxed);
    }
}

#[hpy::module]
/// Iterators, attribute hooks and descriptors.
mod iteration {
    use super::*;

    /// `0, 1, 4, ...`: the squares below `n * n`, as a Python iterator over a Rust one.
    #[hpy::function]
    fn squares(n: u64) -> PyIter<impl Iterator<Item = u64> + Send + 'static> {
        PyIter::new((0..n).map(|i| i * i))
    }

    /// The words of `text` with their positions, `(index, word)` tuples.
    #[hpy::function]
    fn enumerate_words(text: &str) -> PyIter<std::vec::IntoIter<(usize, String)>> {
        let words: Vec<(usize, String)> = text
            .split_whitespace()
            .map(str::to_owned)
            .enumerate()
            .collect();
        PyIter::new(words.into_iter())
    }

    /// `1 / x` for each of `xs`, raising ValueError for a zero and going on after it.
    #[hpy::function]
    fn inverses(xs: Vec<f64>) -> PyIter<impl Iterator<Item = Result<f64>> + Send + 'static> {
        PyIter::new(xs.into_iter().map(|x| {
            if x == 0.0 {
                Err(ValueError::new_err("no inverse of 0"))
            } else {
                Ok(1.0 / x)
            }
        }))
    }

    /// An endless iterator whose drop [`dropped`] counts.
    #[hpy::function]
    fn naturals() -> PyIter<Tracked> {
        PyIter::new(Tracked(0))
    }

    /// How many iterators of [`naturals`] were dropped.
    #[hpy::function]
    fn dropped() -> usize {
        DROPPED.load(Ordering::Relaxed)
    }

    /// Panics on the third item.
    #[hpy::function]
    fn panicking() -> PyIter<impl Iterator<Item = u32> + Send + 'static> {
        PyIter::new((0..5).map(|i| if i == 2 { panic!("item {i}") } else { i }))
    }

    /// `Countdown(n)`: an iterator over `n, n - 1, ..., 1`.
    #[hpy::class(subclass)]
    pub struct Countdown {
        next: i64,
    }

    #[hpy::methods]
    impl Countdown {
        #[new]
        fn new(n: i64) -> Self {
            Countdown { next: n }
        }

        fn __iter__<'ctx>(this: &Typed<'ctx, Self>) -> Handle<'ctx> {
            Handle::clone(this)
        }

        fn __next__(&mut self) -> Option<i64> {
            (self.next > 0).then(|| {
                self.next -= 1;
                self.next + 1
            })
        }
    }

    /// `Words(text)`: iterable (a fresh iterator each time) and reversible.
    #[hpy::class(subclass)]
    pub struct Words {
        words: Vec<String>,
    }

    #[hpy::methods]
    impl Words {
        #[new]
        fn new(text: &str) -> Self {
            Words {
                words: text.split_whitespace().map(str::to_owned).collect(),
            }
        }

        fn __iter__<'ctx>(&self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
            cx.builtin("iter")?.call((self.words.clone(),))
        }

        fn __reversed__<'ctx>(&self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
            let reversed: Vec<&str> = self.words.iter().rev().map(String::as_str).collect();
            cx.builtin("iter")?.call((reversed,))
        }

        fn __len__(&self) -> usize {
            self.words.len()
        }
    }

    /// An iterator whose `__next__` fails after `ok` items.
    #[hpy::class]
    pub struct Failing {
        ok: u32,
    }

    #[hpy::methods]
    impl Failing {
        #[new]
        fn new(ok: u32) -> Self {
            Failing { ok }
        }

        fn __iter__<'ctx>(this: &Typed<'ctx, Self>) -> Handle<'ctx> {
            Handle::clone(this)
        }

        fn __next__(&mut self) -> Result<Option<u32>> {
            match self.ok.checked_sub(1) {
                Some(left) => {
                    self.ok = left;
                    Ok(Some(left))
                }
                None => Err(RuntimeError::new_err("the iterator failed")),
            }
        }
    }

    /// `Lazy()`: real attributes first (`real`), then `__getattr__` makes up `name.upper()`
    /// for names starting with `x`, and raises AttributeError for the others.
    #[hpy::class(subclass)]
    pub struct Lazy {
        lookups: u32,
    }

    #[hpy::methods]
    impl Lazy {
        #[new]
        fn new() -> Self {
            Lazy { lookups: 0 }
        }

        #[getter]
        fn real(&self) -> &'static str {
            "real"
        }

        /// How many times `__getattr__` ran.
        #[getter]
        fn lookups(&self) -> u32 {
            self.lookups
        }

        fn __getattr__(&mut self, name: &str) -> Result<String> {
            self.lookups += 1;
            if name.starts_with('x') {
                Ok(name.to_uppercase())
            } else {
                Err(AttributeError::new_err(format!(
                    "'Lazy' object has no attribute '{name}'"
                )))
            }
        }
    }

    /// `Record()`: attributes kept in a Rust map through `__setattr__` / `__delattr__`, read
    /// back through `__getattr__`.
    #[hpy::class]
    pub struct Record {
        values: Vec<(String, i64)>,
    }

    #[hpy::methods]
    impl Record {
        #[new]
        fn new() -> Self {
            Record { values: Vec::new() }
        }

        fn __setattr__(&mut self, name: String, value: i64) {
            match self.values.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => *v = value,
                None => self.values.push((name, value)),
            }
        }

        fn __delattr__(&mut self, name: &str) -> Result<()> {
            let before = self.values.len();
            self.values.retain(|(n, _)| n != name);
            if self.values.len() == before {
                return Err(AttributeError::new_err(name.to_owned()));
            }
            Ok(())
        }

        fn __getattr__(&self, name: &str) -> Result<i64> {
            self.values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| *v)
                .ok_or_else(|| AttributeError::new_err(name.to_owned()))
        }
    }

    /// `Scaled(k)`, a descriptor: on an instance, `k * obj.base`; on the class, itself.
    /// Assigning through it stores `value / k` in `obj.base`.
    #[hpy::class]
    pub struct Scaled {
        k: i64,
    }

    #[hpy::methods]
    impl Scaled {
        #[new]
        fn new(k: i64) -> Self {
            Scaled { k }
        }

        fn __get__<'ctx>(
            this: &Typed<'ctx, Self>,
            obj: Option<&Handle<'ctx>>,
            _owner: Option<&Handle<'ctx>>,
        ) -> Result<Handle<'ctx>> {
            let cx = this.context();
            match obj {
                None => Ok(Handle::clone(this)),
                Some(obj) => {
                    let base: i64 = obj.getattr(c"base")?.extract()?;
                    cx.to_py(base * this.borrow()?.k)
                }
            }
        }

        fn __set__(&self, obj: &Handle<'_>, value: i64) -> Result<()> {
            obj.setattr(c"base", value / self.k)
        }
    }
}
