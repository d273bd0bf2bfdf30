//! `Vec<T>` ← any iterable but `str`; `Vec<T>`, `&[T]`, `[T; N]` → `list`.

use super::{FromPy, IntoPy, ObjectRef};
use crate::context::call;
use crate::protocol::ExactSequence;
use crate::{Context, Error, Handle, Result};

/// Whether `obj` is a `list` or a `tuple` (or a subclass of either).
pub(super) fn is_list_or_tuple(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    // SAFETY: `obj` is open; the checks only inspect its type.
    unsafe {
        call!(cx, ctx_List_Check(obj.as_raw())) != 0
            || call!(cx, ctx_Tuple_Check(obj.as_raw())) != 0
    }
}

/// Extracts every item of an iterable with `extract_item` (inlined, so that the item
/// conversion is too).
///
/// An exact list or tuple is read by index, as its storage is (in place where
/// `crate::storage` can: the CPython ABI, CPython's universal context; elsewhere a tuple of
/// 8 items or more all at once,
/// through `Handle::items_into`): its length is real, so it may size the vector (fallibly:
/// `MemoryError`). A list that shrinks while its items
/// convert (Python code run by a conversion) fails with the list's `IndexError`, as
/// CPython's `array.array('d', lst)` does. Anything else — a subclass, a set, a dict (its
/// keys), a generator — is read as `list(obj)` reads it, through its iterator: no `__len__`
/// or `__getitem__` is ever trusted. A `str` is refused: read as an iterable it would be its
/// characters, which is never what a `Vec` parameter means.
#[inline]
pub(super) fn extract_sequence<'ctx, T>(
    obj: &Handle<'ctx>,
    extract_item: fn(&Handle<'ctx>) -> Result<T>,
) -> Result<Vec<T>> {
    let Some(kind) = obj.exact_sequence() else {
        return extract_iterable(obj, extract_item);
    };
    if let Some(storage) = crate::storage::Sequence::of(obj, kind == ExactSequence::List) {
        // The storage in place, its size read again at each item (Python code run by a
        // conversion may shrink a list): what the indexed loop below does, in fewer calls.
        let len = storage.len();
        let mut out = crate::alloc::vec_with_capacity(len)?;
        for i in 0..len {
            let item = storage.item(i)?.ok_or_else(list_shrank)?;
            out.push(extract_item(&item).map_err(|e| e.within(|| format!("item {i}")))?);
        }
        return Ok(out);
    }
    let len = obj.len()?;
    if len >= WHOLE_TUPLE && kind == ExactSequence::Tuple {
        // A tuple cannot change while its items convert: all of it at once, not an
        // `HPy_GetItem_i` per item (`Handle::items_into`).
        let mut items = crate::alloc::vec_with_capacity(len)?;
        obj.items_into(&mut items)?;
        let mut out = crate::alloc::vec_with_capacity(len)?;
        for (i, item) in items.iter().enumerate() {
            out.push(extract_item(item).map_err(|e| e.within(|| format!("item {i}")))?);
        }
        return Ok(out);
    }
    let mut out = crate::alloc::vec_with_capacity(len)?;
    for i in 0..len {
        let item = obj.get_item_index(i as isize)?;
        out.push(extract_item(&item).map_err(|e| e.within(|| format!("item {i}")))?);
    }
    Ok(out)
}

/// The error of reading past the end of a list that shrank while its items converted: the
/// `IndexError` that indexing it raises.
#[cold]
pub(super) fn list_shrank() -> crate::Error {
    crate::exceptions::IndexError::new_err("list index out of range")
}

/// Exact tuples of at least this many items are read at once by [`extract_sequence`].
const WHOLE_TUPLE: usize = 8;

/// [`extract_sequence`] for anything but an exact list or tuple: every item its iterator
/// gives, in order, the vector growing fallibly.
#[inline(never)]
fn extract_iterable<'ctx, T>(
    obj: &Handle<'ctx>,
    extract_item: fn(&Handle<'ctx>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for_each_item(obj, |i, item| {
        crate::alloc::reserve(&mut out, 1)?;
        out.push(extract_item(item).map_err(|e| e.within(|| format!("item {i}")))?);
        Ok(())
    })?;
    Ok(out)
}

/// Calls `f` with the index and every item of the iterable `obj` (not a `str`: see
/// [`extract_sequence`]); an object that is not iterable is a `TypeError` saying so.
pub(super) fn for_each_item<'ctx>(
    obj: &Handle<'ctx>,
    mut f: impl FnMut(usize, &Handle<'ctx>) -> Result<()>,
) -> Result<()> {
    let cx = obj.context();
    if super::string::is_str(obj) {
        return Err(Error::wrong_type("iterable other than str", obj));
    }
    let items = match obj.iter() {
        Ok(items) => items,
        Err(e) if e.matches(cx, crate::exceptions::TypeError) => {
            e.clear(cx);
            return Err(Error::wrong_type("iterable", obj));
        }
        Err(e) => return Err(e),
    };
    for (i, item) in items.enumerate() {
        f(i, &item?)?;
    }
    Ok(())
}

/// Builds a `list` from the converted items (HPy's list builder: one allocation, no resizing).
///
/// Every item is converted before the builder exists: on CPython a builder is a list whose
/// unfilled slots are NULL, reachable from Python (`gc.get_objects()`), so no conversion —
/// which may be user code, or run Python code — may run while one is live.
pub(super) fn new_list<'a, 'ctx: 'a, T, I>(cx: Context<'ctx>, items: I) -> Result<Handle<'ctx>>
where
    T: IntoPy<'ctx> + 'a,
    I: IntoIterator<Item = T>,
    I::IntoIter: ExactSizeIterator,
{
    let items = items.into_iter();
    let mut objects: Vec<ObjectRef<'a, 'ctx>> = crate::alloc::vec_with_capacity(items.len())?;
    for item in items {
        objects.push(item.__to_object(cx)?);
    }
    list_of(cx, &objects)
}

/// A `list` of the objects `items` (each converted already): the list builder is opened only
/// now, so no Python code runs while it is.
pub(super) fn list_of<'ctx>(
    cx: Context<'ctx>,
    items: &[impl core::borrow::Borrow<Handle<'ctx>>],
) -> Result<Handle<'ctx>> {
    let len = items.len();
    // SAFETY: a builder for `len` items; it is built below, exactly once, with every slot
    // filled, and nothing else runs meanwhile.
    let builder = unsafe { call!(cx, ctx_ListBuilder_New(len as isize)) };
    for (i, handle) in items.iter().map(|h| h.borrow()).enumerate() {
        // SAFETY: `i < len` and the builder is live; Set does not steal the handle.
        unsafe {
            call!(
                cx,
                ctx_ListBuilder_Set(builder, i as isize, handle.as_raw())
            )
        };
    }
    // SAFETY: every slot is filled; Build consumes the builder.
    let raw = unsafe { call!(cx, ctx_ListBuilder_Build(builder)) };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

impl<'a, 'ctx, T> FromPy<'a, 'ctx> for Vec<T>
where
    T: for<'b> FromPy<'b, 'ctx>,
{
    #[inline]
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        <T as FromPy<'a, 'ctx>>::__vec_from_py(obj, |item| T::from_py(item))
    }
}

impl<'ctx, T: IntoPy<'ctx>> IntoPy<'ctx> for Vec<T> {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        T::__vec_into_py(self, cx)
    }
}

impl<'ctx, T: IntoPy<'ctx> + Clone> IntoPy<'ctx> for &[T] {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        T::__slice_into_py(self, cx)
    }
}

impl<'ctx, T: IntoPy<'ctx>, const N: usize> IntoPy<'ctx> for [T; N] {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        T::__vec_into_py(Vec::from(self), cx)
    }
}
