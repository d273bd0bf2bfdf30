//! `HashSet<T>`, `BTreeSet<T>` ↔ `set` (from any iterable but `str`), `VecDeque<T>` ↔ `list`
//! (from any iterable but `str`).

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::hash::{BuildHasher, Hash};

use super::{FromPy, IntoPy};
use crate::{Context, Handle, Result};

/// Every converted item of the iterable `obj`, collected into `C`; a failing item is named by
/// its position ("item 3").
fn extract_items<'ctx, T, C>(obj: &Handle<'ctx>) -> Result<C>
where
    T: for<'b> FromPy<'b, 'ctx>,
    C: Default + Extend<T>,
{
    let mut items = C::default();
    super::list::for_each_item(obj, |i, item| {
        items.extend([item
            .extract::<T>()
            .map_err(|e| e.within(|| format!("item {i}")))?]);
        Ok(())
    })?;
    Ok(items)
}

/// A new `set` of the converted items.
fn new_set<'ctx, T: IntoPy<'ctx>>(
    cx: Context<'ctx>,
    items: impl IntoIterator<Item = T, IntoIter: ExactSizeIterator>,
) -> Result<Handle<'ctx>> {
    let list = super::list::new_list(cx, items)?;
    cx.builtin("set")?.call((list,))
}

impl<'a, 'ctx, T, S> FromPy<'a, 'ctx> for HashSet<T, S>
where
    T: for<'b> FromPy<'b, 'ctx> + Eq + Hash,
    S: BuildHasher + Default,
{
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        extract_items(obj)
    }
}

impl<'a, 'ctx, T> FromPy<'a, 'ctx> for BTreeSet<T>
where
    T: for<'b> FromPy<'b, 'ctx> + Ord,
{
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        extract_items(obj)
    }
}

impl<'ctx, T: IntoPy<'ctx>, S> IntoPy<'ctx> for HashSet<T, S> {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_set(cx, self)
    }
}

impl<'ctx, T: IntoPy<'ctx>> IntoPy<'ctx> for BTreeSet<T> {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        new_set(cx, self)
    }
}

impl<'a, 'ctx, T> FromPy<'a, 'ctx> for VecDeque<T>
where
    T: for<'b> FromPy<'b, 'ctx>,
{
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        Vec::<T>::from_py(obj).map(VecDeque::from)
    }
}

impl<'ctx, T: IntoPy<'ctx>> IntoPy<'ctx> for VecDeque<T> {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        super::list::new_list(cx, self)
    }
}
