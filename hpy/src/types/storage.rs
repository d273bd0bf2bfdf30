//! The payload of an instance of a `#[hpy::class]`: the Rust value, plus a borrow flag unless
//! the type is frozen.
//!
//! HPy allocates the payload right after the object header (aligned to 16 bytes) with
//! `HPy_New`, zero-filled; the generated `tp_new` (or `Typed::new`) writes the storage into it
//! before anything else can see the object, and `tp_destroy` drops it in place.

use core::cell::{Cell, UnsafeCell};

use crate::Error;
use crate::exceptions::RuntimeError;

/// The payload layout of a `#[hpy::class]`.
///
/// # Safety
/// `value_ptr` must point to a valid `Value` for as long as the storage lives, and
/// `try_borrow`/`try_borrow_mut`/`release*` must implement a sound reader/writer discipline
/// (or, for a type never lent mutably, no `try_borrow_mut` success at all).
pub unsafe trait Storage: Sized + 'static {
    /// The Rust value stored.
    type Value;

    /// The storage for a new object.
    fn new(value: Self::Value) -> Self;

    /// A pointer to the value.
    fn value_ptr(&self) -> *mut Self::Value;

    /// Takes a shared borrow (released by [`Storage::release`]).
    fn try_borrow(&self) -> Result<(), Error>;

    /// Releases a shared borrow.
    fn release(&self);

    /// Whether the value is lent mutably right now (the GC then skips its fields).
    fn is_mutably_borrowed(&self) -> bool;
}

/// The storage of a mutable type: a borrow flag (0 free, n > 0 shared borrows, -1 lent
/// mutably) and the value.
#[repr(C)]
pub struct MutableCell<T> {
    flag: Cell<isize>,
    value: UnsafeCell<T>,
}

const MUTABLY_BORROWED: isize = -1;

// SAFETY: the flag grants either shared borrows or one mutable borrow, never both.
unsafe impl<T: 'static> Storage for MutableCell<T> {
    type Value = T;

    fn new(value: T) -> Self {
        MutableCell {
            flag: Cell::new(0),
            value: UnsafeCell::new(value),
        }
    }

    #[inline]
    fn value_ptr(&self) -> *mut T {
        self.value.get()
    }

    #[inline]
    fn try_borrow(&self) -> Result<(), Error> {
        let flag = self.flag.get();
        if flag == MUTABLY_BORROWED {
            return Err(already_mutably_borrowed());
        }
        self.flag.set(flag + 1);
        Ok(())
    }

    #[inline]
    fn release(&self) {
        self.flag.set(self.flag.get() - 1);
    }

    #[inline]
    fn is_mutably_borrowed(&self) -> bool {
        self.flag.get() == MUTABLY_BORROWED
    }
}

impl<T> MutableCell<T> {
    /// Takes the mutable borrow (released by [`MutableCell::release_mut`]).
    #[inline]
    pub fn try_borrow_mut(&self) -> Result<(), Error> {
        match self.flag.get() {
            0 => {
                self.flag.set(MUTABLY_BORROWED);
                Ok(())
            }
            MUTABLY_BORROWED => Err(already_mutably_borrowed()),
            _ => Err(RuntimeError::new_err("Already borrowed")),
        }
    }

    /// Releases the mutable borrow.
    #[inline]
    pub fn release_mut(&self) {
        self.flag.set(0);
    }
}

#[cold]
fn already_mutably_borrowed() -> Error {
    RuntimeError::new_err("Already mutably borrowed")
}

/// The storage of a frozen type: just the value, never lent mutably, so borrowing costs
/// nothing.
#[repr(C)]
pub struct FrozenCell<T> {
    value: T,
}

impl<T> FrozenCell<T> {
    /// Where the value is in the storage.
    pub(crate) const VALUE_OFFSET: usize = core::mem::offset_of!(Self, value);
}

// SAFETY: no mutable borrow is ever granted.
unsafe impl<T: 'static> Storage for FrozenCell<T> {
    type Value = T;

    fn new(value: T) -> Self {
        FrozenCell { value }
    }

    #[inline(always)]
    fn value_ptr(&self) -> *mut T {
        (&raw const self.value).cast_mut()
    }

    #[inline(always)]
    fn try_borrow(&self) -> Result<(), Error> {
        Ok(())
    }

    #[inline(always)]
    fn release(&self) {}

    #[inline(always)]
    fn is_mutably_borrowed(&self) -> bool {
        false
    }
}
