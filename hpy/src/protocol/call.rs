//! Calling objects: `self(*args, **kwargs)` and `self.name(*args, **kwargs)`, both through
//! HPy's vectorcall-style `HPy_Call` / `HPy_CallMethod`, or for more than
//! [`VECTOR_CALL_MAX`] arguments through a tuple and a dict.

use super::{Name, owned};
use crate::context::call;
use crate::convert::IntoPy;
use crate::{Context, Handle, Result, ffi};

/// Positional arguments for a call: `()`, a tuple of up to 12 convertible values (handles
/// among them are lent, not duplicated), or a slice, array or `Vec` of handles.
///
/// Sealed: the call trusts the raw handles it receives, so only this crate implements it.
pub trait IntoArgs<'ctx>: sealed::Sealed {
    /// Converts the arguments and runs `f` on their raw handles.
    #[doc(hidden)]
    fn with_raw_args<R>(self, cx: Context<'ctx>, f: impl FnOnce(&[ffi::HPy]) -> R) -> Result<R>;
}

mod sealed {
    use crate::{Handle, IntoPy};

    pub trait Sealed {}
    impl Sealed for () {}
    impl Sealed for &[Handle<'_>] {}
    impl Sealed for Vec<Handle<'_>> {}
    impl<const N: usize> Sealed for [Handle<'_>; N] {}
    macro_rules! tuples {
        ($(($($name:ident),+);)*) => {$(
            impl<'ctx, $($name: IntoPy<'ctx>),+> Sealed for ($($name,)+) {}
        )*};
    }
    tuples! {
        (A); (A, B); (A, B, C); (A, B, C, D); (A, B, C, D, E); (A, B, C, D, E, F);
        (A, B, C, D, E, F, G); (A, B, C, D, E, F, G, H); (A, B, C, D, E, F, G, H, I);
        (A, B, C, D, E, F, G, H, I, J); (A, B, C, D, E, F, G, H, I, J, K);
        (A, B, C, D, E, F, G, H, I, J, K, L);
    }
}

impl<'ctx> IntoArgs<'ctx> for () {
    #[inline]
    fn with_raw_args<R>(self, _cx: Context<'ctx>, f: impl FnOnce(&[ffi::HPy]) -> R) -> Result<R> {
        Ok(f(&[]))
    }
}

impl<'ctx> IntoArgs<'ctx> for &[Handle<'ctx>] {
    fn with_raw_args<R>(self, _cx: Context<'ctx>, f: impl FnOnce(&[ffi::HPy]) -> R) -> Result<R> {
        let raw: Vec<ffi::HPy> = self.iter().map(Handle::as_raw).collect();
        Ok(f(&raw))
    }
}

impl<'ctx> IntoArgs<'ctx> for Vec<Handle<'ctx>> {
    fn with_raw_args<R>(self, cx: Context<'ctx>, f: impl FnOnce(&[ffi::HPy]) -> R) -> Result<R> {
        self.as_slice().with_raw_args(cx, f)
    }
}

impl<'ctx, const N: usize> IntoArgs<'ctx> for [Handle<'ctx>; N] {
    fn with_raw_args<R>(self, _cx: Context<'ctx>, f: impl FnOnce(&[ffi::HPy]) -> R) -> Result<R> {
        Ok(f(&self.each_ref().map(Handle::as_raw)))
    }
}

macro_rules! tuple_args {
    ($(($($name:ident $idx:tt),+);)*) => {$(
        impl<'ctx, $($name: IntoPy<'ctx>),+> IntoArgs<'ctx> for ($($name,)+) {
            #[inline]
            fn with_raw_args<R>(
                self,
                cx: Context<'ctx>,
                f: impl FnOnce(&[ffi::HPy]) -> R,
            ) -> Result<R> {
                let objects = [$(self.$idx.__to_object(cx)?),+];
                Ok(f(&objects.each_ref().map(|o| o.as_raw())))
            }
        }
    )*};
}

tuple_args! {
    (A 0);
    (A 0, B 1);
    (A 0, B 1, C 2);
    (A 0, B 1, C 2, D 3);
    (A 0, B 1, C 2, D 3, E 4);
    (A 0, B 1, C 2, D 3, E 4, F 5);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
}

/// The most arguments (positional and keyword values) a call passes to `HPy_Call` or
/// `HPy_CallMethod`, which copy them onto the C stack (`alloca` in HPy 0.9's
/// `hpy/devel/src/runtime/ctx_call.c`, and again in debug mode's `debug_ctx_Call`): a larger
/// call goes through a tuple and a dict (`HPy_CallTupleDict`), which copies nothing there.
const VECTOR_CALL_MAX: usize = 256;

/// Converted keyword arguments: the names and the values, in order.
struct Keywords<'ctx> {
    names: Vec<Handle<'ctx>>,
    values: Vec<Handle<'ctx>>,
}

/// Converts keyword arguments, refusing a name given twice as CPython refuses
/// `f(**{"a": 1}, a=2)` (a vectorcall's names must be unique): `callee` gives the callable
/// the message names.
fn keywords<'ctx, K, V>(
    cx: Context<'ctx>,
    kwargs: impl IntoIterator<Item = (K, V)>,
    callee: impl FnOnce() -> Result<Handle<'ctx>>,
) -> Result<Keywords<'ctx>>
where
    K: AsRef<str>,
    V: IntoPy<'ctx>,
{
    let pairs: Vec<(K, V)> = kwargs.into_iter().collect();
    if let Some(name) = repeated_name(pairs.iter().map(|(k, _)| k.as_ref())) {
        return Err(multiple_values(&callee()?, name));
    }
    let mut names = Vec::with_capacity(pairs.len());
    let mut values = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        names.push(crate::convert::new_str(cx, k.as_ref())?);
        values.push(v.into_py(cx)?);
    }
    Ok(Keywords { names, values })
}

/// The first name that appears twice, if any.
fn repeated_name<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    names.find(|name| !seen.insert(*name))
}

/// CPython's error for a keyword given twice: `f() got multiple values for keyword argument
/// 'a'`, `f` the callable's `__qualname__` (its type's name if it has none).
#[cold]
fn multiple_values(callable: &Handle<'_>, name: &str) -> crate::Error {
    let cx = callable.context();
    let qualname = match callable
        .getattr("__qualname__")
        .and_then(|q| q.extract::<String>())
    {
        Ok(text) => text,
        Err(e) => {
            e.clear(cx);
            callable.type_name()
        }
    };
    crate::exceptions::TypeError::new_err(format!(
        "{qualname}() got multiple values for keyword argument '{name}'"
    ))
}

impl<'ctx> Keywords<'ctx> {
    /// The `kwnames` tuple of a vectorcall.
    fn kwnames(&self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        let raw: Vec<ffi::HPy> = self.names.iter().map(Handle::as_raw).collect();
        crate::convert::new_tuple(cx, &raw)
    }

    /// The keyword arguments as a `dict`.
    fn dict(&self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        crate::convert::dict_from_pairs(cx, self.names.iter().zip(&self.values))
    }
}

/// `callable(*args, **kw)` through a tuple and a dict, for a call larger than
/// [`VECTOR_CALL_MAX`].
#[cold]
#[inline(never)]
fn call_tuple_dict<'ctx>(
    callable: &Handle<'ctx>,
    args: &[ffi::HPy],
    kw: Option<&Keywords<'ctx>>,
) -> Result<Handle<'ctx>> {
    let cx = callable.context();
    let args = crate::convert::new_tuple(cx, args)?;
    let kw = kw.map(|kw| kw.dict(cx)).transpose()?;
    let kw_raw = kw.as_ref().map_or(ffi::HPy_NULL, Handle::as_raw);
    // SAFETY: every handle is open; `args` is a tuple and `kw` a dict or HPy_NULL.
    let raw = unsafe {
        call!(
            cx,
            ctx_CallTupleDict(callable.as_raw(), args.as_raw(), kw_raw)
        )
    };
    owned(cx, raw)
}

impl<'ctx> Handle<'ctx> {
    /// `self(*args)`.
    ///
    /// ```no_run
    /// # fn f<'ctx>(print: &hpy::Handle<'ctx>) -> hpy::Result<()> {
    /// print.call(("hello", 42))?;
    /// # Ok(()) }
    /// ```
    pub fn call(&self, args: impl IntoArgs<'ctx>) -> Result<Handle<'ctx>> {
        let cx = self.context();
        args.with_raw_args(cx, |args| {
            if args.len() > VECTOR_CALL_MAX {
                return call_tuple_dict(self, args, None);
            }
            // SAFETY: `self` and every argument handle are open; no keywords (HPy_NULL).
            let raw = unsafe {
                call!(
                    cx,
                    ctx_Call(self.as_raw(), args.as_ptr(), args.len(), ffi::HPy_NULL)
                )
            };
            owned(cx, raw)
        })?
    }

    /// `self(*args, **kwargs)`, the keywords given as `(name, value)` pairs (a name given
    /// twice raises CPython's `TypeError`: `f() got multiple values for keyword argument 'a'`).
    pub fn call_with_kwargs<K, V>(
        &self,
        args: impl IntoArgs<'ctx>,
        kwargs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Handle<'ctx>>
    where
        K: AsRef<str>,
        V: IntoPy<'ctx>,
    {
        let cx = self.context();
        let kw = keywords(cx, kwargs, || Ok(self.clone()))?;
        args.with_raw_args(cx, |args| {
            if args.len() + kw.values.len() > VECTOR_CALL_MAX {
                return call_tuple_dict(self, args, Some(&kw));
            }
            let kwnames = kw.kwnames(cx)?;
            let all: Vec<ffi::HPy> = args
                .iter()
                .copied()
                .chain(kw.values.iter().map(Handle::as_raw))
                .collect();
            // SAFETY: every handle is open; `all` holds the positional arguments followed by
            // one value per name in the `kwnames` tuple.
            let raw = unsafe {
                call!(
                    cx,
                    ctx_Call(self.as_raw(), all.as_ptr(), args.len(), kwnames.as_raw())
                )
            };
            owned(cx, raw)
        })?
    }

    /// `self.name(*args)`.
    pub fn call_method<'n>(
        &self,
        name: impl Into<Name<'n, 'ctx>>,
        args: impl IntoArgs<'ctx>,
    ) -> Result<Handle<'ctx>>
    where
        'ctx: 'n,
    {
        self.call_method_with_kwargs(name, args, core::iter::empty::<(&str, Handle<'ctx>)>())
    }

    /// `self.name(*args, **kwargs)` (a keyword name given twice raises `TypeError`, as in
    /// [`Handle::call_with_kwargs`]).
    pub fn call_method_with_kwargs<'n, K, V>(
        &self,
        name: impl Into<Name<'n, 'ctx>>,
        args: impl IntoArgs<'ctx>,
        kwargs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Handle<'ctx>>
    where
        'ctx: 'n,
        K: AsRef<str>,
        V: IntoPy<'ctx>,
    {
        let cx = self.context();
        let name = name.into().to_object(self)?;
        let mut kwargs = kwargs.into_iter().peekable();
        let kw = match kwargs.peek() {
            Some(_) => Some(keywords(cx, kwargs, || self.getattr(&name))?),
            None => None,
        };
        args.with_raw_args(cx, |args| {
            let nkw = kw.as_ref().map_or(0, |kw| kw.values.len());
            if args.len() + nkw > VECTOR_CALL_MAX {
                // What HPy_CallMethod does, as `getattr(self, name)(*args, **kwargs)`.
                let method = self.getattr(&name)?;
                return call_tuple_dict(&method, args, kw.as_ref());
            }
            // HPy_CallMethod takes the receiver as the first argument.
            let mut all = Vec::with_capacity(1 + args.len() + nkw);
            all.push(self.as_raw());
            all.extend_from_slice(args);
            let kwnames = match &kw {
                Some(kw) => {
                    all.extend(kw.values.iter().map(Handle::as_raw));
                    Some(kw.kwnames(cx)?)
                }
                None => None,
            };
            let kwnames_raw = kwnames.as_ref().map_or(ffi::HPy_NULL, Handle::as_raw);
            // SAFETY: every handle is open; `all` is receiver, positional arguments, then one
            // value per keyword name.
            let raw = unsafe {
                call!(
                    cx,
                    ctx_CallMethod(name.as_raw(), all.as_ptr(), 1 + args.len(), kwnames_raw)
                )
            };
            owned(cx, raw)
        })?
    }
}
