//! [`Typed`]: a handle to an object of a `#[hpy::class]`.

use core::marker::PhantomData;
use core::ops::Deref;

use super::{PyType, Ref, RefMut, Storage};
use crate::context::call;
use crate::exceptions::SystemError;
use crate::field::Field;
use crate::global::TypeRef;
use crate::types::MutableCell;
use crate::{Context, Error, FromPy, Handle, IntoPy, Result};

/// A handle to an object known to be an instance of the `#[hpy::class]` `T` (or of a subclass).
///
/// Obtain one with [`Handle::downcast`] (checked), from an argument typed `&Typed<'ctx, T>`,
/// or by creating an object with [`Typed::new`]. It dereferences to [`Handle`], so the whole
/// object protocol is available.
#[repr(transparent)]
pub struct Typed<'ctx, T> {
    handle: Handle<'ctx>,
    _type: PhantomData<T>,
}

impl<'ctx, T> Deref for Typed<'ctx, T> {
    type Target = Handle<'ctx>;

    #[inline(always)]
    fn deref(&self) -> &Handle<'ctx> {
        &self.handle
    }
}

impl<T> Clone for Typed<'_, T> {
    fn clone(&self) -> Self {
        Typed {
            handle: self.handle.clone(),
            _type: PhantomData,
        }
    }
}

impl<T> core::fmt::Debug for Typed<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.handle, f)
    }
}

impl<'ctx, T: PyType> Typed<'ctx, T> {
    /// Creates a new object of type `T` holding `value`.
    #[inline]
    pub fn new(cx: Context<'ctx>, value: T) -> Result<Self> {
        let ty = type_object::<T>(cx)?;
        // SAFETY: `ty` is `T`'s own type object.
        unsafe { Self::new_exact(&ty, value) }
    }

    /// Creates a new object of type `T` holding `value`, with `T`'s type object in hand.
    ///
    /// # Safety
    /// `ty` must be `T`'s own type object (not a subclass).
    #[inline]
    pub(crate) unsafe fn new_exact(ty: &Handle<'ctx>, value: T) -> Result<Self> {
        #[cfg(feature = "abi-cpython")]
        if !T::LEGACY_SHAPE {
            // SAFETY: `ty` is `T`'s type object, of the object shape.
            return unsafe { Self::new_cpython::<true>(ty, value) };
        }
        let cx = ty.context();
        let mut data: *mut core::ffi::c_void = core::ptr::null_mut();
        // SAFETY: `ty` is an open type handle; for `T` itself (an HPy type, not a Python
        // subclass) HPy_New writes the payload's address, or for the legacy shape the
        // object's.
        let raw = unsafe { call!(cx, ctx_New(ty.as_raw(), &mut data)) };
        // SAFETY: a new handle, or NULL with an exception set.
        let handle = unsafe { Handle::from_raw_or_err(cx, raw)? };
        // SAFETY: the payload is inside the object, at the shape's offset from `data`.
        let payload = unsafe { data.byte_add(super::payload_offset(T::LEGACY_SHAPE)) };
        // SAFETY: as in `new_of_type`.
        unsafe { Self::init(handle, payload, value) }
    }

    /// [`new_exact`](Self::new_exact), as the raw new handle a slot returns.
    ///
    /// # Safety
    /// As `new_exact`.
    #[inline(always)]
    pub(crate) unsafe fn new_exact_raw(ty: &Handle<'ctx>, value: T) -> Result<crate::ffi::HPy> {
        #[cfg(feature = "abi-cpython")]
        if !T::LEGACY_SHAPE {
            // SAFETY: `T`'s own type object, of the object shape (the caller's contract).
            return unsafe { Self::new_cpython_raw::<true>(ty, value) };
        }
        // SAFETY: the caller's contract.
        unsafe { Self::new_exact(ty, value) }.map(|t| t.into_handle().into_raw())
    }

    /// Creates an object of `ty` — `T` or a subclass of it — holding `value`.
    ///
    /// # Safety
    /// `ty` must be `T`'s type object or a subclass of it.
    #[inline]
    pub(crate) unsafe fn new_of_type(ty: &Handle<'ctx>, value: T) -> Result<Self> {
        #[cfg(feature = "abi-cpython")]
        if !T::LEGACY_SHAPE {
            // SAFETY: `ty` is `T`'s type object or a subclass's, of the object shape.
            return unsafe { Self::new_cpython::<false>(ty, value) };
        }
        let cx = ty.context();
        let mut data: *mut core::ffi::c_void = core::ptr::null_mut();
        // SAFETY: `ty` is an open type handle; HPy_New writes an address into `data`.
        let raw = unsafe { call!(cx, ctx_New(ty.as_raw(), &mut data)) };
        // SAFETY: a new handle, or NULL with an exception set.
        let handle = unsafe { Handle::from_raw_or_err(cx, raw)? };
        let payload = if T::LEGACY_SHAPE {
            // SAFETY: for the legacy shape HPy_New writes the object's address, for `T` and
            // its Python subclasses alike; the payload lies at the layout's offset.
            unsafe { data.byte_add(super::LEGACY_PAYLOAD_OFFSET) }
        } else if T::BASETYPE {
            // SAFETY: what HPy_New wrote for an object of `T` or a subclass, untouched since.
            // (For Python subclasses that is the object header, which `new_payload` steps
            // over.)
            unsafe { super::new_payload(data) }
        } else {
            // A class without `subclass` has no Python subclasses (CPython refuses a base
            // without `Py_TPFLAGS_BASETYPE`), so `ty` is `T`'s type: HPy_New wrote the payload.
            data
        };
        // SAFETY: `payload` is the payload of the new object.
        unsafe { Self::init(handle, payload, value) }
    }

    /// [`new_exact`](Self::new_exact) (`EXACT`) or [`new_of_type`](Self::new_of_type) in the
    /// CPython ABI: the object made by Rust code (`types::cpython_alloc`), unless the
    /// type needs HPy's `HPy_New`.
    ///
    /// # Safety
    /// `ty` must be `T`'s type object (or, unless `EXACT`, a subclass's), and `T` of the
    /// object shape.
    #[cfg(feature = "abi-cpython")]
    #[inline(always)]
    unsafe fn new_cpython<const EXACT: bool>(ty: &Handle<'ctx>, value: T) -> Result<Self> {
        // SAFETY: the caller's contract.
        let raw = unsafe { Self::new_cpython_raw::<EXACT>(ty, value)? };
        Ok(Typed {
            // SAFETY: a new reference, owned by the handle.
            handle: unsafe { Handle::from_raw(ty.context(), raw) },
            _type: PhantomData,
        })
    }

    /// [`new_cpython`](Self::new_cpython) as the new reference: a slot returns it as it is,
    /// never as a `Handle`, whose drop on unwinding would keep it in memory on the fast path.
    ///
    /// # Safety
    /// As `new_cpython`.
    #[cfg(feature = "abi-cpython")]
    #[inline(always)]
    unsafe fn new_cpython_raw<const EXACT: bool>(
        ty: &Handle<'ctx>,
        value: T,
    ) -> Result<crate::ffi::HPy> {
        use super::cpython_alloc as objects;
        let raw = crate::ffi::cpython_capi::h2py(ty.as_raw());
        let payload = super::Payload::new(T::Storage::new(value));
        // SAFETY: a type object.
        let how = unsafe { objects::allocation(raw) };
        if how == objects::Allocation::HPyNew {
            // SAFETY: the caller's contract.
            return unsafe { Self::new_with_hpy_new(ty, payload) }
                .map(|t| t.into_handle().into_raw());
        }
        // SAFETY: the caller's contract; the type's payload is that, made as `allocation`
        // says.
        let object = unsafe { objects::new_object::<EXACT, _>(raw, how, payload) };
        if object.is_null() {
            return Err(Error::set());
        }
        Ok(crate::ffi::cpython_capi::py2h(object))
    }

    /// An object made by HPy's `HPy_New` (a type with a vectorcall function), in the CPython
    /// ABI. Cold: out of line.
    ///
    /// # Safety
    /// As [`new_cpython`](Self::new_cpython).
    #[cfg(feature = "abi-cpython")]
    #[cold]
    #[inline(never)]
    unsafe fn new_with_hpy_new(
        ty: &Handle<'ctx>,
        payload: super::Payload<T::Storage>,
    ) -> Result<Self> {
        let cx = ty.context();
        let mut data: *mut core::ffi::c_void = core::ptr::null_mut();
        // SAFETY: `ty` is an open type handle; for the object shape HPy_New writes the
        // payload's address, for `T` and its subclasses alike.
        let raw = unsafe { call!(cx, ctx_New(ty.as_raw(), &mut data)) };
        // SAFETY: a new handle, or NULL with an exception set.
        let handle = unsafe { Handle::from_raw_or_err(cx, raw)? };
        // SAFETY: the payload of the new object, zeroed by HPy_New, which nothing has seen.
        unsafe { data.cast::<super::Payload<T::Storage>>().write(payload) };
        Ok(Typed {
            handle,
            _type: PhantomData,
        })
    }

    /// Moves `value` into the payload of a new object.
    ///
    /// # Safety
    /// `payload` must be the payload of `handle`'s new object of `T` (or a subclass).
    #[inline]
    unsafe fn init(
        handle: Handle<'ctx>,
        payload: *mut core::ffi::c_void,
        value: T,
    ) -> Result<Self> {
        // SAFETY: the payload is zeroed memory the size of the `Payload` (HPy_New zeroes all
        // but the object header; `basicsize` counts the header for the legacy shape), aligned
        // to 16 (the generated code asserts it needs no more); nothing has seen the object
        // yet, and the value is written before the object is returned.
        unsafe {
            payload
                .cast::<super::Payload<T::Storage>>()
                .write(super::Payload::new(T::Storage::new(value)))
        };
        Ok(Typed {
            handle,
            _type: PhantomData,
        })
    }

    /// Treats `handle` as a `Typed<T>` without checking.
    ///
    /// # Safety
    /// The object must be an instance of `T` (or of a subclass).
    #[inline(always)]
    pub unsafe fn from_handle_unchecked<'h>(handle: &'h Handle<'ctx>) -> &'h Self {
        // SAFETY: `Typed` is a transparent wrapper around `Handle`.
        unsafe { &*(handle as *const Handle<'ctx>).cast::<Self>() }
    }

    /// The handle, no longer typed.
    pub fn into_handle(self) -> Handle<'ctx> {
        self.handle
    }

    /// The storage in the object's payload, valid while `self` is borrowed; a `TypeError`
    /// for an object that holds no value (created by a replaced `__new__` that never called
    /// the type's own).
    #[inline(always)]
    pub(crate) fn storage(&self) -> Result<&T::Storage> {
        let ptr = super::payload_of::<T>(&self.handle);
        // SAFETY: the object is an instance of `T` (the invariant of `Typed`), so `ptr` is
        // the payload of a type using `Payload<T::Storage>`; HPy keeps it in place while this
        // handle is open, which the borrow of `self` guarantees.
        match unsafe { super::initialised::<T::Storage>(ptr) } {
            Some(payload) => Ok(payload.storage()),
            None => Err(uninitialised::<T>(self.handle.context())),
        }
    }

    /// A shared borrow of the value (`RuntimeError` if it is lent mutably right now).
    ///
    /// An object whose class's `__new__` was replaced from Python by one that never called
    /// the type's own (`T.__new__ = lambda cls: object.__new__(cls)`) holds no value: every
    /// access to it raises `TypeError` ("... object is not initialized").
    #[inline]
    pub fn borrow(&self) -> Result<Ref<'_, 'ctx, T>> {
        Ref::new(self)
    }

    /// The value of a frozen type: no borrow flag. (A `TypeError` only for an object created
    /// without a value: see [`Typed::borrow`].)
    #[inline(always)]
    pub fn get(&self) -> Result<&T>
    where
        T: PyType<Storage = super::FrozenCell<T>>,
    {
        // SAFETY: a frozen value is never lent mutably; the reference lives as long as the
        // borrow of the handle.
        Ok(unsafe { &*self.storage()?.value_ptr() })
    }

    /// The value, lent mutably (`RuntimeError` if it is borrowed right now).
    ///
    /// Like `RefCell::borrow_mut`, the exclusivity is checked at run time, by the object's
    /// borrow flag, whichever handles the borrows go through (two handles may name the same
    /// object: `a += a`): "Already borrowed" while a `Ref` lives, "Already mutably borrowed"
    /// while another `RefMut` does. A method receives its object as `this: &Typed<'ctx,
    /// Self>` (never `&mut`: the handle is lent, and a `&mut` could replace it).
    #[inline]
    pub fn borrow_mut(&self) -> Result<RefMut<'_, 'ctx, T>>
    where
        T: PyType<Storage = MutableCell<T>>,
    {
        RefMut::new(self)
    }

    /// A new handle to the object a field of the value refers to (`None` if it is empty).
    ///
    /// `field` selects the field: `obj.field(|node| &node.next)`.
    pub fn field(&self, field: fn(&T) -> &Field) -> Result<Option<Handle<'ctx>>> {
        let value = self.borrow()?;
        self.load(owned_field::<T>(&value, field(&value)))
    }

    /// Stores a reference to `value` (or nothing, for `None`) in a field of the object:
    /// `obj.set_field(|node| &node.next, Some(&other))`.
    pub fn set_field(&self, field: fn(&T) -> &Field, value: Option<&Handle<'ctx>>) -> Result<()> {
        let borrowed = self.borrow()?;
        self.store(owned_field::<T>(&borrowed, field(&borrowed)), value);
        Ok(())
    }

    /// Like [`Typed::field`], for the field at `index` of a sequence of fields (a `Vec<Field>`
    /// or an array): `obj.field_at(|bag| &bag.items, 3)`. `IndexError` if out of range.
    pub fn field_at(
        &self,
        fields: fn(&T) -> &[Field],
        index: usize,
    ) -> Result<Option<Handle<'ctx>>> {
        let value = self.borrow()?;
        self.load(owned_field::<T>(&value, nth(fields(&value), index)?))
    }

    /// Like [`Typed::set_field`], for the field at `index` of a sequence of fields.
    /// `IndexError` if out of range.
    pub fn set_field_at(
        &self,
        fields: fn(&T) -> &[Field],
        index: usize,
        value: Option<&Handle<'ctx>>,
    ) -> Result<()> {
        let borrowed = self.borrow()?;
        self.store(
            owned_field::<T>(&borrowed, nth(fields(&borrowed), index)?),
            value,
        );
        Ok(())
    }

    /// Empties a field and returns the object it referred to (`None` if it was empty): the way
    /// to take a field out of the value (a `Field` dropped while it still holds a reference
    /// leaks that reference).
    pub fn take_field(&self, field: fn(&T) -> &Field) -> Result<Option<Handle<'ctx>>> {
        let value = self.borrow()?;
        let field = owned_field::<T>(&value, field(&value));
        let taken = self.load(field)?;
        self.store(field, None);
        Ok(taken)
    }

    /// Like [`Typed::take_field`], for the field at `index` of a sequence of fields:
    /// `let item = bag.take_field_at(|b| &b.items, i)?; bag.borrow_mut()?.items.remove(i);`.
    pub fn take_field_at(
        &self,
        fields: fn(&T) -> &[Field],
        index: usize,
    ) -> Result<Option<Handle<'ctx>>> {
        let value = self.borrow()?;
        let field = owned_field::<T>(&value, nth(fields(&value), index)?);
        let taken = self.load(field)?;
        self.store(field, None);
        Ok(taken)
    }

    /// A new handle to the reference `field` holds: for the finalizer, with a field this
    /// object's own traversal just visited (see the `trashcan` of the class runtime).
    pub(crate) fn load_visited(&self, field: &Field) -> Option<Handle<'ctx>> {
        self.load(field).ok().flatten()
    }

    /// Empties `field` and returns the reference it held, as [`Typed::load_visited`].
    pub(crate) fn take_visited(&self, field: &Field) -> Option<Handle<'ctx>> {
        let taken = self.load_visited(field)?;
        self.store(field, None);
        Some(taken)
    }

    /// Loads `field`, which belongs to this object's value ([`owned_field`]).
    fn load(&self, field: &Field) -> Result<Option<Handle<'ctx>>> {
        if field.is_empty() {
            return Ok(None);
        }
        let cx = self.handle.context();
        // SAFETY: `field` is a field of this object's value, one its traversal reaches
        // (`owned_field`), and the object is open.
        let raw = unsafe { call!(cx, ctx_Field_Load(self.handle.as_raw(), *field.as_ptr())) };
        // SAFETY: a new handle, or NULL with an exception set.
        unsafe { Handle::from_raw_or_err(cx, raw) }.map(Some)
    }

    /// Stores `value` in `field`, which belongs to this object's value ([`owned_field`]).
    fn store(&self, field: &Field, value: Option<&Handle<'ctx>>) {
        let cx = self.handle.context();
        let value = value.map_or(crate::ffi::HPy_NULL, Handle::as_raw);
        // SAFETY: `field` is a field of this object's value that its traversal reaches
        // (`owned_field`), so the GC sees the reference stored; HPyField_Store
        // writes it with the owner the runtime needs for its write barrier, and releases the
        // previous reference only after the new one is in place. The field is an
        // `UnsafeCell`, so writing through a shared borrow is allowed.
        unsafe {
            call!(
                cx,
                ctx_Field_Store(self.handle.as_raw(), field.as_ptr(), value)
            )
        };
    }
}

/// `field`, checked to be one of the fields of `value` that the traversal of `T` visits:
/// a selector is a plain `fn(&T) -> &Field`, but it could still return a field outside the
/// value (a leaked or thread-local `&'static Field`), or one of the value's that the
/// traversal skips (inside a member whose type does not implement `Traverse`); a reference
/// stored there would be invisible to the garbage collector. Such a field is a bug in the
/// extension: a panic (raised as `PanicException`).
///
/// The check walks the traversal until it meets the field: a few comparisons for direct
/// members, one per run for a `Vec<Field>` or an array.
#[inline]
fn owned_field<'v, T: PyType>(value: &'v T, field: &'v Field) -> &'v Field {
    // Found is what the visitor saw (`Visitor::visit` is `unsafe`), not what the traversal
    // returned, which a member's traversal could make up.
    let mut finder = crate::field::Visitor::find(field);
    // SAFETY: a find visitor only compares addresses; it never reaches the runtime.
    unsafe { T::__traverse_fields(value, &mut finder) };
    if !finder.found() {
        field_outside_the_value::<T>();
    }
    field
}

#[cold]
#[inline(never)]
fn field_outside_the_value<T: PyType>() -> ! {
    panic!(
        "hpy-rs: a field selector of {} returned a Field that the type's traversal does not \
         visit (outside the object's value, or inside a member whose type does not implement \
         hpy::Traverse: a tuple, or a struct without #[derive(hpy::Traverse)]); a reference \
         stored there would be invisible to the garbage collector",
        T::NAME
    )
}

/// `fields[index]`, or the `IndexError` a list raises.
fn nth(fields: &[Field], index: usize) -> Result<&Field> {
    fields
        .get(index)
        .ok_or_else(|| crate::exceptions::IndexError::new_err("field index out of range"))
}

impl<'ctx> Handle<'ctx> {
    /// The object as a `T`, or `None` if it is not one: the cheap check (no exception, no
    /// message) for code that tries several types, like an operator's dispatch.
    #[inline]
    pub fn cast<T: PyType>(&self) -> Option<&Typed<'ctx, T>> {
        // SAFETY: checked just before.
        is_instance::<T>(self).then(|| unsafe { Typed::from_handle_unchecked(self) })
    }

    /// The object as a `T`, or a `TypeError` naming both types ("must be point.Point, not
    /// int").
    pub fn downcast<T: PyType>(&self) -> Result<&Typed<'ctx, T>> {
        if is_instance::<T>(self) {
            // SAFETY: just checked.
            Ok(unsafe { Typed::from_handle_unchecked(self) })
        } else {
            Err(Error::wrong_type(qualified_name::<T>(self.context()), self))
        }
    }

    /// Like [`Handle::downcast`], keeping the handle.
    pub fn downcast_into<T: PyType>(self) -> Result<Typed<'ctx, T>> {
        if is_instance::<T>(&self) {
            Ok(Typed {
                handle: self,
                _type: PhantomData,
            })
        } else {
            Err(Error::wrong_type(
                qualified_name::<T>(self.context()),
                &self,
            ))
        }
    }
}

/// The `TypeError` for an object of `T` (or of a subclass) that holds no value
/// ([`Typed::storage`]); it needs only the context, so the fast path keeps nothing for it.
#[cold]
#[inline(never)]
fn uninitialised<T: PyType>(cx: Context<'_>) -> Error {
    let class = crate::types::qualified_name::<T>(cx);
    crate::exceptions::TypeError::new_err(format!(
        "{class} object is not initialized: it was created without {class}.__new__"
    ))
}

/// `T`'s type object (a `SystemError` before the module executed).
pub(crate) fn type_object<T: PyType>(cx: Context<'_>) -> Result<TypeRef<'_>> {
    match T::TYPE_OBJECT.get(cx) {
        Some(ty) => Ok(ty),
        None => Err(not_created::<T>()),
    }
}

/// The error of using `T` before its module created its type. Cold and out of line: the
/// fast path keeps nothing for it.
#[cold]
#[inline(never)]
fn not_created<T: PyType>() -> Error {
    SystemError::new_err(format!(
        "type {} is used before its module created it",
        T::NAME
    ))
}

/// `T`'s name as CPython's messages show it (`point.Node`); its bare name before the module
/// created the type.
pub(crate) fn qualified_name<T: PyType>(cx: Context<'_>) -> String {
    match T::TYPE_OBJECT.load(cx) {
        Some(ty) => crate::protocol::tp_name(&ty),
        None => T::NAME.to_owned(),
    }
}

/// Whether `obj` is an instance of `T` or of a subclass (never, before the module created
/// `T`).
#[inline]
fn is_instance<T: PyType>(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    let Some(ty) = T::TYPE_OBJECT.get(cx) else {
        return false;
    };
    // SAFETY: both handles are open and `ty` is a type.
    unsafe { call!(cx, ctx_TypeCheck(obj.as_raw(), ty.as_raw())) != 0 }
}

impl<'a, 'ctx, T: PyType> FromPy<'a, 'ctx> for &'a Typed<'ctx, T> {
    #[inline]
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        obj.downcast()
    }
}

impl<'ctx, T: PyType> FromPy<'_, 'ctx> for Typed<'ctx, T> {
    #[inline]
    fn from_py(obj: &Handle<'ctx>) -> Result<Self> {
        obj.clone().downcast_into()
    }
}

impl<'ctx, T> IntoPy<'ctx> for Typed<'ctx, T> {
    #[inline]
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self.handle)
    }
}

impl<'ctx, T> IntoPy<'ctx> for &Typed<'ctx, T> {
    #[inline]
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(self.handle.clone())
    }
}
