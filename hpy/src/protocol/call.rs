//! Calling objects: `self(*args, **kwargs)` and `self.name(*args, **kwargs)`, both through
//! HPy's vectorcall-style `HPy_Call` / `HPy_CallMethod`.

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

/// Converted keyword arguments: the `kwnames` tuple and the values, in order.
struct Keywords<'ctx> {
    names: Handle<'ctx>,
    values: Vec<Handle<'ctx>>,
}

fn keywords<'ctx, K, V>(
    cx: Context<'ctx>,
    kwargs: impl IntoIterator<Item = (K, V)>,
) -> Result<Keywords<'ctx>>
where
    K: AsRef<str>,
    V: IntoPy<'ctx>,
{
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (k, v) in kwargs {
        names.push(crate::convert::new_str(cx, k.as_ref())?);
        values.push(v.into_py(cx)?);
    }
    let raw_names: Vec<ffi::HPy> = names.iter().map(Handle::as_raw).collect();
    let names = crate::convert::new_tuple(cx, &raw_names)?;
    Ok(Keywords { names, values })
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
        let raw = args.with_raw_args(cx, |args| {
            // SAFETY: `self` and every argument handle are open; no keywords (HPy_NULL).
            unsafe {
                call!(
                    cx,
                    ctx_Call(self.as_raw(), args.as_ptr(), args.len(), ffi::HPy_NULL)
                )
            }
        })?;
        owned(cx, raw)
    }

    /// `self(*args, **kwargs)`, the keywords given as `(name, value)` pairs.
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
        let kw = keywords(cx, kwargs)?;
        let raw = args.with_raw_args(cx, |args| {
            let all: Vec<ffi::HPy> = args
                .iter()
                .copied()
                .chain(kw.values.iter().map(Handle::as_raw))
                .collect();
            // SAFETY: every handle is open; `all` holds the positional arguments followed by
            // one value per name in the `kwnames` tuple.
            unsafe {
                call!(
                    cx,
                    ctx_Call(self.as_raw(), all.as_ptr(), args.len(), kw.names.as_raw())
                )
            }
        })?;
        owned(cx, raw)
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

    /// `self.name(*args, **kwargs)`.
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
            Some(_) => Some(keywords(cx, kwargs)?),
            None => None,
        };
        let raw = args.with_raw_args(cx, |args| {
            // HPy_CallMethod takes the receiver as the first argument.
            let mut all = Vec::with_capacity(1 + args.len());
            all.push(self.as_raw());
            all.extend_from_slice(args);
            let kwnames = match &kw {
                Some(kw) => {
                    all.extend(kw.values.iter().map(Handle::as_raw));
                    kw.names.as_raw()
                }
                None => ffi::HPy_NULL,
            };
            // SAFETY: every handle is open; `all` is receiver, positional arguments, then one
            // value per keyword name.
            unsafe {
                call!(
                    cx,
                    ctx_CallMethod(name.as_raw(), all.as_ptr(), 1 + args.len(), kwnames)
                )
            }
        })?;
        owned(cx, raw)
    }
}
