//! [`VarArgs`]: the `*args` of a call, without allocating.

use crate::__private::{Lent, Signature};
use crate::inline_vec::InlineVec;
use crate::{FromPy, Handle, Result};

/// How many `*args` values are kept inline before spilling to the heap.
const INLINE: usize = 8;

/// The positional arguments a function received beyond its named parameters (`*args`), lent
/// for the call.
///
/// Take `args: &VarArgs<'_>` for a `*args` parameter to look at the arguments as handles
/// without converting or copying them (up to 8 are kept inline: no allocation); take a
/// `Vec<T>` to convert every one to `T`.
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
    values: InlineVec<Lent<'ctx>, INLINE>,
}

impl<'ctx> VarArgs<'ctx> {
    /// No arguments.
    #[inline(always)]
    pub(crate) const fn new() -> Self {
        VarArgs {
            values: InlineVec::new(),
        }
    }

    /// Appends an argument.
    #[inline]
    pub(crate) fn push(&mut self, value: Lent<'ctx>) {
        self.values.push(value);
    }

    /// How many arguments.
    #[inline]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The argument at `index`, if there is one.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&Handle<'ctx>> {
        self.values.get(index).map(|h| &**h)
    }

    /// The arguments, in order.
    #[inline]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Handle<'ctx>> + '_ {
        self.values.iter().map(|h| &**h)
    }
}

/// Conversion of a function's `*args`: to [`&VarArgs`](VarArgs) (no conversion) or to
/// `Vec<T>` (each argument converted with [`FromPy`]).
pub trait FromVarargs<'a, 'ctx>: Sized {
    /// Converts the arguments of the `*args` parameter `name` of the function `sig`.
    #[doc(hidden)]
    fn from_varargs<const N: usize>(
        values: &'a VarArgs<'ctx>,
        sig: &Signature<N>,
        name: &str,
    ) -> Result<Self>;
}

impl<'a, 'ctx> FromVarargs<'a, 'ctx> for &'a VarArgs<'ctx> {
    #[inline(always)]
    fn from_varargs<const N: usize>(
        values: &'a VarArgs<'ctx>,
        _sig: &Signature<N>,
        _name: &str,
    ) -> Result<Self> {
        Ok(values)
    }
}

impl<'a, 'ctx, T: FromPy<'a, 'ctx>> FromVarargs<'a, 'ctx> for Vec<T> {
    fn from_varargs<const N: usize>(
        values: &'a VarArgs<'ctx>,
        sig: &Signature<N>,
        name: &str,
    ) -> Result<Self> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                T::from_py(v).map_err(|e| {
                    e.within(|| format!("item {i}"))
                        .for_argument(&sig.name(), name)
                })
            })
            .collect()
    }
}
