//! [`Ref`] and [`RefMut`]: borrows of the value inside an object, tied to its handle.

use core::ops::{Deref, DerefMut};

use super::{MutableCell, PyType, Storage, Typed};
use crate::{FromPy, Handle, Result};

/// A shared borrow of the value of a `#[hpy::class]` object; it cannot outlive the handle it
/// came from. Dropping it releases the borrow.
pub struct Ref<'h, 'ctx, T: PyType> {
    owner: &'h Typed<'ctx, T>,
    storage: &'h T::Storage,
}

impl<'h, 'ctx, T: PyType> Ref<'h, 'ctx, T> {
    pub(super) fn new(owner: &'h Typed<'ctx, T>) -> Result<Self> {
        let storage = owner.storage()?;
        storage.try_borrow()?;
        Ok(Ref { owner, storage })
    }

    /// The object the value belongs to.
    pub fn owner(&self) -> &'h Typed<'ctx, T> {
        self.owner
    }
}

impl<T: PyType> Deref for Ref<'_, '_, T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a shared borrow is held, so nothing mutates the value.
        unsafe { &*self.storage.value_ptr() }
    }
}

impl<T: PyType> Drop for Ref<'_, '_, T> {
    #[inline]
    fn drop(&mut self) {
        self.storage.release();
    }
}

/// The mutable borrow of the value of a `#[hpy::class]` object; it cannot outlive the handle
/// it came from. Dropping it releases the borrow.
pub struct RefMut<'h, 'ctx, T: PyType<Storage = MutableCell<T>>> {
    owner: &'h Typed<'ctx, T>,
    storage: &'h MutableCell<T>,
}

impl<'h, 'ctx, T: PyType<Storage = MutableCell<T>>> RefMut<'h, 'ctx, T> {
    pub(crate) fn new(owner: &'h Typed<'ctx, T>) -> Result<Self> {
        let storage = owner.storage()?;
        storage.try_borrow_mut()?;
        Ok(RefMut { owner, storage })
    }

    /// The object the value belongs to.
    pub fn owner(&self) -> &'h Typed<'ctx, T> {
        self.owner
    }
}

impl<T: PyType<Storage = MutableCell<T>>> Deref for RefMut<'_, '_, T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: this guard holds the only borrow.
        unsafe { &*self.storage.value_ptr() }
    }
}

impl<T: PyType<Storage = MutableCell<T>>> DerefMut for RefMut<'_, '_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: this guard holds the only borrow.
        unsafe { &mut *self.storage.value_ptr() }
    }
}

impl<T: PyType<Storage = MutableCell<T>>> Drop for RefMut<'_, '_, T> {
    #[inline]
    fn drop(&mut self) {
        self.storage.release_mut();
    }
}

impl<'a, 'ctx, T: PyType> FromPy<'a, 'ctx> for Ref<'a, 'ctx, T> {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        obj.downcast::<T>()?.borrow()
    }
}

impl<'a, 'ctx, T: PyType<Storage = MutableCell<T>>> FromPy<'a, 'ctx> for RefMut<'a, 'ctx, T> {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        RefMut::new(obj.downcast::<T>()?)
    }
}
