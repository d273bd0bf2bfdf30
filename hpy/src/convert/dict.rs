//! `HashMap<K, V>`, `BTreeMap<K, V>` (and `IndexMap` with the `indexmap` feature) ← any
//! mapping, → `dict`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

use super::{FromPy, IntoPy};
use crate::context::call;
use crate::{Context, Error, Handle, Result};

/// Creates an empty `dict`.
pub(crate) fn new_dict<'ctx>(cx: Context<'ctx>) -> Result<Handle<'ctx>> {
    // SAFETY: creating a dict has no preconditions.
    let raw = unsafe { call!(cx, ctx_Dict_New()) };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// Builds a `dict` from converted key/value pairs.
pub(crate) fn dict_from_pairs<'ctx, K, V>(
    cx: Context<'ctx>,
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Result<Handle<'ctx>>
where
    K: IntoPy<'ctx>,
    V: IntoPy<'ctx>,
{
    let dict = new_dict(cx)?;
    for (k, v) in pairs {
        dict.set_item(k, v)?;
    }
    Ok(dict)
}

/// Calls `f` on every converted `(key, value)` pair of a mapping, in its order.
///
/// The pairs are read from a copy: `HPyDict_Copy` for a dict (which reads a subclass as
/// `dict(obj)` does: a subclass's `__getitem__` is never trusted, an `OrderedDict` in its
/// order), `dict(obj)` for any other mapping (an object with `keys()`, read through `keys()`
/// and `obj[key]`, as `dict()` reads it); the copy's pairs are taken at once
/// (`Handle::dict_items_into`), so Python code run by a conversion cannot change them under
/// the loop.
fn for_each_pair<'ctx, K, V>(obj: &Handle<'ctx>, mut f: impl FnMut(K, V)) -> Result<()>
where
    K: for<'b> FromPy<'b, 'ctx>,
    V: for<'b> FromPy<'b, 'ctx>,
{
    let cx = obj.context();
    let copy = if obj.is_dict() {
        // SAFETY: `obj` is an open dict; the result is a new exact dict, or NULL.
        unsafe { Handle::from_raw_or_err(cx, call!(cx, ctx_Dict_Copy(obj.as_raw())))? }
    } else if obj.hasattr(c"keys") {
        cx.builtin("dict")?.call((obj,))?
    } else {
        return Err(Error::wrong_type("mapping", obj));
    };
    let (mut keys, mut values) = (Vec::new(), Vec::new());
    copy.dict_items_into(&mut keys, &mut values)?;
    for (key, value) in keys.iter().zip(&values) {
        let k = key
            .extract::<K>()
            .map_err(|e| e.within(|| "key".to_owned()))?;
        let v = value.extract::<V>().map_err(|e| {
            e.within(|| match key.repr().and_then(|r| r.extract::<String>()) {
                Ok(r) => format!("value of key {r}"),
                Err(e) => {
                    e.clear(cx);
                    "value".to_owned()
                }
            })
        })?;
        f(k, v);
    }
    Ok(())
}

impl<'a, 'ctx, K, V, S> FromPy<'a, 'ctx> for HashMap<K, V, S>
where
    K: for<'b> FromPy<'b, 'ctx> + Eq + Hash,
    V: for<'b> FromPy<'b, 'ctx>,
    S: BuildHasher + Default,
{
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        let mut map = HashMap::default();
        for_each_pair(obj, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

impl<'a, 'ctx, K, V> FromPy<'a, 'ctx> for BTreeMap<K, V>
where
    K: for<'b> FromPy<'b, 'ctx> + Ord,
    V: for<'b> FromPy<'b, 'ctx>,
{
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        let mut map = BTreeMap::new();
        for_each_pair(obj, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

impl<'ctx, K: IntoPy<'ctx>, V: IntoPy<'ctx>, S> IntoPy<'ctx> for HashMap<K, V, S> {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        dict_from_pairs(cx, self)
    }
}

impl<'ctx, K: IntoPy<'ctx>, V: IntoPy<'ctx>> IntoPy<'ctx> for BTreeMap<K, V> {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        dict_from_pairs(cx, self)
    }
}

#[cfg(feature = "indexmap")]
impl<'a, 'ctx, K, V, S> FromPy<'a, 'ctx> for indexmap::IndexMap<K, V, S>
where
    K: for<'b> FromPy<'b, 'ctx> + Eq + Hash,
    V: for<'b> FromPy<'b, 'ctx>,
    S: BuildHasher + Default,
{
    /// The pairs in the mapping's order.
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        let mut map = indexmap::IndexMap::default();
        for_each_pair(obj, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

#[cfg(feature = "indexmap")]
impl<'ctx, K: IntoPy<'ctx>, V: IntoPy<'ctx>, S> IntoPy<'ctx> for indexmap::IndexMap<K, V, S> {
    /// A `dict` in the map's order.
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        dict_from_pairs(cx, self)
    }
}
