//! [`Handle::items_into`] and [`Handle::dict_items_into`]: the items of a `list` or `tuple`,
//! the keys and values of a `dict`, as new handles, read from the object's storage in a few
//! calls instead of one or two per item: in the universal ABI on CPython, through HPy's bridge
//! to the C API (`hpy/src/cpython_backend.rs`), elsewhere through readers that HPy's universal ABI hands
//! the storage to (`universal`); in the CPython ABI, read directly (`cpython_storage.rs`).

#[cfg(not(feature = "abi-cpython"))]
mod universal;

#[cfg(not(feature = "abi-cpython"))]
pub(crate) use universal::{GLOBALS, create};

use crate::{Error, Handle, Result};

/// The CPython ABI reads the storage itself: no reader, no global.
#[cfg(feature = "abi-cpython")]
pub(crate) const GLOBALS: [&crate::Global; 0] = [];

/// The CPython ABI reads the storage itself: nothing to create.
#[cfg(feature = "abi-cpython")]
pub(crate) fn create(_: crate::Context<'_>) -> Result<()> {
    Ok(())
}

impl<'ctx> Handle<'ctx> {
    /// Appends the items of this `list` or `tuple` to `out`, as new handles, and returns how
    /// many there were.
    ///
    /// The items are read from the object's storage, as `PySequence_Fast` reads them: a
    /// subclass's `__iter__`, `__len__` and `__getitem__` are never called. A list is read at
    /// once (a snapshot: changes made to it afterwards do not show in `out`).
    ///
    /// This is the fast way through a whole list or tuple: HPy 0.9's
    /// [`get_item_index`](Self::get_item_index) costs about 140 instructions an item on
    /// CPython, this about 15, plus a few calls for the whole sequence.
    ///
    /// # Errors
    /// `TypeError` for any other object; `MemoryError` if `out` cannot grow.
    ///
    /// ```
    /// # fn demo<'ctx>(seq: &hpy::Handle<'ctx>) -> hpy::Result<()> {
    /// let mut items = Vec::new();
    /// seq.items_into(&mut items)?;
    /// for item in &items {
    ///     let _: i64 = item.extract()?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn items_into(&self, out: &mut Vec<Handle<'ctx>>) -> Result<usize> {
        #[cfg(feature = "abi-cpython")]
        return match crate::cpython_storage::items_into(self, out)? {
            Some(n) => Ok(n),
            None => Err(Error::wrong_type("list or tuple", self)),
        };
        #[cfg(not(feature = "abi-cpython"))]
        universal::items_into(self, out)
    }

    /// Appends the keys and the values of this `dict` to `keys` and `values`, as new
    /// handles, and returns how many entries there were.
    ///
    /// They are read from the dict's storage, in its order, as `PyDict_Next` reads them: a
    /// subclass's `keys()`, `__iter__` and `__getitem__` are never called, nor any key's
    /// `__hash__` or `__eq__` (except, outside CPython's universal context and the CPython
    /// ABI, an exact `str`'s, which run no Python code; and there an exact dict of 4 entries
    /// or more is first copied, `HPyDict_Copy`, which for a dict with many deleted entries
    /// inserts them one by one and so compares keys of equal hashes, with `__eq__`). This is
    /// the way through a whole dict that HPy 0.9 lacks: on CPython, `PyDict_Next` through
    /// HPy's bridge to the C API (`HPy_AsPyObject`), about 25 instructions an entry; in HPy's
    /// debug mode and on other interpreters, for a dict with string keys, a few calls,
    /// whatever its size up to 1024 entries.
    ///
    /// # Errors
    /// `TypeError` if this is not a `dict`; `MemoryError` if a vector cannot grow.
    ///
    /// ```
    /// # fn demo<'ctx>(dict: &hpy::Handle<'ctx>) -> hpy::Result<()> {
    /// let (mut keys, mut values) = (Vec::new(), Vec::new());
    /// dict.dict_items_into(&mut keys, &mut values)?;
    /// for (key, value) in keys.iter().zip(&values) {
    ///     println!("{} = {}", key.str()?.extract::<String>()?, value.repr()?.extract::<String>()?);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn dict_items_into(
        &self,
        keys: &mut Vec<Handle<'ctx>>,
        values: &mut Vec<Handle<'ctx>>,
    ) -> Result<usize> {
        if !self.is_dict() {
            return Err(Error::wrong_type("dict", self));
        }
        #[cfg(feature = "abi-cpython")]
        return crate::cpython_storage::dict_items_into(self, keys, values);
        #[cfg(not(feature = "abi-cpython"))]
        universal::dict_items_into(self, keys, values)
    }
}
