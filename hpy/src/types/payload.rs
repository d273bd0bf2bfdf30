//! The payload of a `#[hpy::class]` object: a guard, then the [`Storage`].
//!
//! HPy 0.9's CPython runtime computes the payload address of an object from the shape of the
//! object's *own* type when it calls `tp_destroy`, `tp_traverse` and (on deallocation)
//! `tp_clear`. A class created in Python from one of our types is not an HPy type, so for its
//! instances the runtime passes the address of the object header instead of the payload
//! (`hpy/devel/src/runtime/ctx_type.c`, `_pyobj_as_struct`; `HPy_New` writes the header's
//! address too for them, which [`new_payload`] corrects).
//!
//! The guard makes those calls sound: it holds a marker — the address of a static of this
//! library, which no type object can have — so a pointer whose guard lacks the marker is the
//! object header, and the payload is one header further (its size is measured once, when the
//! first type is created, from the `__basicsize__` of a probe type). A payload whose first two
//! words are zero is an object `HPy_New` allocated but that holds no value yet; a header's
//! second word is never zero (it is the object's type), even when its first, the reference
//! count, is 0 at deallocation.

use core::ffi::c_void;
use core::sync::atomic::{AtomicUsize, Ordering};

use super::Storage;

/// What a guard's marker points to.
static MARKER: u8 = 0;

/// The size of the object header before the payload (0 until the first object is created).
static HEADER_SIZE: AtomicUsize = AtomicUsize::new(0);

#[repr(C)]
struct Guard {
    marker: *const u8,
}

/// The payload layout: the guard, then the storage. Aligned to 16 (as HPy aligns payloads),
/// so that it spans at least two words, both of which are read to tell a payload from an
/// object header (see the module documentation).
#[repr(C, align(16))]
pub struct Payload<S> {
    guard: Guard,
    storage: S,
}

impl<S> Payload<S> {
    /// Where the storage is in the payload.
    pub(crate) const STORAGE_OFFSET: usize = core::mem::offset_of!(Self, storage);
}

impl<S: Storage> Payload<S> {
    /// A payload holding `storage`.
    pub(crate) fn new(storage: S) -> Self {
        Payload {
            guard: Guard {
                marker: &raw const MARKER,
            },
            storage,
        }
    }

    /// The storage.
    #[inline(always)]
    pub(crate) fn storage(&self) -> &S {
        &self.storage
    }
}

/// The payload at `ptr` if it holds a value (its guard carries the marker), `None` for an
/// object that was allocated but never given one: an instance whose type's `__new__` was
/// replaced in Python by one that does not call ours (`T.__new__ = lambda c:
/// object.__new__(c)`) has a zeroed payload.
///
/// # Safety
/// `ptr` must be the payload of an object of a type using `Payload<S>` (what [`payload_of`]
/// returns), valid for `'a`.
#[inline(always)]
pub(crate) unsafe fn initialised<'a, S>(ptr: *mut c_void) -> Option<&'a Payload<S>> {
    // SAFETY: a payload starts with a guard, zeroed until a value is written (the caller's
    // contract); it is read without making a reference to the storage, which may be zeros.
    let marker = unsafe { (*ptr.cast::<Guard>()).marker };
    // SAFETY: the guard carries the marker only once a value was written after it.
    core::ptr::eq(marker, &raw const MARKER).then(|| unsafe { &*ptr.cast::<Payload<S>>() })
}

/// The address of the payload of `obj`, an instance of a `#[hpy::class]` or of a subclass.
///
/// The universal context's `HPy_AsStruct_Object` is right for every instance. HPy's debug (and
/// trace) context checks it against the shape of the instance's own type, and rejects instances
/// of Python subclasses (not HPy types, so "legacy" to it): for those, the payload is the
/// object's address (`HPy_AsStruct_Legacy`) plus the header.
///
/// A type that cannot be subclassed (no `#[hpy::class(subclass)]`) has only instances of its
/// own, HPy, type — CPython refuses a base without `Py_TPFLAGS_BASETYPE` — so
/// `HPy_AsStruct_Object` is right in every context and no check is made.
///
/// A legacy-shaped class (one with legacy slots) is simpler: the runtime and its debug mode
/// treat its instances and those of its Python subclasses alike, as legacy objects, whose
/// payload lies at a fixed offset from the address `HPy_AsStruct_Legacy` gives.
#[inline(always)]
pub(crate) fn payload_of<T: super::PyType>(obj: &crate::Handle<'_>) -> *mut c_void {
    use crate::context::call;
    let cx = obj.context();
    if T::LEGACY_SHAPE {
        // SAFETY: `obj` is open, and an instance of a legacy-shaped type (or of a Python
        // subclass: legacy too), which is what `HPy_AsStruct_Legacy` accepts; the payload lies
        // at the layout's offset from the object's address.
        let object = unsafe { call!(cx, ctx_AsStruct_Legacy(obj.as_raw())) };
        // SAFETY: the payload is inside the object.
        return unsafe { object.byte_add(super::shape::LEGACY_PAYLOAD_OFFSET) };
    }
    if !T::BASETYPE || cx.is_universal() {
        // SAFETY: `obj` is open.
        return unsafe { call!(cx, ctx_AsStruct_Object(obj.as_raw())) };
    }
    checked_payload_of(obj)
}

/// [`payload_of`] in a context that checks `HPy_AsStruct_*` shapes.
#[inline(never)]
fn checked_payload_of(obj: &crate::Handle<'_>) -> *mut c_void {
    use crate::context::call;
    let cx = obj.context();
    let ty = obj.get_type();
    // SAFETY: `ty` is an open type handle.
    let shape = unsafe { call!(cx, ctx_Type_GetBuiltinShape(ty.as_raw())) };
    if shape == crate::ffi::HPyType_BuiltinShape_Legacy {
        let header = HEADER_SIZE.load(Ordering::Relaxed);
        // SAFETY: `obj` is open; its payload follows the header.
        unsafe { call!(cx, ctx_AsStruct_Legacy(obj.as_raw())).byte_add(header) }
    } else {
        // SAFETY: `obj` is open and its type is an HPy type of the object shape.
        unsafe { call!(cx, ctx_AsStruct_Object(obj.as_raw())) }
    }
}

/// The size of the header HPy puts before a pure type's payload, as measured (0 before the
/// first type is created, or where it cannot be measured).
pub(crate) fn header_size() -> usize {
    HEADER_SIZE.load(Ordering::Relaxed)
}

/// Measures, once, the size of the header HPy puts before a pure type's payload: the
/// `__basicsize__` of a probe type with a 16-byte payload, minus 16. Where types have no
/// `__basicsize__` (not CPython), the runtime passes correct payloads and nothing is needed.
pub(crate) fn measure_header_size(cx: crate::Context<'_>) -> crate::Result<()> {
    use crate::context::call;
    if HEADER_SIZE.load(Ordering::Relaxed) != 0 {
        return Ok(());
    }
    const PROBE_PAYLOAD: usize = 16;
    let mut defines = [core::ptr::null_mut()];
    let mut spec = crate::ffi::HPyType_Spec {
        name: c"hpy_rs.HeaderProbe".as_ptr(),
        basicsize: PROBE_PAYLOAD as core::ffi::c_int,
        itemsize: 0,
        flags: crate::ffi::HPy_TPFLAGS_DEFAULT,
        builtin_shape: crate::ffi::HPyType_BuiltinShape_Object,
        legacy_slots: core::ptr::null_mut(),
        defines: defines.as_mut_ptr(),
        doc: core::ptr::null(),
    };
    // SAFETY: `spec` and its (empty) defines are valid for the call; no params.
    let raw = unsafe { call!(cx, ctx_Type_FromSpec(&mut spec, core::ptr::null_mut())) };
    // SAFETY: a new handle, or NULL with an exception set.
    let probe = unsafe { crate::Handle::from_raw_or_err(cx, raw)? };
    match probe
        .getattr(c"__basicsize__")
        .and_then(|b| b.extract::<usize>())
    {
        Ok(basicsize) => HEADER_SIZE.store(basicsize - PROBE_PAYLOAD, Ordering::Relaxed),
        Err(e) => e.clear(cx),
    }
    Ok(())
}

/// The payload of an object `HPy_New` just created, from the address it wrote: right for
/// instances of HPy types (zeroed memory, so its first word is 0), the object header for
/// instances of Python subclasses (its first word is the reference count, 1), whose payload
/// is one header further.
///
/// # Safety
/// `data` must be what `HPy_New` wrote for an object of a type using a `Payload`, before
/// anything was written to the object.
#[inline(always)]
pub(crate) unsafe fn new_payload(data: *mut c_void) -> *mut c_void {
    // SAFETY: a payload (aligned to 16, so at least two words) and a header both start with
    // a readable word.
    if unsafe { *data.cast::<usize>() } == 0 {
        return data;
    }
    let header = HEADER_SIZE.load(Ordering::Relaxed);
    assert!(header != 0, "hpy-rs: an object's payload was never located");
    // SAFETY: `data` is the object header; the payload follows it.
    unsafe { data.byte_add(header) }
}

/// The payload the runtime meant when it passed `ptr` to `tp_destroy`/`tp_traverse` of `T`,
/// or `None` if the object holds no value.
///
/// # Safety
/// `ptr` must be what HPy passes to those slots for an object of `T` (or of a subclass):
/// for the object shape its payload, or (for instances of Python subclasses) its header; for
/// the legacy shape the object itself.
pub(crate) unsafe fn resolve<T: super::PyType>(
    ptr: *mut c_void,
) -> Option<*mut Payload<T::Storage>> {
    if T::LEGACY_SHAPE {
        // SAFETY: `ptr` is the object, whose payload lies at the layout's offset.
        let payload = unsafe { ptr.byte_add(super::shape::LEGACY_PAYLOAD_OFFSET) };
        // SAFETY: the payload starts with a guard, zeroed until a value is written.
        return unsafe { initialised::<T::Storage>(payload) }
            .map(|p| core::ptr::from_ref(p).cast_mut());
    }
    let words = ptr.cast::<usize>();
    // SAFETY: both a payload (aligned to 16, so at least two words) and an object header
    // start with two readable words.
    let (marker, second) = unsafe { (*words as *const u8, *words.add(1)) };
    let payload = if core::ptr::eq(marker, &raw const MARKER) {
        ptr
    } else if marker.is_null() && second == 0 {
        // A zeroed payload: `HPy_New` allocated it, no value was written (its second word is
        // storage or padding, zeroed too). Not a header, whose second word is the object's
        // type; its first, the reference count, is 0 during deallocation.
        return None;
    } else {
        let header = HEADER_SIZE.load(Ordering::Relaxed);
        assert!(header != 0, "hpy-rs: an object's payload was never located");
        // SAFETY: `ptr` is the object header; the payload follows it.
        let payload = unsafe { ptr.byte_add(header) };
        // SAFETY: as above, the payload starts with a guard.
        let marker = unsafe { (*payload.cast::<Guard>()).marker };
        if !core::ptr::eq(marker, &raw const MARKER) {
            return None;
        }
        payload
    };
    Some(payload.cast())
}
