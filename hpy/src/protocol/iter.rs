//! Iteration: [`Handle::iter`] and [`Iter`].
//!
//! HPy 0.9 has no `HPy_GetIter`/`HPyIter_Next` in its context table, so general iteration
//! goes through the builtins `iter()` and `next(iterator, sentinel)` (the sentinel avoids a
//! `StopIteration` per loop). Exact lists and tuples, the common case, are walked by index
//! instead, re-reading the length each step as Python's list iterator does (their storage read
//! in place where `crate::storage` can: the CPython ABI, CPython's universal context).

use crate::context::call;
use crate::{Handle, Result};

/// An iterator over a Python iterable, yielding `Result<Handle>`; it stops after the first
/// error.
pub struct Iter<'ctx> {
    state: State<'ctx>,
}

enum State<'ctx> {
    /// An exact `list` or `tuple`, walked by index.
    Sequence {
        seq: Handle<'ctx>,
        next: isize,
    },
    /// The same, its storage read in place (`crate::storage`: the CPython ABI, and CPython's
    /// universal context).
    Storage {
        storage: crate::storage::Sequence<'ctx>,
        next: usize,
    },
    /// Any other iterable: `next(iterator, sentinel)` until the sentinel comes back.
    Protocol {
        iterator: Handle<'ctx>,
        next: Handle<'ctx>,
        sentinel: Handle<'ctx>,
    },
    Done,
}

impl<'ctx> Handle<'ctx> {
    /// `iter(self)`: iterate over the object's items.
    ///
    /// ```no_run
    /// # fn f<'ctx>(obj: &hpy::Handle<'ctx>) -> hpy::Result<i64> {
    /// let mut total = 0;
    /// for item in obj.iter()? {
    ///     total += item?.extract::<i64>()?;
    /// }
    /// # Ok(total) }
    /// ```
    pub fn iter(&self) -> Result<Iter<'ctx>> {
        let cx = self.context();
        let state = if let Some(kind) = self.exact_sequence() {
            if let Some(storage) = crate::storage::Sequence::of(self, kind == ExactSequence::List) {
                return Ok(Iter {
                    state: State::Storage { storage, next: 0 },
                });
            }
            State::Sequence {
                seq: self.clone(),
                next: 0,
            }
        } else {
            State::Protocol {
                iterator: cx.builtin("iter")?.call((self,))?,
                next: cx.builtin("next")?,
                sentinel: cx.builtin("object")?.call(())?,
            }
        };
        Ok(Iter { state })
    }
}

/// What [`Handle::exact_sequence`] found.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExactSequence {
    List,
    Tuple,
}

impl Handle<'_> {
    /// Which of an exact `list` or `tuple` the object is, if either, not a subclass: the
    /// objects whose length and items are their storage's (a subclass may override
    /// `__len__`, `__getitem__` and `__iter__`).
    #[inline]
    pub(crate) fn exact_sequence(&self) -> Option<ExactSequence> {
        let cx = self.context();
        let table = cx.table();
        let ty = self.get_type();
        // SAFETY: `ty` is open; the context's type handles are constants.
        unsafe {
            if call!(cx, ctx_Is(ty.as_raw(), table.h_ListType)) != 0 {
                Some(ExactSequence::List)
            } else if call!(cx, ctx_Is(ty.as_raw(), table.h_TupleType)) != 0 {
                Some(ExactSequence::Tuple)
            } else {
                None
            }
        }
    }
}

impl<'ctx> Iterator for Iter<'ctx> {
    type Item = Result<Handle<'ctx>>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = match &mut self.state {
            State::Done => return None,
            State::Sequence { seq, next } => match seq.len() {
                Ok(len) if (*next as usize) < len => {
                    *next += 1;
                    Some(seq.get_item_index(*next - 1))
                }
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            },
            // The size read again at each item, as CPython's list iterator does.
            State::Storage { storage, next } => match storage.item(*next) {
                Ok(Some(item)) => {
                    *next += 1;
                    Some(Ok(item))
                }
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            },
            State::Protocol {
                iterator,
                next,
                sentinel,
            } => match next.call((&*iterator, &*sentinel)) {
                Ok(item) if item.is(sentinel) => None,
                other => Some(other),
            },
        };
        if !matches!(item, Some(Ok(_))) {
            self.state = State::Done;
        }
        item
    }
}
