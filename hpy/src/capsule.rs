//! Capsules: a C pointer in a Python object, so that extensions can share it (CPython's
//! `PyCapsule`, HPy's `HPyCapsule_*`).
//!
//! * [`Capsule`] turns a Rust value into a capsule that owns it (the value is boxed; the
//!   capsule's destructor drops it). Only values of a [`CapsuleValue`] type can be put in
//!   one, so that a capsule's name always says what its pointer points to.
//! * [`Handle::capsule`] reads such a value back, safely: the capsule's name is checked
//!   against [`CapsuleValue::NAME`], and the reference borrows the handle, which keeps the
//!   capsule (and so the value) alive.
//! * For capsules made by C code: [`Handle::capsule_pointer`], [`Handle::capsule_name`],
//!   [`Handle::is_capsule_valid`], the `unsafe` typed read [`Handle::capsule_unchecked`], and
//!   [`Context::import_capsule`] (CPython's `PyCapsule_Import`, which HPy 0.9 lacks).
//!
//! Nothing here changes a capsule's pointer, name, context or destructor after creation
//! (`HPyCapsule_Set`): a `&T` read from a capsule relies on its pointer staying put.
//!
//! The destructor is a C entry point with a CPython trampoline, so it lives in the private
//! runtime with the other trampolines, which implements [`IntoPy`] for [`Capsule`]
//! (`__private/capsule.rs`).

use core::ffi::{CStr, c_void};
use core::ptr::NonNull;

use crate::context::call;
use crate::exceptions::{AttributeError, ImportError, ModuleNotFoundError, ValueError};
use crate::{BuiltinType, Context, Error, Handle, Result, ffi};

/// A Rust type whose values can live in a capsule named [`NAME`](CapsuleValue::NAME).
///
/// Implement it for the `#[repr(C)]` struct (of data and `extern "C" fn` pointers, typically)
/// that an extension exports to others; an extension that uses it declares the same struct
/// and implements this trait with the same name. [`Capsule::new`] makes a capsule of a value;
/// [`Handle::capsule`] reads one back.
///
/// ```
/// use core::ffi::CStr;
///
/// /// The functions `mylib` exports to other extensions, as `mylib.api`.
/// #[repr(C)]
/// pub struct Api {
///     pub version: u32,
///     pub add: extern "C" fn(i64, i64) -> i64,
/// }
///
/// // SAFETY: every capsule named `mylib.api` holds an `Api` of this layout: `mylib` makes
/// // its only one with `hpy::Capsule::new(Api { .. })`, and no C code makes one.
/// unsafe impl hpy::CapsuleValue for Api {
///     const NAME: &'static CStr = c"mylib.api";
/// }
/// ```
///
/// # Safety
/// Every capsule named `NAME`, whoever made it — this extension, another hpy-rs extension
/// (with its own type that implements this trait with the same name) or C code — must point
/// to a valid, aligned `Self` (the same layout, field by field: `#[repr(C)]` for a type that
/// crosses extensions) for as long as the capsule lives, and nothing may mutate that value
/// while it is shared, except through interior mutability that `Self` itself allows. So no
/// two types of different layouts may share a name — nor the instantiations of a generic
/// type, which one generic `impl` would give a single name: [`Handle::capsule`] trusts the
/// name alone.
///
/// The bounds say how the value is used: it is dropped by the capsule's destructor on
/// whichever thread frees the capsule (`Send`), read through `&Self` from any thread that
/// holds the interpreter (`Sync`), and lives as long as Python keeps the capsule (`'static`),
/// so it holds no [`Handle`] and its `Drop` cannot reach the Python API.
pub unsafe trait CapsuleValue: Send + Sync + 'static {
    /// The capsule's name, conventionally `"package.module.attribute"`, where
    /// [`Context::import_capsule`] finds it.
    const NAME: &'static CStr;
}

/// A Rust value that becomes a capsule named `T::NAME` when converted with
/// [`IntoPy`](crate::IntoPy) (returned from a function, set as a module attribute...). The
/// capsule owns the value: it is boxed, and dropped when the capsule is freed (a panic in
/// its `Drop` is reported on stderr, never unwound into the interpreter).
///
/// ```
/// use core::ffi::CStr;
/// use hpy::prelude::*;
/// use hpy::{Capsule, CapsuleValue};
///
/// #[repr(C)]
/// pub struct Api {
///     pub add: extern "C" fn(i64, i64) -> i64,
/// }
///
/// // SAFETY: only `mylib` makes capsules named `mylib.api`, each of an `Api`.
/// unsafe impl CapsuleValue for Api {
///     const NAME: &'static CStr = c"mylib.api";
/// }
///
/// extern "C" fn add(a: i64, b: i64) -> i64 {
///     a + b
/// }
///
/// #[hpy::module]
/// mod mylib {
///     use super::*;
///
///     /// Exports `mylib.api`, which other extensions import by that name.
///     #[hpy::init]
///     fn init<'ctx>(_cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
///         module.setattr("api", Capsule::new(Api { add }))
///     }
///
///     /// Calls `add` through any capsule named `mylib.api`.
///     #[hpy::function]
///     fn add_through(api: &Handle<'_>, a: i64, b: i64) -> Result<i64> {
///         let api: &Api = api.capsule()?;
///         Ok((api.add)(a, b))
///     }
/// }
/// # fn main() {}
/// ```
pub struct Capsule<T: CapsuleValue>(T);

impl<T: CapsuleValue> Capsule<T> {
    /// Wraps `value`, to be converted into a capsule.
    pub fn new(value: T) -> Self {
        Capsule(value)
    }

    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'ctx> Handle<'ctx> {
    /// The value of a capsule named `T::NAME`, borrowed for as long as this handle is.
    ///
    /// Fails as CPython's `PyCapsule_GetPointer` does: `ValueError` "PyCapsule_GetPointer
    /// called with invalid PyCapsule object" for an object that is not a capsule, and
    /// "PyCapsule_GetPointer called with incorrect name" for a capsule of another name.
    pub fn capsule<T: CapsuleValue>(&self) -> Result<&T> {
        let pointer = self.capsule_pointer(T::NAME)?;
        // SAFETY: the capsule is named `T::NAME`, so by `CapsuleValue`'s contract it points
        // to a valid `T` that nothing mutates while shared, for as long as the capsule lives;
        // the open handle `self` keeps it alive for the borrow, and no API of this crate
        // changes a capsule's pointer.
        Ok(unsafe { pointer.cast::<T>().as_ref() })
    }

    /// The value of a capsule named `name` that C code (or any code) made, as a `T`.
    ///
    /// # Safety
    /// A capsule named `name` must point to a valid, aligned `T` for as long as this handle is
    /// borrowed, which nothing mutates meanwhile (except through interior mutability `T`
    /// allows); if `T` is not `Sync`, the reference must not reach another thread.
    pub unsafe fn capsule_unchecked<T>(&self, name: &CStr) -> Result<&T> {
        let pointer = self.capsule_pointer(name)?;
        // SAFETY: the caller's contract; the open handle `self` keeps the capsule alive.
        Ok(unsafe { pointer.cast::<T>().as_ref() })
    }

    /// The pointer of a capsule named `name` (`None`: a capsule without a name), as
    /// `PyCapsule_GetPointer` returns it: a `ValueError` if the object is not a capsule
    /// ("PyCapsule_GetPointer called with invalid PyCapsule object") or has another name
    /// ("PyCapsule_GetPointer called with incorrect name").
    pub fn capsule_pointer<'n>(
        &self,
        name: impl Into<Option<&'n CStr>>,
    ) -> Result<NonNull<c_void>> {
        let cx = self.context();
        let name = name.into().map_or(core::ptr::null(), CStr::as_ptr);
        // SAFETY: `self` is open; `name` is NULL or NUL-terminated, and only compared.
        let pointer = unsafe {
            call!(
                cx,
                ctx_Capsule_Get(self.as_raw(), ffi::HPyCapsule_key_Pointer, name)
            )
        };
        // A valid capsule's pointer is never NULL (`PyCapsule_New` and `PyCapsule_SetPointer`
        // refuse it), so NULL is the failure, with its exception set.
        NonNull::new(pointer).ok_or_else(Error::set)
    }

    /// The name of a capsule (`None` if it has none), borrowed for as long as this handle is;
    /// a `ValueError` if the object is not a capsule, with `PyCapsule_GetName`'s message.
    pub fn capsule_name(&self) -> Result<Option<&CStr>> {
        let cx = self.context();
        let is_capsule = self.is_instance_of(BuiltinType::CapsuleType);
        // SAFETY: `self` is open; the name key takes no name.
        let name = unsafe {
            call!(
                cx,
                ctx_Capsule_Get(self.as_raw(), ffi::HPyCapsule_key_Name, core::ptr::null())
            )
        };
        if name.is_null() {
            // For a capsule, NULL is its missing name; otherwise the call raised.
            return if is_capsule {
                Ok(None)
            } else {
                Err(Error::set())
            };
        }
        // SAFETY: a capsule's name is a NUL-terminated string that lives as long as the
        // capsule (CPython keeps the creator's pointer), which the open handle keeps alive;
        // nothing in this crate renames a capsule.
        Ok(Some(unsafe { CStr::from_ptr(name.cast()) }))
    }

    /// Whether the object is a capsule named `name` (`None`: without a name), as
    /// `PyCapsule_IsValid` says; never raises.
    pub fn is_capsule_valid<'n>(&self, name: impl Into<Option<&'n CStr>>) -> bool {
        let cx = self.context();
        let name = name.into().map_or(core::ptr::null(), CStr::as_ptr);
        // SAFETY: `self` is open; `name` is NULL or NUL-terminated, and only compared.
        unsafe { call!(cx, ctx_Capsule_IsValid(self.as_raw(), name)) != 0 }
    }
}

impl<'ctx> Context<'ctx> {
    /// The capsule named `name` that a module exports under that name: for
    /// `"package.module.attribute"`, imports `package`, then looks up each attribute in turn
    /// (importing a submodule where a module lacks the attribute), and checks that
    /// the object found is a capsule with exactly that name. CPython's `PyCapsule_Import`,
    /// which HPy 0.9 lacks, with its errors: `ImportError` `PyCapsule_Import could not import
    /// module "package"`, the `AttributeError` of a missing attribute, and `AttributeError`
    /// `PyCapsule_Import "name" is not valid`.
    ///
    /// Read its value with [`Handle::capsule`] (or, for a capsule of C code,
    /// [`Handle::capsule_pointer`]): `cx.import_capsule(Api::NAME)?.capsule::<Api>()`.
    pub fn import_capsule(self, name: &CStr) -> Result<Handle<'ctx>> {
        let text = name
            .to_str()
            .map_err(|_| ValueError::new_err("a capsule name must be valid UTF-8"))?;
        let mut parts = text.split('.');
        let first = parts.next().unwrap_or_default();
        let mut object = self.import(first).map_err(|err| {
            err.clear(self);
            ImportError::new_err(format!(
                "PyCapsule_Import could not import module \"{first}\""
            ))
        })?;
        let mut path_len = first.len();
        for part in parts {
            path_len += 1 + part.len();
            object = attribute_or_submodule(&object, part, &text[..path_len])?;
        }
        if !object.is_capsule_valid(name) {
            return Err(AttributeError::new_err(format!(
                "PyCapsule_Import \"{text}\" is not valid"
            )));
        }
        Ok(object)
    }
}

/// `getattr(object, part)`; when `object` is a module without it, the submodule `path` (the
/// dotted name up to `part`) if it can be imported, and otherwise the `AttributeError`.
fn attribute_or_submodule<'ctx>(
    object: &Handle<'ctx>,
    part: &str,
    path: &str,
) -> Result<Handle<'ctx>> {
    let cx = object.context();
    match object.getattr(part) {
        Err(err) if object.type_name() == "module" && err.matches(cx, AttributeError) => {
            err.clear(cx);
            cx.import(path).or_else(|import_err| {
                if !import_err.matches(cx, ModuleNotFoundError) {
                    return Err(import_err); // the submodule exists and failed
                }
                import_err.clear(cx);
                object.getattr(part) // raises the AttributeError again
            })
        }
        found => found,
    }
}
