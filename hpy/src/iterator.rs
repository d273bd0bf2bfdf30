//! [`PyIter`]: any Rust iterator returned to Python as an iterator object.
//!
//! The object is of a type this library creates when the module executes (next to its
//! `PanicException`), `<module>.rust_iterator`, which Python cannot construct. Its value is the
//! Rust iterator, boxed behind a function that converts each item with the context of the
//! `__next__` call that asked for it; the items are converted one by one, never collected.

use crate::{Context, Handle, IntoPy, Result, Typed};

/// The boxed iterator: each call converts the next item, `None` at the end.
type NextItem = Box<dyn for<'c> FnMut(Context<'c>) -> Option<Result<Handle<'c>>> + Send>;

/// A Rust iterator that becomes a Python iterator when returned (or converted with
/// [`IntoPy`]): `iter(it) is it`, each `next(it)` converts the next item, and after the last
/// one `StopIteration` is raised every time. An item that is an `Err` is raised by the
/// `next()` that reached it, and iteration may go on after it.
///
/// The iterator must be `Send + 'static` (the object may be used from any Python thread and
/// lives as long as Python keeps it): it owns its data, and holds no [`Handle`] (keep Python
/// objects in a class's [`Field`](crate::Field)s instead).
///
/// ```
/// use hpy::PyIter;
///
/// #[hpy::module]
/// mod squares {
///     use super::*;
///
///     /// `0, 1, 4, 9, ...` below `n * n`, computed as Python asks for them.
///     #[hpy::function]
///     fn squares(n: u64) -> PyIter<impl Iterator<Item = u64> + Send + 'static> {
///         PyIter::new((0..n).map(|i| i * i))
///     }
/// }
/// # fn main() {}
/// ```
pub struct PyIter<I>(I);

impl<I> PyIter<I> {
    /// Wraps `iter`, whose items are [`IntoPy`] values or `Result`s of them.
    pub fn new(iter: I) -> Self {
        PyIter(iter)
    }
}

/// An item a [`PyIter`] can yield: a value converted with [`IntoPy`], or a `Result` of one
/// whose `Err` is raised.
pub trait IterItem {
    /// Converts the item (or returns its error).
    fn into_item(self, cx: Context<'_>) -> Result<Handle<'_>>;
}

impl<T: for<'c> IntoPy<'c>> IterItem for T {
    fn into_item(self, cx: Context<'_>) -> Result<Handle<'_>> {
        self.into_py(cx)
    }
}

impl<T: for<'c> IntoPy<'c>> IterItem for Result<T> {
    fn into_item(self, cx: Context<'_>) -> Result<Handle<'_>> {
        self?.into_py(cx)
    }
}

impl<'ctx, I> IntoPy<'ctx> for PyIter<I>
where
    I: Iterator + Send + 'static,
    I::Item: IterItem,
{
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        let mut iter = self.0;
        let next: NextItem = Box::new(move |cx| iter.next().map(|item| item.into_item(cx)));
        RustIterator { next: Some(next) }.into_py(cx)
    }
}

/// The Python type of [`PyIter`] objects.
#[crate::class(name = "rust_iterator")]
pub(crate) struct RustIterator {
    /// `None` once the iterator ended.
    next: Option<NextItem>,
}

#[crate::methods]
impl RustIterator {
    fn __iter__<'ctx>(this: &Typed<'ctx, Self>) -> Handle<'ctx> {
        Handle::clone(this)
    }

    fn __next__<'ctx>(&mut self, cx: Context<'ctx>) -> Result<Option<Handle<'ctx>>> {
        let Some(next) = &mut self.next else {
            return Ok(None);
        };
        match next(cx) {
            Some(item) => item.map(Some),
            None => {
                self.next = None; // drops the iterator at once
                Ok(None)
            }
        }
    }
}
