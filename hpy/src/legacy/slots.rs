//! [`LegacySlots`]: the C-API slots of a legacy class (`HPyType_Spec.legacy_slots`).

use core::ffi::{c_int, c_void};

use super::{PyMethodDef, PyObject};
use crate::{Result, ffi};

/// CPython's slot numbers (`Include/typeslots.h`) for the [`PyTypeSlot`]s a legacy class may
/// have, named as in C. Every other `tp_*` slot is hpy-rs's own (see [`LegacySlots::new`]);
/// the number, mapping and sequence slots are CPython's numbers 1–46 and 75–76, which
/// `#[hpy::methods]` covers.
#[allow(non_upper_case_globals)]
pub mod slot {
    use core::ffi::c_int;

    /// `Py_tp_call`: `__call__`.
    pub const Py_tp_call: c_int = 50;
    /// `Py_tp_descr_get`: `__get__`.
    pub const Py_tp_descr_get: c_int = 54;
    /// `Py_tp_descr_set`: `__set__` / `__delete__`.
    pub const Py_tp_descr_set: c_int = 55;
    /// `Py_tp_getattr`: attribute lookup by C string.
    pub const Py_tp_getattr: c_int = 57;
    /// `Py_tp_getattro`: `__getattribute__`.
    pub const Py_tp_getattro: c_int = 58;
    /// `Py_tp_hash`: `__hash__`.
    pub const Py_tp_hash: c_int = 59;
    /// `Py_tp_init`: `__init__`.
    pub const Py_tp_init: c_int = 60;
    /// `Py_tp_iter`: `__iter__`.
    pub const Py_tp_iter: c_int = 62;
    /// `Py_tp_iternext`: `__next__`.
    pub const Py_tp_iternext: c_int = 63;
    /// `Py_tp_methods`: a [`PyMethodDef`](super::PyMethodDef) array
    /// ([`PyTypeSlot::methods`](super::PyTypeSlot::methods)).
    pub const Py_tp_methods: c_int = 64;
    /// `Py_tp_repr`: `__repr__` ([`PyTypeSlot::repr`](super::PyTypeSlot::repr)).
    pub const Py_tp_repr: c_int = 66;
    /// `Py_tp_richcompare`: the comparisons.
    pub const Py_tp_richcompare: c_int = 67;
    /// `Py_tp_setattr`: attribute assignment by C string.
    pub const Py_tp_setattr: c_int = 68;
    /// `Py_tp_setattro`: `__setattr__` / `__delattr__`.
    pub const Py_tp_setattro: c_int = 69;
    /// `Py_tp_str`: `__str__` ([`PyTypeSlot::str`](super::PyTypeSlot::str)).
    pub const Py_tp_str: c_int = 70;
    /// `Py_tp_getset`: a `PyGetSetDef` array.
    pub const Py_tp_getset: c_int = 73;
    /// `Py_am_await`: `__await__`.
    pub const Py_am_await: c_int = 77;
    /// `Py_am_aiter`: `__aiter__`.
    pub const Py_am_aiter: c_int = 78;
    /// `Py_am_anext`: `__anext__`.
    pub const Py_am_anext: c_int = 79;
}

/// Why a legacy class cannot have slot `id`, if it cannot: hpy-rs owns the memory and life
/// cycle of the object (allocation, the value's construction and `Drop`, the traversal of its
/// fields, the finalizer that frees chains), its base and its docstring; and
/// `Py_tp_members`'s offsets would read or write the Rust value behind its borrow flag.
const fn refusal(id: c_int) -> Option<&'static str> {
    Some(match id {
        47 | 65 => {
            "legacy slots cannot allocate or construct: Py_tp_alloc and Py_tp_new are hpy-rs's (write #[new])"
        }
        52 | 53 | 74 | 80 => {
            "legacy slots cannot destroy: Py_tp_dealloc, Py_tp_del, Py_tp_free and Py_tp_finalize are hpy-rs's (write Drop)"
        }
        51 | 61 | 71 => {
            "legacy slots cannot take part in the GC: Py_tp_traverse, Py_tp_clear and Py_tp_is_gc are hpy-rs's (keep objects in Fields)"
        }
        48 | 49 => {
            "legacy slots cannot set the base: Py_tp_base and Py_tp_bases would change the layout"
        }
        56 => "legacy slots cannot set Py_tp_doc: write a doc comment on the class",
        72 => {
            "legacy slots cannot have Py_tp_members: they would access the Rust value past its borrow flag (use #[hpy(get)] or a #[getter])"
        }
        _ => return None,
    })
}

/// `reprfunc`: a `Py_tp_repr` or `Py_tp_str` slot; returns a new reference to a `str`, or
/// NULL with an exception set.
pub type ReprFunc = unsafe extern "C" fn(slf: *mut PyObject) -> *mut PyObject;

/// CPython's `PyType_Slot`: a slot number and its function (or array), one entry of
/// [`LegacySlots`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PyTypeSlot {
    slot: c_int,
    pfunc: *mut c_void,
}

// SAFETY: a slot only points to static, immutable data (functions, definition arrays), which
// CPython reads with the interpreter held when it creates the type.
unsafe impl Sync for PyTypeSlot {}

impl PyTypeSlot {
    /// The all-zero entry that ends the slots.
    pub const END: PyTypeSlot = PyTypeSlot {
        slot: 0,
        pfunc: core::ptr::null_mut(),
    };

    /// Slot `slot` (a [`slot`] number) with `pfunc`.
    ///
    /// # Safety
    /// `pfunc` must be what CPython expects for that slot: a function of the slot's C type
    /// (which CPython calls directly, with no HPy context, with instances of the class and of
    /// its Python subclasses), or for `Py_tp_getset` a `PyGetSetDef` array ending with a zero
    /// entry; static, and immutable.
    pub const unsafe fn new(slot: c_int, pfunc: *mut c_void) -> Self {
        PyTypeSlot { slot, pfunc }
    }

    /// `Py_tp_methods`: legacy methods, `methods` ending with [`PyMethodDef::END`] (a
    /// compile-time error otherwise, in a `static`).
    pub const fn methods(methods: &'static [PyMethodDef]) -> Self {
        match methods.last() {
            Some(last) if last.is_end() => {}
            _ => panic!("the last PyMethodDef of Py_tp_methods must be PyMethodDef::END"),
        }
        // SAFETY: a `PyMethodDef` array with its end marker, static and immutable (CPython
        // copies it, HPy copies the entries into its own).
        unsafe { Self::new(slot::Py_tp_methods, methods.as_ptr().cast_mut().cast()) }
    }

    /// `Py_tp_repr`: `repr(obj)`.
    pub const fn repr(f: ReprFunc) -> Self {
        // SAFETY: `reprfunc` is the type of `tp_repr`.
        unsafe { Self::new(slot::Py_tp_repr, f as *mut c_void) }
    }

    /// `Py_tp_str`: `str(obj)`.
    pub const fn str(f: ReprFunc) -> Self {
        // SAFETY: `reprfunc` is the type of `tp_str`.
        unsafe { Self::new(slot::Py_tp_str, f as *mut c_void) }
    }
}

/// The legacy slots of a class: `static SLOTS: LegacySlots = unsafe { LegacySlots::new(&[...,
/// PyTypeSlot::END]) };`, named by `#[hpy::class(legacy_slots = SLOTS)]`.
///
/// Checked when the `static` is evaluated (so mistakes are compile errors): the entries end
/// with [`PyTypeSlot::END`] (and only there), and none is a slot hpy-rs owns —
/// `Py_tp_alloc`, `Py_tp_new`, `Py_tp_dealloc`, `Py_tp_free`, `Py_tp_del`, `Py_tp_finalize`
/// (the value's construction and `Drop`), `Py_tp_traverse`, `Py_tp_clear`, `Py_tp_is_gc`
/// (its fields), `Py_tp_base`, `Py_tp_bases` (the layout), `Py_tp_doc` (the doc comment) and
/// `Py_tp_members` (offsets into the value, past its borrow flag: use `#[hpy(get)]` or a
/// `#[getter]`). When the module creates the class, a slot that `#[hpy::methods]` also
/// fills (`Py_tp_repr` and `__repr__`, ...) is a `TypeError`. A slot-less special method set
/// on the type after it exists (`__iter__`, `__getattr__`, ..., see [`macro@crate::methods`])
/// replaces a legacy slot for the same method.
pub struct LegacySlots {
    slots: &'static [PyTypeSlot],
}

impl LegacySlots {
    /// The legacy slots `slots`, which end with [`PyTypeSlot::END`]; panics (at compile time,
    /// in a `static`) at a mistake listed on [`LegacySlots`].
    ///
    /// # Safety
    /// CPython calls the slots' functions, and the functions of the method tables among them,
    /// directly, trusting each to keep the C API's contract, which Rust cannot check (a safe
    /// `extern "C" fn` that returns a dangling pointer is still safe to write): every function
    /// returns a new reference or NULL with an exception set, takes and returns only valid
    /// objects, keeps reference counts balanced, and reaches the object's Rust value only
    /// through [`borrow`](super::borrow) / [`borrow_mut`](super::borrow_mut) within its call.
    pub const unsafe fn new(slots: &'static [PyTypeSlot]) -> Self {
        let mut i = 0;
        while i < slots.len() {
            let id = slots[i].slot;
            if id == 0 && i + 1 != slots.len() {
                panic!("PyTypeSlot::END must be the last legacy slot, and only the last");
            }
            if let Some(why) = refusal(id) {
                panic!("{}", why);
            }
            i += 1;
        }
        match slots.last() {
            Some(last) if last.slot == 0 => {}
            _ => panic!("the last legacy slot must be PyTypeSlot::END"),
        }
        LegacySlots { slots }
    }
}

// SAFETY: the slots end with their end marker (checked by `new`), each entry's function has
// its slot's type (the contract of `PyTypeSlot::new`, kept by its safe constructors), and
// keeps the C API's contract (the contract of `LegacySlots::new`).
unsafe impl crate::types::LegacySlotsStatic for LegacySlots {
    fn as_spec(&'static self) -> *mut c_void {
        self.slots.as_ptr().cast_mut().cast()
    }
}

/// Refuses legacy slots that `defines` (the class's HPy definitions, NULL-terminated) also
/// fill: one would silently replace the other.
///
/// # Safety
/// `slots` must be what [`LegacySlots`] gives the spec, `defines` valid definitions.
pub(crate) unsafe fn check_slot_conflicts(
    class: &str,
    slots: *mut c_void,
    defines: &[*mut ffi::HPyDef],
) -> Result<()> {
    let mut slot = slots.cast::<PyTypeSlot>().cast_const();
    loop {
        // SAFETY: an entry of the array, which ends with a zero slot.
        let id = unsafe { (*slot).slot };
        if id == 0 {
            return Ok(());
        }
        for &def in defines.iter().take_while(|d| !d.is_null()) {
            // SAFETY: a valid definition; its `slot` member is the active one for a slot.
            let taken = unsafe { (*def).kind == ffi::HPyDef_Kind_Slot && (*def).u.slot.slot == id };
            if taken {
                return Err(crate::exceptions::TypeError::new_err(format!(
                    "{class}: legacy slot {id} is also a special method of #[hpy::methods]; \
                     keep one of the two"
                )));
            }
        }
        // SAFETY: not the last entry, so the next one is in the array.
        slot = unsafe { slot.add(1) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::LegacySlotsStatic;

    extern "C" fn repr(_: *mut PyObject) -> *mut PyObject {
        core::ptr::null_mut()
    }

    // SAFETY: `repr` returns NULL, which CPython never sees: the slots are only inspected.
    static SLOTS: LegacySlots =
        unsafe { LegacySlots::new(&[PyTypeSlot::repr(repr), PyTypeSlot::END]) };

    /// A slot definition of `slot` (no functions: never given to a runtime).
    fn slot_def(slot: ffi::HPySlot_Slot) -> ffi::HPyDef {
        // SAFETY: all zeros is a valid `HPyDef`: null pointers and no functions.
        let mut def: ffi::HPyDef = unsafe { core::mem::zeroed() };
        def.kind = ffi::HPyDef_Kind_Slot;
        def.u.slot.slot = slot;
        def
    }

    #[test]
    fn a_legacy_slot_that_the_methods_also_fill_is_refused() {
        let (mut repr_def, mut str_def) = (slot_def(ffi::HPy_tp_repr), slot_def(ffi::HPy_tp_str));
        let apart = [&raw mut str_def, core::ptr::null_mut()];
        // SAFETY: `SLOTS`' array and valid, NULL-terminated definitions.
        assert!(unsafe { check_slot_conflicts("C", SLOTS.as_spec(), &apart) }.is_ok());
        let clash = [&raw mut str_def, &raw mut repr_def, core::ptr::null_mut()];
        // SAFETY: as above.
        let err = unsafe { check_slot_conflicts("C", SLOTS.as_spec(), &clash) }.unwrap_err();
        assert_eq!(err.exception_type().map(|t| t.name()), Some("TypeError"));
        assert!(
            err.message()
                .unwrap()
                .starts_with("C: legacy slot 66 is also")
        );
    }
}
