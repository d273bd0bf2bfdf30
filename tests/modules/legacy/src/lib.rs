//! `legacy`: the `legacy` feature of hpy — handles converted to and from `PyObject*`, and
//! classes half ported from the C API: hpy-rs methods beside C-API (`PyMethodDef`) methods
//! and slots (`capi.rs`), all seeing the same Rust value. Tested by `tests/test_*.py` in
//! universal and debug mode.

use std::sync::atomic::{AtomicUsize, Ordering};

use hpy::prelude::*;

mod capi;

/// How many [`legacy::Counter`] values were dropped.
static DROPPED: AtomicUsize = AtomicUsize::new(0);

#[hpy::module]
/// PyObject* conversions and legacy classes.
mod legacy {
    use super::*;

    /// `obj`, converted to a `PyObject*` (a new reference, released here) and back.
    #[hpy::function]
    fn roundtrip<'ctx>(cx: Context<'ctx>, obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        let raw = obj.to_py_object();
        // SAFETY: `raw` is a live object: the reference `to_py_object` returned is held.
        let back = unsafe { Handle::from_py_object(cx, raw) };
        // SAFETY: releases that reference, with the interpreter held.
        unsafe { capi::Py_DecRef(raw) };
        back
    }

    /// A NULL `PyObject*` after a C-API call set `KeyError` (`raise_first`), or with no
    /// exception set.
    #[hpy::function]
    fn from_null(cx: Context<'_>, raise_first: bool) -> Result<Handle<'_>> {
        if raise_first {
            // SAFETY: a C-API call with the interpreter held; `PyExc_KeyError` is a type.
            unsafe { capi::set_key_error() };
        }
        // SAFETY: NULL is allowed.
        unsafe { Handle::from_py_object(cx, core::ptr::null_mut()) }
    }

    /// The value of `counter`, read by C-API-style code through its `PyObject*`.
    #[hpy::function]
    fn peek_through_pointer(counter: &Typed<'_, Counter>) -> Result<i64> {
        let raw = counter.to_py_object();
        // SAFETY: `raw` is a `Counter` (`counter` is typed), alive while the reference
        // `to_py_object` returned is held.
        let value = unsafe { hpy::legacy::borrow::<Counter>(raw) }.map(|c| c.value);
        // SAFETY: releases that reference, with the interpreter held.
        unsafe { capi::Py_DecRef(raw) };
        value
    }

    /// How many `Counter` values were dropped.
    #[hpy::function]
    fn dropped() -> usize {
        DROPPED.load(Ordering::Relaxed)
    }

    /// A counter half ported: `increment`, `value` and `tag` are hpy-rs, `peek`, `add` and
    /// `repr()` C-API code (`capi.rs`).
    #[hpy::class(subclass, legacy_slots = crate::capi::COUNTER_SLOTS)]
    pub struct Counter {
        pub value: i64,
        tag: Field,
    }

    impl Drop for Counter {
        fn drop(&mut self) {
            DROPPED.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[hpy::methods]
    impl Counter {
        #[new]
        #[hpy(signature = (value = 0))]
        fn new(value: i64) -> Self {
            Counter {
                value,
                tag: Field::new(),
            }
        }

        /// Adds one (hpy-rs).
        fn increment(&mut self) {
            self.value += 1;
        }

        /// The value (hpy-rs).
        #[getter]
        fn value(&self) -> i64 {
            self.value
        }

        /// Calls `f()` while the value is lent mutably.
        fn while_borrowed<'ctx>(&mut self, f: &Handle<'ctx>) -> Result<Handle<'ctx>> {
            f.call(())
        }

        /// Any object, kept in a `Field` (so the class is GC-tracked and traversed).
        #[getter]
        fn tag<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            this.field(|c| &c.tag)
        }

        #[setter]
        fn set_tag<'ctx>(this: &Typed<'ctx, Self>, tag: Option<&Handle<'ctx>>) -> Result<()> {
            this.set_field(|c| &c.tag, tag)
        }
    }

    /// A legacy class whose `__new__` the tests replace by one that never calls its own.
    #[hpy::class(legacy_slots = crate::capi::HOLLOW_SLOTS)]
    pub struct Hollow(pub i64);

    #[hpy::methods]
    impl Hollow {
        #[new]
        fn new() -> Self {
            Hollow(1)
        }

        /// The value (hpy-rs).
        fn value(&self) -> i64 {
            self.0
        }
    }

    /// A frozen legacy class: members read at their offset past the `PyObject` header, and a
    /// C-API `str()`.
    #[hpy::class(frozen, legacy_slots = crate::capi::POINT_SLOTS)]
    pub struct Point {
        /// x
        #[hpy(get)]
        pub x: f64,
        /// y
        #[hpy(get)]
        pub y: f64,
    }

    #[hpy::methods]
    impl Point {
        #[new]
        fn new(x: f64, y: f64) -> Self {
            Point { x, y }
        }

        /// `x + y` (hpy-rs).
        fn sum(&self) -> f64 {
            self.x + self.y
        }
    }
}
