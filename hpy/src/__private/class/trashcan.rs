//! Freeing long chains of objects without deep recursion: the `tp_finalize` of every type
//! whose value holds `Field`s.
//!
//! HPy 0.9's deallocator of HPy types (`hpytype_dealloc` in `ctx_type.c`) has no trashcan: it
//! clears an object's fields by traversing it with a visitor that releases each reference at
//! once, so freeing the head of a chain of N objects linked through fields frees the next
//! from inside the first's deallocation, N levels deep — 64 bytes of C stack per level, a
//! crash past about 130 000 objects on an 8 MiB stack (CPython bounds the same recursion
//! for its own objects with its "trashcan"). `tp_destroy` cannot help (no context, and it
//! runs after the clearing); `tp_finalize`, which HPy calls with a context *before* the
//! clearing, can:
//!
//! * the outermost finalizer (none is running) takes its object's references out of its
//!   fields and releases them itself, with the finalizers it sets off marked nested;
//! * a nested finalizer adds its object's references to a list (the library's `TRASH`
//!   global), so that when the runtime clears its fields right after, none of them is the
//!   last reference, and its object's deallocation goes no deeper;
//! * the outermost finalizer then deletes the list's items one by one from its end (each
//!   deletion may add more), until the list is empty.
//!
//! So the stack depth of a deallocation through fields is bounded (two levels), whatever
//! the shape; a chain of a million objects is freed like a Python one. (A nested finalizer
//! adds its references in reverse order, so that for a value whose link to the next object
//! is its last field — `struct Node { value, next }` — the list stays two items long.) Like
//! any `__del__`, the finalizer is visible from Python (`T.__del__`): calling it by hand
//! releases what the object's fields hold (they read as empty afterwards).
//!
//! If adding a reference to the list fails (out of memory), that `MemoryError` is cleared
//! and the reference is left to the runtime (one level deeper): HPy 0.9 cannot save an
//! exception that was already set when the deallocation started, so in that case it is lost.

use core::cell::Cell;

use crate::field::{Field, Visitor};
use crate::inline_vec::InlineVec;
use crate::types::{PyType, Typed};
use crate::{Context, Global, Handle, ffi};

/// The queue of references whose release nested finalizers deferred: a list, created on
/// first use, registered by every module of this library.
pub(crate) static TRASH: Global = Global::new();

/// Where the finalizers of this library are (the GIL serialises them).
struct State {
    /// Whether an outermost finalizer is running (then every other is nested).
    running: Cell<bool>,
    /// Whether references were appended to `TRASH` since it was last drained (a hint that
    /// saves the outermost finalizer from looking at the list when nothing was; the drain
    /// itself goes by the list's real length).
    queued: Cell<bool>,
}

// SAFETY: only finalizers touch the state, and they run with the GIL held (one at a time,
// in any thread).
unsafe impl Sync for State {}

static STATE: State = State {
    running: Cell::new(false),
    queued: Cell::new(false),
};

/// Marks an outermost finalizer running, until dropped (even by a panic: else every later
/// finalizer would queue forever).
struct Running;

impl Running {
    fn start() -> Self {
        STATE.running.set(true);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        STATE.running.set(false);
    }
}

/// `tp_finalize` of a type holding fields (see the module documentation).
///
/// # Safety
/// Called by the runtime with the call's context and an object of `T` (or of a subclass).
pub unsafe extern "C" fn finalize<T: PyType>(ctx: *mut ffi::HPyContext, obj: ffi::HPy) {
    // SAFETY: the runtime calls tp_finalize with the call's context and lends it the object.
    let entry = unsafe { crate::__private::Entry::new(ctx) };
    entry.run_finalizer::<T>(obj, |obj| {
        // SAFETY: the runtime finalizes only objects of `T` (or of a subclass).
        let typed = unsafe { Typed::<T>::from_handle_unchecked(obj) };
        let cx = obj.context();
        if STATE.running.get() {
            queue(cx, &references(typed, false));
        } else {
            let taken = references(typed, true);
            if !taken.is_empty() {
                let _running = Running::start();
                drop(taken); // releases them: what dies is queued
                drain(cx);
            }
        }
    });
}

/// The body of the `tp_finalize` CPython trampoline.
///
/// # Safety
/// Called by CPython with an object of `T` (or of a subclass).
pub unsafe extern "C" fn finalize_trampoline<T: PyType>(obj: *mut ffi::cpy_PyObject) {
    // SAFETY: forwarded from the caller's contract.
    unsafe { crate::__private::hpyfunc::destructor::trampoline(finalize::<T>, obj) }
}

/// New handles to the references every field of `typed`'s value holds, the fields emptied
/// if `take`; none if the value cannot be borrowed (uninitialised, or lent mutably — never
/// the case for a dying object).
fn references<'ctx, T: PyType>(typed: &Typed<'ctx, T>, take: bool) -> InlineVec<Handle<'ctx>, 4> {
    let mut found = InlineVec::new();
    let Ok(value) = typed.borrow() else {
        return found;
    };
    let mut each = |field: &Field| {
        let reference = if take {
            typed.take_visited(field)
        } else {
            typed.load_visited(field)
        };
        found.extend(reference);
    };
    // SAFETY: an `each` visitor calls `each` with the fields of this very value; loading a
    // field, or emptying it while a handle holds its reference, runs no Python code.
    unsafe { T::__traverse_fields(&value, &mut Visitor::each(&mut each)) };
    drop(value);
    found
}

/// Adds `references` to the list, last first (see the module documentation); one that
/// cannot be added is left to the runtime.
fn queue<'ctx>(cx: Context<'ctx>, references: &InlineVec<Handle<'ctx>, 4>) {
    if references.is_empty() {
        return;
    }
    let Some(trash) = trash_list(cx) else {
        return;
    };
    for reference in references.iter().rev() {
        // SAFETY: both handles are open; `HPyList_Append` does not steal the item.
        let status = unsafe {
            crate::context::call!(cx, ctx_List_Append(trash.as_raw(), reference.as_raw()))
        };
        if status < 0 {
            clear_error(cx);
        } else {
            STATE.queued.set(true);
        }
    }
}

/// Deletes the list's items from its end, one at a time (each deletion may add more), until
/// it is empty. It goes by the list's real length, so Python code that found the list
/// (`gc.get_objects()`) and changed it changes only what is released, never makes a
/// deletion fail.
fn drain(cx: Context<'_>) {
    if !STATE.queued.replace(false) {
        return;
    }
    let Some(trash) = TRASH.load(cx) else {
        return;
    };
    loop {
        // SAFETY: `trash` is an open handle (a list, which only this module stores).
        let len = unsafe { crate::context::call!(cx, ctx_Length(trash.as_raw())) };
        if len <= 0 {
            break;
        }
        // SAFETY: `trash` is an open list of `len` items. The list drops the item only once
        // it is consistent again, so nested finalizers may append meanwhile.
        if unsafe { crate::context::call!(cx, ctx_DelItem_i(trash.as_raw(), len - 1)) } < 0 {
            clear_error(cx); // not a list any more: nothing to drain
            break;
        }
    }
    STATE.queued.set(false);
}

/// The queue, created on first use.
fn trash_list(cx: Context<'_>) -> Option<Handle<'_>> {
    if let Some(trash) = TRASH.load(cx) {
        return Some(trash);
    }
    let trash = new_list(cx)?;
    TRASH.store(&trash);
    Some(trash)
}

/// A new empty list, or `None` (its error cleared) if it cannot be made.
fn new_list(cx: Context<'_>) -> Option<Handle<'_>> {
    // SAFETY: creating a list has no preconditions.
    let raw = unsafe { crate::context::call!(cx, ctx_List_New(0)) };
    // SAFETY: a new handle, or NULL with an exception set.
    match unsafe { Handle::from_raw_or_err(cx, raw) } {
        Ok(list) => Some(list),
        Err(err) => {
            err.clear(cx);
            None
        }
    }
}

/// Clears the exception a failed queue operation set (see the module documentation).
fn clear_error(cx: Context<'_>) {
    // SAFETY: clearing the current exception is always allowed.
    unsafe { crate::context::call!(cx, ctx_Err_Clear()) }
}
