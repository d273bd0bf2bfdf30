//! [`VarKwargs`]: the `**kwargs` of a call, without allocating, and without reading a keyword's
//! name until it is asked for.

use core::cell::{Cell, OnceCell};
use core::mem::ManuallyDrop;

use crate::handle::Lent;
use crate::inline_vec::InlineVec;
use crate::keyword_name::name_is;
use crate::{Context, FromPy, Handle, Result, ffi};

/// Keyword names binding read, with their positions in the call's keyword names.
pub(crate) type NamesRead<'ctx> = Vec<(usize, Handle<'ctx>)>;

/// How many keyword arguments are kept inline before spilling to the heap.
const INLINE: usize = 8;

/// The keyword arguments a function received that no named parameter took (`**kwargs`),
/// in call order, lent for the call.
///
/// Take `kwargs: &VarKwargs<'_>` for a `**kwargs` parameter to look at them without building a
/// `dict`: values are read without any call into the runtime, and a name is fetched from the
/// call's keyword names only when asked for (then kept). A function whose named parameters
/// are all positional-only never reads a name to bind its arguments, so a call costs nothing
/// per keyword until the function looks. Take a `Handle` for a new `dict`, or a
/// `HashMap`/`BTreeMap`/`Vec` of pairs to convert names and values (see [`FromKwargs`]).
///
/// Keyword names are `str`: CPython's call machinery rejects any other name before the
/// function is called ("keywords must be strings").
///
/// Built for the CPython ABI, a function none of whose named parameters can take a keyword
/// (all positional-only, or none) receives its keyword arguments as CPython's dict, which
/// the view lends as it is (a copy, if its caller keeps the dict), so that `f(*t, **d)` costs
/// no unpacking; the view behaves the same.
///
/// ```
/// #[hpy::module]
/// /// Options.
/// mod options {
///     use hpy::prelude::*;
///
///     /// The value of the keyword argument `verbose`, or None.
///     #[hpy::function(signature = (**options))]
///     fn verbose<'ctx>(options: &hpy::VarKwargs<'ctx>) -> hpy::Result<Option<Handle<'ctx>>> {
///         Ok(options.get("verbose")?.cloned())
///     }
/// }
/// # fn main() {}
/// ```
pub struct VarKwargs<'ctx> {
    cx: Context<'ctx>,
    /// The call's keyword names (a tuple of `str`), where [`Entry::position`] points.
    kwnames: Option<Lent<'ctx>>,
    /// The call's keyword values, one per name, lent for the call.
    values: *const ffi::HPy,
    /// How many keyword arguments the view has: known from `named`, else counted (from
    /// `kwnames`) on first need; [`UNCOUNTED`] until then.
    len: Cell<usize>,
    /// Which: the first `len` of the call's keywords (`None`: all or none of them), or those
    /// at these positions, with the names binding read (moved into `entries` when they are
    /// built).
    named: ManuallyDrop<Option<Cell<NamesRead<'ctx>>>>,
    /// The keyword arguments as handles, built on first access.
    entries: ManuallyDrop<OnceCell<InlineVec<Entry<'ctx>, INLINE>>>,
    /// In the CPython ABI, the call's keyword dict, when the keyword arguments came as one
    /// (all of them go to `**kwargs`); `kwnames` and `values` are then unused.
    #[cfg(feature = "abi-cpython")]
    dict: Option<Lent<'ctx>>,
}

/// [`VarKwargs::len`] before the keyword names were counted.
const UNCOUNTED: usize = usize::MAX;

/// Dropping a view that was never looked at (and got no names from binding) is one check,
/// inline; the fields are dropped out of line otherwise.
impl Drop for VarKwargs<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        if self.named.is_some() || self.entries.get().is_some() {
            self.drop_contents();
        }
    }
}

impl VarKwargs<'_> {
    #[inline(never)]
    fn drop_contents(&mut self) {
        // SAFETY: called once, from `drop`; the fields are not used afterwards.
        unsafe {
            ManuallyDrop::drop(&mut self.named);
            ManuallyDrop::drop(&mut self.entries);
        }
    }
}

/// One keyword argument.
struct Entry<'ctx> {
    /// Where its name is in the call's keyword names.
    position: usize,
    /// Its name, once fetched.
    name: OnceCell<Handle<'ctx>>,
    value: Lent<'ctx>,
    /// The reference that keeps `value` open when it came from a keyword dict (which the
    /// function may change, or its caller, during the call).
    #[cfg(feature = "abi-cpython")]
    _kept: Option<Handle<'ctx>>,
}

impl<'ctx> VarKwargs<'ctx> {
    /// No keyword arguments yet; `kwnames` are the call's keyword names, if it has any.
    #[inline(always)]
    pub(crate) fn new(cx: Context<'ctx>, kwnames: Option<Lent<'ctx>>) -> Self {
        VarKwargs {
            cx,
            kwnames,
            values: core::ptr::null(),
            len: Cell::new(0),
            named: ManuallyDrop::new(None),
            entries: ManuallyDrop::new(OnceCell::new()),
            #[cfg(feature = "abi-cpython")]
            dict: None,
        }
    }

    /// Makes the view lend the items of the call's keyword dict (the CPython ABI's
    /// `METH_VARARGS | METH_KEYWORDS` call), whose keys are `str`.
    #[cfg(feature = "abi-cpython")]
    #[inline(always)]
    pub(crate) fn lend_dict(&mut self, dict: Lent<'ctx>) {
        self.dict = Some(dict);
        self.len.set(UNCOUNTED);
    }

    /// Makes the view lend the call's keyword arguments: all of them (`all`, their names
    /// unread), those at the positions in `named`, whose names binding read, or none.
    ///
    /// # Safety
    /// `values` must point to the call's keyword values (one per keyword name), open and
    /// valid for as long as the view lives.
    #[inline(always)]
    pub(crate) unsafe fn lend(
        &mut self,
        values: *const ffi::HPy,
        all: bool,
        named: Option<NamesRead<'ctx>>,
    ) {
        self.values = values;
        self.len.set(match &named {
            Some(named) => named.len(),
            None if all => UNCOUNTED,
            None => 0,
        });
        *self.named = named.map(Cell::new);
        *self.entries = OnceCell::new();
    }

    /// The keyword arguments as handles (built on first access).
    fn entries(&self) -> &InlineVec<Entry<'ctx>, INLINE> {
        self.entries.get_or_init(|| {
            // SAFETY: `values` holds one open handle per keyword name of the call (`lend`'s
            // contract), and every position is one of those.
            let value =
                |position: usize| unsafe { Handle::lend(self.cx, *self.values.add(position)) };
            let mut entries = InlineVec::new();
            #[cfg(feature = "abi-cpython")]
            if let Some(dict) = &self.dict {
                for (position, (name, value)) in
                    crate::cpython_storage::dict_entries(dict).enumerate()
                {
                    entries.push(Entry {
                        position,
                        name: OnceCell::from(name),
                        // SAFETY: `value` is kept open by the entry, for as long as it lives.
                        value: unsafe { Handle::lend(self.cx, value.as_raw()) },
                        _kept: Some(value),
                    });
                }
                return entries;
            }
            let mut push = |position, name: Option<Handle<'ctx>>| {
                let cell = OnceCell::new();
                if let Some(name) = name {
                    let _ = cell.set(name);
                }
                entries.push(Entry {
                    position,
                    name: cell,
                    value: value(position),
                    #[cfg(feature = "abi-cpython")]
                    _kept: None,
                });
            };
            match &*self.named {
                None => (0..self.len()).for_each(|position| push(position, None)),
                Some(named) => {
                    for (position, name) in named.take() {
                        push(position, Some(name));
                    }
                }
            }
            entries
        })
    }

    /// How many keyword arguments.
    #[inline]
    pub fn len(&self) -> usize {
        match self.len.get() {
            UNCOUNTED => self.count(),
            len => len,
        }
    }

    /// Counts the call's keyword names, for [`VarKwargs::len`].
    #[inline(never)]
    fn count(&self) -> usize {
        #[cfg(feature = "abi-cpython")]
        if let Some(dict) = &self.dict {
            let len = crate::cpython_storage::dict_len(dict);
            self.len.set(len);
            return len;
        }
        let len = self.kwnames.as_ref().map_or(0, |names| {
            // The runtime's keyword names are a tuple, whose length cannot fail.
            names.len().expect("the keyword names are a tuple")
        });
        self.len.set(len);
        len
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values, in call order (no name is read).
    #[inline]
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Handle<'ctx>> + '_ {
        self.entries().iter().map(|e| &*e.value)
    }

    /// The name of the keyword argument at `index` (a `str`), if there is one.
    pub fn name(&self, index: usize) -> Result<Option<&Handle<'ctx>>> {
        match self.entries().get(index) {
            Some(entry) => self.name_of(entry).map(Some),
            None => Ok(None),
        }
    }

    /// The value of the keyword argument at `index`, if there is one.
    #[inline]
    pub fn value(&self, index: usize) -> Option<&Handle<'ctx>> {
        self.entries().get(index).map(|e| &*e.value)
    }

    /// `(name, value)` of every keyword argument, in call order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Result<(&Handle<'ctx>, &Handle<'ctx>)>> {
        self.entries()
            .iter()
            .map(|e| Ok((self.name_of(e)?, &*e.value)))
    }

    /// The value of the keyword argument called `name`, if it was given.
    pub fn get(&self, name: &str) -> Result<Option<&Handle<'ctx>>> {
        for entry in self.entries().iter() {
            if name_is(self.name_of(entry)?, name)? {
                return Ok(Some(&entry.value));
            }
        }
        Ok(None)
    }

    /// A new `dict` of the keyword arguments, like Python's `**kwargs`.
    pub fn to_dict(&self) -> Result<Handle<'ctx>> {
        let dict = crate::convert::new_dict(self.cx)?;
        for item in self.iter() {
            let (name, value) = item?;
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// The name of `entry`, fetched on first use.
    fn name_of<'a>(&'a self, entry: &'a Entry<'ctx>) -> Result<&'a Handle<'ctx>> {
        if let Some(name) = entry.name.get() {
            return Ok(name);
        }
        let kwnames = self
            .kwnames
            .as_ref()
            .expect("keyword arguments come with keyword names");
        let name = kwnames.get_item_index(entry.position as isize)?;
        Ok(entry.name.get_or_init(|| name))
    }
}

/// Conversion of the `**kwargs` a function received (name, value pairs in call order).
///
/// Implemented for [`&VarKwargs`](VarKwargs) (no conversion), `HashMap<K, V>`,
/// `BTreeMap<K, V>`, `Vec<(K, V)>` (with `K`, `V`: [`FromPy`]) and [`Handle`] (a new `dict`).
pub trait FromKwargs<'a, 'ctx>: Sized {
    /// Converts the keyword arguments.
    fn from_kwargs(kwargs: &'a VarKwargs<'ctx>) -> Result<Self>;
}

impl<'a, 'ctx> FromKwargs<'a, 'ctx> for &'a VarKwargs<'ctx> {
    #[inline(always)]
    fn from_kwargs(kwargs: &'a VarKwargs<'ctx>) -> Result<Self> {
        Ok(kwargs)
    }
}

/// Every keyword argument converted to `(K, V)`; errors name the keyword.
fn convert_pairs<'a, 'ctx, K: FromPy<'a, 'ctx>, V: FromPy<'a, 'ctx>>(
    kwargs: &'a VarKwargs<'ctx>,
) -> impl Iterator<Item = Result<(K, V)>> + 'a {
    kwargs.iter().map(move |item| {
        let (k, v) = item?;
        let key = K::from_py(k).map_err(|e| e.within(|| "keyword".to_owned()))?;
        let value = V::from_py(v).map_err(|e| {
            e.within(|| match k.extract::<&str>() {
                Ok(name) => format!("keyword argument '{name}'"),
                Err(e) => {
                    e.clear(k.context());
                    "keyword argument".to_owned()
                }
            })
        })?;
        Ok((key, value))
    })
}

impl<'a, 'ctx, K, V, S> FromKwargs<'a, 'ctx> for std::collections::HashMap<K, V, S>
where
    K: FromPy<'a, 'ctx> + Eq + core::hash::Hash,
    V: FromPy<'a, 'ctx>,
    S: core::hash::BuildHasher + Default,
{
    fn from_kwargs(kwargs: &'a VarKwargs<'ctx>) -> Result<Self> {
        convert_pairs(kwargs).collect()
    }
}

impl<'a, 'ctx, K, V> FromKwargs<'a, 'ctx> for std::collections::BTreeMap<K, V>
where
    K: FromPy<'a, 'ctx> + Ord,
    V: FromPy<'a, 'ctx>,
{
    fn from_kwargs(kwargs: &'a VarKwargs<'ctx>) -> Result<Self> {
        convert_pairs(kwargs).collect()
    }
}

impl<'a, 'ctx, K: FromPy<'a, 'ctx>, V: FromPy<'a, 'ctx>> FromKwargs<'a, 'ctx> for Vec<(K, V)> {
    fn from_kwargs(kwargs: &'a VarKwargs<'ctx>) -> Result<Self> {
        convert_pairs(kwargs).collect()
    }
}

impl<'ctx> FromKwargs<'_, 'ctx> for Handle<'ctx> {
    /// A new `dict` of the keyword arguments, like Python's `**kwargs`.
    fn from_kwargs(kwargs: &VarKwargs<'ctx>) -> Result<Self> {
        kwargs.to_dict()
    }
}
