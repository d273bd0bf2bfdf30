//! Conversions between Rust values and Python objects: [`FromPy`] and [`IntoPy`].
//!
//! | Rust | Python |
//! |---|---|
//! | `()` | the empty tuple (a function *returning* `()` or `Result<()>` returns `None`) |
//! | `bool` | `bool` (exactly `True`/`False` from Python) |
//! | `i8` … `i128`, `u8` … `u128`, `isize`, `usize` | `int`; `OverflowError` out of range, `__index__` honoured |
//! | `Wrapping<T>` for `T` up to 64 bits | `int`, reduced modulo 2ⁿ as a C cast does (never an `OverflowError`) |
//! | `f64`, `f32` | `float`; from Python also `int` and anything with `__float__` |
//! | `&str` (borrowed, zero-copy), `String`, `Cow<str>`, `char` | `str` |
//! | `&[u8]` (borrowed, zero-copy), `Vec<u8>` | `bytes` (`Vec<u8>` from Python: also any iterable of ints but `str`) |
//! | `Option<T>` | `T` or `None` |
//! | `Vec<T>`, `VecDeque<T>`, `&[T]`, `[T; N]` | `list` (from Python: any iterable but `str` — list, tuple, set, dict keys, generator) |
//! | `HashSet<T>`, `BTreeSet<T>` | `set` (from Python: any iterable but `str`) |
//! | tuples of up to 12 elements | `tuple` (from Python: `tuple` or `list` of that length) |
//! | `HashMap<K, V>`, `BTreeMap<K, V>`, `IndexMap<K, V>` (feature `indexmap`, in order) | `dict` (from Python: any mapping: a `dict`, or anything with `keys()` and `[key]`) |
//! | `PathBuf`, `OsString` (`&Path`, `&OsStr` to Python) | `str` (from Python: `str`, `bytes` or any `os.PathLike`, through `os.fsencode`; non-UTF-8 names through `surrogateescape`) |
//! | `Handle<'ctx>`, `&Handle<'ctx>` | the object itself |
//!
//! A value of the wrong type fails with `TypeError` in CPython's wording ("must be int, not
//! str"); inside a function argument it names the argument ("add() argument 'a' must be int,
//! not str").
//!
//! Containers are read as CPython reads them: an exact `list`, `tuple` or `dict` from its
//! storage, anything else as `list(obj)` / `dict(obj)` read it (through its iterator, or a
//! copy), so an overridden `__len__` or `__getitem__` is never trusted, and no
//! allocation is ever sized by what an object merely claims. Memory for converted values is
//! allocated fallibly ([`crate::alloc`]): too much is a `MemoryError`, never an abort.

mod boolean;
mod bytes;
mod dict;
mod float;
mod handle;
mod int;
mod interpreter;
mod list;
mod option;
mod path;
mod set;
mod string;
mod tuple;

#[cfg(not(feature = "abi-cpython"))]
pub(crate) use interpreter::collects_between_bytecodes;
pub(crate) use interpreter::note_interpreter;

pub(crate) use dict::{dict_from_pairs, new_dict};
pub(crate) use string::new_str;
pub(crate) use tuple::new_tuple;

use crate::{Context, Handle, Result};

/// Conversion of a Python object into a Rust value.
///
/// `'a` is how long the object's handle is borrowed, which lets borrowed results such as
/// `&'a str` and `&'a [u8]` point straight into the object: the compiler keeps them from
/// outliving the handle (HPy's rule for pointers into objects).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted from a Python object",
    label = "no conversion from Python (`hpy::FromPy`)",
    note = "parameters take types implementing `hpy::FromPy`: numbers, `bool`, `&str`, `String`, `&[u8]`, `Vec<T>`, tuples, maps, `Option<T>`, `&Handle`, and `&Typed<T>`/`Ref<T>`/`RefMut<T>` of an #[hpy::class] type; implement `FromPy` for your own"
)]
pub trait FromPy<'a, 'ctx>: Sized {
    /// Converts `obj`, or fails with the exception Python would raise.
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self>;

    /// How `Vec<Self>` is extracted, given how to extract one item from an item handle (a
    /// list or tuple by default; `Vec<u8>` also accepts `bytes`).
    #[doc(hidden)]
    #[inline]
    fn __vec_from_py(
        obj: &Handle<'ctx>,
        item: fn(&Handle<'ctx>) -> Result<Self>,
    ) -> Result<Vec<Self>> {
        list::extract_sequence(obj, item)
    }
}

/// Conversion of a Rust value into a new Python object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted into a Python object",
    label = "no conversion to Python (`hpy::IntoPy`)",
    note = "return types implementing `hpy::IntoPy`: numbers, `bool`, `&str`, `String`, bytes, `Vec<T>`, sets, tuples, maps, paths, `Option<T>`, `()`, a `Handle`, an #[hpy::class] value or `Typed<T>`; implement `IntoPy` for your own"
)]
pub trait IntoPy<'ctx> {
    /// Creates the Python object for `self`.
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>>;

    /// The object for one use as an argument: `&Handle` lends itself, saving the
    /// `HPy_Dup`/`HPy_Close` pair a conversion would cost; everything else converts.
    #[doc(hidden)]
    #[inline]
    fn __to_object<'a>(self, cx: Context<'ctx>) -> Result<ObjectRef<'a, 'ctx>>
    where
        Self: Sized + 'a,
    {
        self.into_py(cx).map(ObjectRef::Owned)
    }

    /// How `Vec<Self>` becomes a Python object (a list by default; `Vec<u8>` becomes `bytes`).
    #[doc(hidden)]
    fn __vec_into_py(items: Vec<Self>, cx: Context<'ctx>) -> Result<Handle<'ctx>>
    where
        Self: Sized,
    {
        list::new_list(cx, items)
    }

    /// How `&[Self]` becomes a Python object (a list by default; `&[u8]` becomes `bytes`).
    #[doc(hidden)]
    fn __slice_into_py(items: &[Self], cx: Context<'ctx>) -> Result<Handle<'ctx>>
    where
        Self: Sized + Clone,
    {
        list::new_list(cx, items.iter().cloned())
    }
}

/// An object used once as an argument: borrowed when the caller had a handle, else owned.
#[doc(hidden)]
pub enum ObjectRef<'a, 'ctx> {
    /// A handle of the caller.
    Borrowed(&'a Handle<'ctx>),
    /// A handle created for the argument.
    Owned(Handle<'ctx>),
    /// A constant the context lends.
    Lent(crate::Borrowed<'ctx>),
}

impl<'ctx> core::borrow::Borrow<Handle<'ctx>> for ObjectRef<'_, 'ctx> {
    #[inline]
    fn borrow(&self) -> &Handle<'ctx> {
        self
    }
}

impl<'ctx> core::ops::Deref for ObjectRef<'_, 'ctx> {
    type Target = Handle<'ctx>;

    #[inline]
    fn deref(&self) -> &Handle<'ctx> {
        match self {
            ObjectRef::Borrowed(h) => h,
            ObjectRef::Owned(h) => h,
            ObjectRef::Lent(h) => h,
        }
    }
}

impl<'ctx> Context<'ctx> {
    /// Converts a Rust value into a new Python object: `cx.to_py("hello")?`.
    #[inline]
    pub fn to_py<T: IntoPy<'ctx>>(self, value: T) -> Result<Handle<'ctx>> {
        value.into_py(self)
    }
}

impl<'ctx> Handle<'ctx> {
    /// Converts the object into a Rust value: `let n: i64 = obj.extract()?;`.
    #[inline]
    pub fn extract<'a, T: FromPy<'a, 'ctx>>(&'a self) -> Result<T> {
        T::from_py(self)
    }
}

/// Whether the current call has an exception set (used to tell an error return value from a
/// legitimate result that happens to equal it).
#[inline]
pub(crate) fn err_occurred(cx: Context<'_>) -> bool {
    // SAFETY: querying the error indicator is always allowed.
    unsafe { crate::context::call!(cx, ctx_Err_Occurred()) != 0 }
}
