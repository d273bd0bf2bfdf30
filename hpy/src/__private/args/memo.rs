//! The keyword memo: how a remembered keyword call of a function bound its keywords.
//!
//! Reading the keyword names is most of the cost of a keyword call on HPy 0.9: it has no
//! borrowed tuple access, so every name is an `HPy_GetItem_i` (on CPython: box the index,
//! `PyObject_GetItem`, unbox) and a text compare. But CPython passes the keyword names of a
//! call site as one constant tuple of its code object, so the calls from one site all see the
//! same tuple. The memo keeps a reference to a tuple the function's parameters bound (in a
//! [`Global`], which the module registers) and the parameter each of its names went to; a
//! call whose names are that very tuple (`HPy_Is`) with as many positional arguments binds
//! without reading a name. A tuple is immutable, so it still holds the same names; with the
//! same number of positional arguments, binding them again would give the same result — and
//! since only a call that bound completely (no argument missing, none too many) is
//! remembered, that result needs no checking either.
//!
//! A call that misses replaces the remembered one only after [`REPLACE_AFTER`] misses in a
//! row: calls alternating between two call sites keep hitting on one of them instead of
//! replacing each other (and paying a global store) on every call.

use core::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use crate::{Global, Handle};

/// The most keywords a memo remembers.
pub(super) const CAPACITY: usize = 8;

/// [`KeywordMemo::len`] when nothing is remembered.
const NOTHING: usize = usize::MAX;

/// How many calls in a row must miss before one replaces the remembered call.
const REPLACE_AFTER: u8 = 8;

/// The binding of a remembered keyword call of a function, one whose keywords all went to
/// parameters (one `static` per parameter table; see the module documentation).
pub struct KeywordMemo {
    /// The call's keyword names (a tuple).
    names: Global,
    /// How many positional arguments the call had.
    nargs: AtomicUsize,
    /// How many keywords (at most [`CAPACITY`]), or [`NOTHING`].
    len: AtomicUsize,
    /// The parameter each keyword went to, in the order of `names`.
    params: [AtomicU8; CAPACITY],
    /// Calls that missed since the last that hit (saturating at [`REPLACE_AFTER`]).
    misses: AtomicU8,
}

impl KeywordMemo {
    /// Remembers nothing.
    pub const fn new() -> Self {
        KeywordMemo {
            names: Global::new(),
            nargs: AtomicUsize::new(0),
            len: AtomicUsize::new(NOTHING),
            params: [const { AtomicU8::new(0) }; CAPACITY],
            misses: AtomicU8::new(0),
        }
    }

    /// The global that keeps the remembered names, for the module to register.
    pub(in crate::__private) fn global(&'static self) -> &'static Global {
        &self.names
    }

    /// How many keywords a call with `nargs` positional arguments and the keyword names
    /// `kwnames` has, if that is the call remembered ([`KeywordMemo::param`] says where
    /// each goes).
    // Reads and writes of the memo are serialised by the runtime (CPython's GIL), as every
    // HPy call is, so relaxed atomics suffice.
    #[inline]
    pub(super) fn recall(&'static self, kwnames: &Handle<'_>, nargs: usize) -> Option<usize> {
        let len = self.len.load(Ordering::Relaxed);
        if len == NOTHING {
            return None;
        }
        let same = self.nargs.load(Ordering::Relaxed) == nargs && self.names.holds(kwnames);
        if !same {
            let misses = self.misses.load(Ordering::Relaxed);
            self.misses.store(
                misses.saturating_add(1).min(REPLACE_AFTER),
                Ordering::Relaxed,
            );
            return None;
        }
        self.misses.store(0, Ordering::Relaxed);
        Some(len)
    }

    /// The parameter the keyword at `position` of the remembered call went to.
    #[inline]
    pub(super) fn param(&self, position: usize) -> usize {
        usize::from(self.params[position].load(Ordering::Relaxed))
    }

    /// Remembers that the keywords named by `kwnames` went to `params` in a call with `nargs`
    /// positional arguments (unless there are too many to remember, the module did not
    /// register the memo, or the call remembered has not missed often enough to be replaced).
    pub(super) fn remember(&'static self, kwnames: &Handle<'_>, nargs: usize, params: &[u8]) {
        let replaceable = self.len.load(Ordering::Relaxed) == NOTHING
            || self.misses.load(Ordering::Relaxed) >= REPLACE_AFTER;
        if params.len() > CAPACITY || !self.names.is_registered() || !replaceable {
            return;
        }
        self.misses.store(0, Ordering::Relaxed);
        self.len.store(NOTHING, Ordering::Relaxed);
        self.names.store(kwnames);
        self.nargs.store(nargs, Ordering::Relaxed);
        for (slot, &param) in self.params.iter().zip(params) {
            slot.store(param, Ordering::Relaxed);
        }
        self.len.store(params.len(), Ordering::Relaxed);
    }
}

/// The memo of functions whose keywords never come as the caller's names (`tp_new`'s come
/// in a dict; METH_O and METH_FASTCALL functions take none). Never registered, so it never
/// remembers anything.
pub static NO_KEYWORD_MEMO: KeywordMemo = KeywordMemo::new();

impl Default for KeywordMemo {
    fn default() -> Self {
        Self::new()
    }
}
