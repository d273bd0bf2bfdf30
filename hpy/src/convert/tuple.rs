//! Rust tuples (up to 12 elements) ↔ `tuple`.

use super::{FromPy, IntoPy};
use crate::context::call;
use crate::{Context, Error, Handle, Result, ffi};

/// Creates a `tuple` of the given items (which keep their own references).
#[inline]
pub(crate) fn new_tuple<'ctx>(cx: Context<'ctx>, items: &[ffi::HPy]) -> Result<Handle<'ctx>> {
    // SAFETY: `items` holds `items.len()` open handles; HPy copies them (no stealing).
    let raw = unsafe {
        call!(
            cx,
            ctx_Tuple_FromArray(items.as_ptr().cast_mut(), items.len() as isize)
        )
    };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// Checks that `obj` is a tuple or list of exactly `len` items.
fn check_arity(obj: &Handle<'_>, len: usize) -> Result<()> {
    if !super::list::is_list_or_tuple(obj) {
        return Err(Error::wrong_type(format!("tuple of length {len}"), obj));
    }
    let actual = obj.len()?;
    if actual != len {
        let what = format!("{} of length {actual}", obj.type_name());
        return Err(Error::wrong_type(format!("tuple of length {len}"), obj).with_actual(what));
    }
    Ok(())
}

macro_rules! tuples {
    ($($len:literal => ($($name:ident $idx:tt),+);)*) => {$(
        impl<'ctx, $($name: IntoPy<'ctx>),+> IntoPy<'ctx> for ($($name,)+) {
            #[inline]
            fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
                let items = [$(self.$idx.into_py(cx)?),+];
                new_tuple(cx, &items.each_ref().map(Handle::as_raw))
            }
        }

        impl<'a, 'ctx, $($name),+> FromPy<'a, 'ctx> for ($($name,)+)
        where
            $($name: for<'b> FromPy<'b, 'ctx>),+
        {
            fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
                check_arity(obj, $len)?;
                Ok(($(
                    obj.get_item_index($idx)?
                        .extract::<$name>()
                        .map_err(|e| e.within(|| format!("item {}", $idx)))?,
                )+))
            }
        }
    )*};
}

tuples! {
    1 => (A 0);
    2 => (A 0, B 1);
    3 => (A 0, B 1, C 2);
    4 => (A 0, B 1, C 2, D 3);
    5 => (A 0, B 1, C 2, D 3, E 4);
    6 => (A 0, B 1, C 2, D 3, E 4, F 5);
    7 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    8 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
    9 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
    10 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
    11 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
    12 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
}
