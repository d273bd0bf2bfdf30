//! [`VarArgs`]: the `*args` of a call, without allocating.

use crate::__private::{Lent, Signature};
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
    inline: [Option<Lent<'ctx>>; INLINE],
    len: usize,
    spilled: Vec<Lent<'ctx>>,
}

impl<'ctx> VarArgs<'ctx> {
    /// No arguments.
    #[inline(always)]
    pub(crate) const fn new() -> Self {
        VarArgs {
            inline: [const { None }; INLINE],
            len: 0,
            spilled: Vec::new(),
        }
    }

    /// Appends an argument.
    #[inline]
    pub(crate) fn push(&mut self, value: Lent<'ctx>) {
        if self.len < INLINE {
            self.inline[self.len] = Some(value);
        } else {
            self.spilled.push(value);
        }
        self.len += 1;
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
        if index < INLINE {
            self.inline[index].as_deref()
        } else {
            self.spilled.get(index - INLINE).map(|h| &**h)
        }
    }

    /// The arguments, in order.
    #[inline]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Handle<'ctx>> + '_ {
        (0..self.len).map(|i| self.get(i).expect("index below len"))
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
