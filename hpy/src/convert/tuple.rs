//! Rust tuples (`()` and up to 12 elements) ↔ `tuple`.

use super::{FromPy, IntoPy};
use crate::context::call;
use crate::protocol::ExactSequence;
use crate::{Context, Error, Handle, Result, ffi};

/// The most items [`new_tuple`] passes to `HPyTuple_FromArray`, whose debug-mode version
/// copies them onto the C stack (`alloca` in `debug_ctx_Tuple_FromArray`,
/// `hpy/debug/src/debug_ctx.c`); longer tuples are built with a tuple builder.
const FROM_ARRAY_MAX: usize = 64;

/// Creates a `tuple` of the given items (which keep their own references).
#[inline]
pub(crate) fn new_tuple<'ctx>(cx: Context<'ctx>, items: &[ffi::HPy]) -> Result<Handle<'ctx>> {
    if items.len() > FROM_ARRAY_MAX {
        return built_tuple(cx, items);
    }
    // SAFETY: `items` holds `items.len()` open handles; HPy copies them (no stealing).
    let raw = unsafe {
        call!(
            cx,
            ctx_Tuple_FromArray(items.as_ptr().cast_mut(), items.len() as isize)
        )
    };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// [`new_tuple`] through `HPyTupleBuilder`: nothing is copied onto the stack.
#[cold]
fn built_tuple<'ctx>(cx: Context<'ctx>, items: &[ffi::HPy]) -> Result<Handle<'ctx>> {
    // SAFETY: a builder for `items.len()` items; it is built below, exactly once, with every
    // slot filled, and nothing else runs meanwhile (a failed allocation is reported by Build).
    let builder = unsafe { call!(cx, ctx_TupleBuilder_New(items.len() as isize)) };
    for (i, &item) in items.iter().enumerate() {
        // SAFETY: `i < len`, the builder is live and `item` open; Set does not steal it.
        unsafe { call!(cx, ctx_TupleBuilder_Set(builder, i as isize, item)) };
    }
    // SAFETY: every slot is filled; Build consumes the builder.
    let raw = unsafe { call!(cx, ctx_TupleBuilder_Build(builder)) };
    if raw.is_null() && !super::err_occurred(cx) {
        // HPy 0.9's debug mode reports a failed allocation with no exception set
        // (`debug_ctx_TupleBuilder_Build`).
        return Err(crate::exceptions::MemoryError::new_err(format!(
            "cannot allocate a tuple of {} items",
            items.len()
        )));
    }
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// How the items of a tuple or list of the right length are read.
enum Items<'ctx> {
    /// An exact `tuple` or `list`: by index, from its storage.
    Indexed,
    /// The same, its storage read in place (`crate::storage`: the CPython ABI, and CPython's
    /// universal context).
    Storage(crate::storage::Sequence<'ctx>),
    /// A subclass: the items its iterator gave (its `__len__` and `__getitem__` are never
    /// trusted).
    Iterated(std::vec::IntoIter<Handle<'ctx>>),
}

/// Checks that `obj` is a tuple or list of exactly `len` items.
fn check_arity<'ctx>(obj: &Handle<'ctx>, len: usize) -> Result<Items<'ctx>> {
    let expected = || format!("tuple of length {len}");
    if let Some(kind) = obj.exact_sequence() {
        let items = Items::of_exact(obj, kind);
        let actual = items.exact_len(obj)?;
        if actual != len {
            let what = format!("{} of length {actual}", obj.type_name());
            return Err(Error::wrong_type(expected(), obj).with_actual(what));
        }
        return Ok(items);
    }
    if !super::list::is_list_or_tuple(obj) {
        return Err(Error::wrong_type(expected(), obj));
    }
    // A subclass: read one item more than needed, never more (its iterator may not end).
    let items = obj.iter()?.take(len + 1).collect::<Result<Vec<_>>>()?;
    if items.len() != len {
        let what = match items.len() {
            n if n > len => format!("{} of more than {len} items", obj.type_name()),
            n => format!("{} of length {n}", obj.type_name()),
        };
        return Err(Error::wrong_type(expected(), obj).with_actual(what));
    }
    Ok(Items::Iterated(items.into_iter()))
}

impl<'ctx> Items<'ctx> {
    /// How the items of `obj`, an exact list or tuple, are read.
    fn of_exact(obj: &Handle<'ctx>, kind: ExactSequence) -> Self {
        if let Some(storage) = crate::storage::Sequence::of(obj, kind == ExactSequence::List) {
            return Items::Storage(storage);
        }
        Items::Indexed
    }

    /// The length of `obj`, the exact list or tuple these items are read from.
    fn exact_len(&self, obj: &Handle<'ctx>) -> Result<usize> {
        match self {
            Items::Storage(storage) => Ok(storage.len()),
            _ => obj.len(),
        }
    }

    /// Item `index` of `obj` (the object `check_arity` accepted), in order.
    fn next(&mut self, obj: &Handle<'ctx>, index: isize) -> Result<Handle<'ctx>> {
        match self {
            Items::Indexed => obj.get_item_index(index),
            // A list may shrink while earlier items convert.
            Items::Storage(storage) => storage
                .item(index as usize)?
                .ok_or_else(super::list::list_shrank),
            Items::Iterated(items) => Ok(items.next().expect("check_arity counted the items")),
        }
    }
}

/// `()` is the empty tuple (a function returning `()` still returns `None`: see
/// `__private::ReturnsUnit`).
impl<'ctx> IntoPy<'ctx> for () {
    #[inline]
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_tuple(cx, &[])
    }
}

impl<'a, 'ctx> FromPy<'a, 'ctx> for () {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        check_arity(obj, 0).map(|_| ())
    }
}

macro_rules! tuples {
    ($($len:literal => ($($name:ident $idx:tt),+);)*) => {$(
        impl<'ctx, $($name: IntoPy<'ctx>),+> IntoPy<'ctx> for ($($name,)+) {
            #[inline]
            fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
                let items = [$(self.$idx.into_py(cx)?),+];
                new_tuple(cx, &items.each_ref().map(Handle::as_raw))
            }
        }

        impl<'a, 'ctx, $($name),+> FromPy<'a, 'ctx> for ($($name,)+)
        where
            $($name: for<'b> FromPy<'b, 'ctx>),+
        {
            fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
                let mut items = check_arity(obj, $len)?;
                Ok(($(
                    items.next(obj, $idx)?
                        .extract::<$name>()
                        .map_err(|e| e.within(|| format!("item {}", $idx)))?,
                )+))
            }
        }
    )*};
}

tuples! {
    1 => (A 0);
    2 => (A 0, B 1);
    3 => (A 0, B 1, C 2);
    4 => (A 0, B 1, C 2, D 3);
    5 => (A 0, B 1, C 2, D 3, E 4);
    6 => (A 0, B 1, C 2, D 3, E 4, F 5);
    7 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    8 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
    9 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
    10 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
    11 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
    12 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
}
