//! [`VarArgs`]: the `*args` of a call, without allocating or copying until looked at.

use core::cell::OnceCell;

use crate::handle::Lent;
use crate::inline_vec::InlineVec;
use crate::{Context, FromPy, Handle, Result, ffi};

/// How many `*args` values are kept inline before spilling to the heap.
const INLINE: usize = 8;

/// The positional arguments a function received beyond its named parameters (`*args`), lent
/// for the call.
///
/// Take `args: &VarArgs<'_>` for a `*args` parameter to look at the arguments as handles
/// without converting them: the view points at the call's argument vector, and wraps the
/// arguments as handles on first access (up to 8 inline: no allocation). Take a `Vec<T>` to
/// convert every one to `T`.
///
/// ```
/// #[hpy::module]
/// /// Counting.
/// mod counting {
///     /// How many of the arguments are None.
///     #[hpy::function(signature = (*args))]
///     fn count_none(args: &hpy::VarArgs<'_>) -> usize {
///         args.iter().filter(|a| a.is_none()).count()
///     }
/// }
/// # fn main() {}
/// ```
pub struct VarArgs<'ctx> {
    cx: Context<'ctx>,
    /// `len` raw handles, lent for the call.
    raw: *const ffi::HPy,
    len: usize,
    /// The arguments as handles, built on first use: a `&Handle` needs the context beside
    /// each raw handle, which a function that only counts or ignores them never pays for.
    handles: OnceCell<InlineVec<Lent<'ctx>, INLINE>>,
}

impl<'ctx> VarArgs<'ctx> {
    /// No arguments.
    #[inline(always)]
    pub(crate) fn new(cx: Context<'ctx>) -> Self {
        VarArgs {
            cx,
            raw: core::ptr::null(),
            len: 0,
            handles: OnceCell::new(),
        }
    }

    /// Makes the view lend `args`.
    ///
    /// # Safety
    /// The handles in `args` must stay open, and `args` itself valid, for as long as the view
    /// lives (the runtime lends them for the whole call).
    #[inline(always)]
    pub(crate) unsafe fn lend(&mut self, args: &[ffi::HPy]) {
        self.raw = args.as_ptr();
        self.len = args.len();
        self.handles = OnceCell::new();
    }

    /// How many arguments.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The argument at `index`, if there is one.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&Handle<'ctx>> {
        self.handles().get(index).map(|h| &**h)
    }

    /// The arguments, in order.
    #[inline]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Handle<'ctx>> + '_ {
        self.handles().iter().map(|h| &**h)
    }

    /// The arguments as handles (built on first use).
    fn handles(&self) -> &InlineVec<Lent<'ctx>, INLINE> {
        self.handles.get_or_init(|| {
            let mut handles = InlineVec::new();
            for i in 0..self.len {
                // SAFETY: `raw` holds `len` handles lent for the view's life (`lend`'s
                // contract).
                handles.push(unsafe { Handle::lend(self.cx, *self.raw.add(i)) });
            }
            handles
        })
    }
}

/// Conversion of a function's `*args`: to [`&VarArgs`](VarArgs) (no conversion) or to
/// `Vec<T>` (each argument converted with [`FromPy`]). Implement it to take `*args` as another
/// collection; the error is then said to be about the `*args` parameter (`f() argument 'args':
/// ...`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot take a function's `*args`",
    label = "not a `*args` type",
    note = "take `&hpy::VarArgs<'_>` (the arguments as handles), `Vec<T>` (each converted), or implement `hpy::FromVarargs`"
)]
pub trait FromVarargs<'a, 'ctx>: Sized {
    /// Converts the arguments.
    fn from_varargs(values: &'a VarArgs<'ctx>) -> Result<Self>;
}

impl<'a, 'ctx> FromVarargs<'a, 'ctx> for &'a VarArgs<'ctx> {
    #[inline(always)]
    fn from_varargs(values: &'a VarArgs<'ctx>) -> Result<Self> {
        Ok(values)
    }
}

impl<'a, 'ctx, T: FromPy<'a, 'ctx>> FromVarargs<'a, 'ctx> for Vec<T> {
    fn from_varargs(values: &'a VarArgs<'ctx>) -> Result<Self> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| T::from_py(v).map_err(|e| e.within(|| format!("item {i}"))))
            .collect()
    }
}
