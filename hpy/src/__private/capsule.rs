//! The destructor of the capsules [`Capsule`] makes, and the conversion that makes them.
//!
//! HPy calls a capsule's destructor as it calls a slot: CPython calls the `cpy_trampoline`
//! of the `HPyCapsule_Destructor` given to `HPyCapsule_New` (as the capsule's
//! `PyCapsule_Destructor`) when it frees the capsule; the trampoline hands the capsule to
//! the library context's `ctx_CallRealFunctionFromTrampoline` with the signature
//! `HPyFunc_CAPSULE_DESTRUCTOR`, and the runtime — universal and debug mode alike
//! (`ctx_meth.c`, `debug_ctx_cpython.c`) — reads the capsule's name, pointer and context and
//! calls `impl(name, pointer, context)`. PyPy and GraalPy call `impl` directly. Like
//! `tp_destroy`, `impl` gets no context: it may not call the API, and it does not (it drops a
//! `Box<T>`, and a `CapsuleValue` holds no handle). This signature passes the capsule itself
//! rather than an argument struct, so it is not in the generated table of trampolines.

use core::ffi::{c_char, c_void};
use core::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::panic::report_ignored;
use super::trampoline::call_real;
use crate::context::call;
use crate::{Capsule, CapsuleValue, Context, Error, Handle, IntoPy, Result, ffi};

impl<'ctx, T: CapsuleValue> IntoPy<'ctx> for Capsule<T> {
    /// `HPyCapsule_New(Box::into_raw(value), T::NAME, destructor)`.
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        let pointer = Box::into_raw(Box::new(self.into_inner()));
        let destructor = core::ptr::from_ref(Destructor::<T>::DEFINITION).cast_mut();
        // SAFETY: `pointer` is non-null (a `Box`'s, dangling for a zero-sized `T`), the name
        // is a `'static` NUL-terminated string (CPython keeps the pointer), and the
        // destructor is a `'static` definition of this library's, which the runtime only
        // reads, whose functions have the signatures of their fields.
        let raw = unsafe {
            call!(
                cx,
                ctx_Capsule_New(pointer.cast(), T::NAME.as_ptr(), destructor)
            )
        };
        if raw.is_null() {
            // SAFETY: no capsule was made, so the box is still owned here, and only here.
            drop(unsafe { Box::from_raw(pointer) });
            return Err(Error::set());
        }
        // SAFETY: a new handle of this call, owned by the result.
        Ok(unsafe { Handle::from_raw(cx, raw) })
    }
}

/// The `HPyCapsule_Destructor` of capsules of `T`.
struct Destructor<T>(PhantomData<T>);

impl<T: CapsuleValue> Destructor<T> {
    /// A constant, so a `'static` one per `T` (HPy's C macro `HPyCapsule_DESTRUCTOR` makes a
    /// static too; a runtime may keep the pointer).
    const DEFINITION: &'static ffi::HPyCapsule_Destructor = &ffi::HPyCapsule_Destructor {
        cpy_trampoline: Some(trampoline::<T>),
        impl_: Some(destroy::<T>),
    };
}

/// The function type of `HPyFunc_Capsule_Destructor` (which `hpy-sys` wraps in an `Option`).
type Impl = unsafe extern "C" fn(*const c_char, *mut c_void, *mut c_void);

/// The CPython side: hands the dying capsule to the runtime, which calls [`destroy`].
///
/// # Safety
/// `capsule` is a capsule CPython is freeing, made by [`Capsule`]'s conversion with `T`.
unsafe extern "C" fn trampoline<T: CapsuleValue>(capsule: *mut ffi::cpy_PyObject) {
    // SAFETY: a function pointer becomes an `Option` of another function-pointer type of the
    // same layout; the runtime calls it back with `HPyFunc_Capsule_Destructor`'s signature,
    // which is its own.
    let erased = unsafe { core::mem::transmute::<Impl, ffi::HPyCFunction>(destroy::<T>) };
    // SAFETY: `HPyFunc_CAPSULE_DESTRUCTOR` takes the capsule itself as its arguments (see
    // the module documentation), and `erased` has its signature.
    unsafe { call_real(ffi::HPyFunc_CAPSULE_DESTRUCTOR, erased, capsule.cast()) }
}

/// `HPyFunc_Capsule_Destructor`: drops the value. No context exists here, so a panic cannot
/// become an exception: it is reported on stderr and swallowed.
///
/// # Safety
/// `pointer` is the pointer of a capsule being freed, made by [`Capsule`]'s conversion with
/// `T`: a `Box<T>` that nothing else can reach any more.
unsafe extern "C" fn destroy<T: CapsuleValue>(
    _name: *const c_char,
    pointer: *mut c_void,
    _context: *mut c_void,
) {
    if pointer.is_null() {
        return; // the runtime could not read the pointer: nothing to drop
    }
    let dropped = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller's contract: the box `into_py` leaked, now unreachable.
        drop(unsafe { Box::from_raw(pointer.cast::<T>()) });
    }));
    if let Err(payload) = dropped {
        let name = T::NAME.to_string_lossy();
        let why = "no Python exception can be raised while a capsule is freed";
        report_ignored(
            payload,
            "dropping the value of",
            &format!("`{name}` capsule"),
            why,
        );
    }
}
