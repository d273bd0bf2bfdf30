//! The Rust value of a legacy-shaped object, from C-API code: [`borrow`], [`borrow_mut`].

use core::ops::{Deref, DerefMut};

use super::PyObject;
use crate::Result;
use crate::types::{LEGACY_PAYLOAD_OFFSET, MutableCell, PyType, Storage, initialised};

/// The storage of the legacy-shaped object `obj` (a `TypeError` if it holds no value).
///
/// # Safety
/// As for [`borrow`].
unsafe fn storage<'a, T: PyType>(obj: *mut PyObject) -> Result<&'a T::Storage> {
    const {
        assert!(
            T::LEGACY_SHAPE,
            "hpy::legacy::borrow needs a class with `legacy_slots` (its objects start with a \
             PyObject header)"
        )
    };
    // SAFETY: `obj` is an object of `T`, whose payload lies at the legacy layout's offset.
    let payload = unsafe { obj.byte_add(LEGACY_PAYLOAD_OFFSET) }.cast();
    // SAFETY: the payload of a type using `Payload<T::Storage>`, alive for `'a`.
    match unsafe { initialised::<T::Storage>(payload) } {
        Some(payload) => Ok(payload.storage()),
        None => Err(crate::exceptions::TypeError::new_err(format!(
            "{} object is not initialized: it was created without its __new__",
            T::NAME
        ))),
    }
}

/// A shared borrow of the value of a legacy-shaped object, taken by C-API code
/// ([`borrow`]); dropping it releases the borrow.
pub struct LegacyRef<'a, T: PyType> {
    storage: &'a T::Storage,
}

impl<T: PyType> Deref for LegacyRef<'_, T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a shared borrow is held, so nothing mutates the value.
        unsafe { &*self.storage.value_ptr() }
    }
}

impl<T: PyType> Drop for LegacyRef<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.storage.release();
    }
}

/// The mutable borrow of the value of a legacy-shaped object, taken by C-API code
/// ([`borrow_mut`]); dropping it releases the borrow.
pub struct LegacyRefMut<'a, T: PyType<Storage = MutableCell<T>>> {
    storage: &'a MutableCell<T>,
}

impl<T: PyType<Storage = MutableCell<T>>> Deref for LegacyRefMut<'_, T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: this guard holds the only borrow.
        unsafe { &*self.storage.value_ptr() }
    }
}

impl<T: PyType<Storage = MutableCell<T>>> DerefMut for LegacyRefMut<'_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: this guard holds the only borrow.
        unsafe { &mut *self.storage.value_ptr() }
    }
}

impl<T: PyType<Storage = MutableCell<T>>> Drop for LegacyRefMut<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.storage.release_mut();
    }
}

/// A shared borrow of the Rust value of `obj`, an object of the legacy-shaped class `T`
/// (`#[hpy::class(legacy_slots = ...)]`), for C-API code that has the object as a
/// `PyObject*` — a legacy method's or slot's `self`. It checks the borrow flag as `&self`
/// methods do: `RuntimeError` ("Already mutably borrowed") while a `&mut self` method runs,
/// `TypeError` for an object created without the class's `__new__`. The C-API code raises
/// the error itself (its [`Error::message`](crate::Error::message) and
/// [`Error::exception_type`](crate::Error::exception_type)), having no HPy
/// context. (A class without `legacy_slots` is a compile-time error.)
///
/// # Safety
/// `obj` must point to an instance of `T` or of a Python subclass of it — CPython checks that
/// for the `self` of a legacy method or slot of `T` — kept alive for `'a` (the call that
/// received it), on CPython's object layout (which the class checked at import), with the
/// interpreter held (any C-API callback is).
pub unsafe fn borrow<'a, T: PyType>(obj: *mut PyObject) -> Result<LegacyRef<'a, T>> {
    // SAFETY: the caller's contract.
    let storage = unsafe { storage::<T>(obj)? };
    storage.try_borrow()?;
    Ok(LegacyRef { storage })
}

/// The mutable borrow of the Rust value of `obj`, as [`borrow`] (and as `&mut self`
/// methods do: `RuntimeError` while any other borrow is out).
///
/// # Safety
/// As for [`borrow`].
pub unsafe fn borrow_mut<'a, T: PyType<Storage = MutableCell<T>>>(
    obj: *mut PyObject,
) -> Result<LegacyRefMut<'a, T>> {
    // SAFETY: the caller's contract.
    let storage = unsafe { storage::<T>(obj)? };
    storage.try_borrow_mut()?;
    Ok(LegacyRefMut { storage })
}
