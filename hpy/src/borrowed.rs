//! [`Borrowed`]: a handle lent for the whole call, which nobody closes — the context's
//! constants (`None`, `True`, `False`, …) and builtin types, without the `HPy_Dup` /
//! `HPy_Close` pair an owned [`Handle`] costs.

use core::mem::ManuallyDrop;
use core::ops::Deref;

use crate::convert::ObjectRef;
use crate::{BuiltinType, Constant, Context, Handle, IntoPy, Result};

/// A handle the context lends for the whole call: it is used like a `&Handle` (it derefs to
/// one), cloned for free, and never closed — no owned [`Handle`] can be taken out of it (clone
/// the handle for one). Converting it ([`IntoPy`]) into an argument or a container item that
/// only borrows (`set_item`, `list.append`, a list or tuple being built) costs nothing.
///
/// ```
/// use hpy::{Constant, Context, Handle, Result};
///
/// fn flags<'ctx>(cx: Context<'ctx>, bits: &[bool]) -> Result<Handle<'ctx>> {
///     let (yes, no) = (cx.constant(Constant::True), cx.constant(Constant::False));
///     let list = cx.to_py(Vec::<Handle<'ctx>>::new())?;
///     for &bit in bits {
///         list.call_method(c"append", (if bit { yes.clone() } else { no.clone() },))?;
///     }
///     Ok(list)
/// }
/// ```
pub struct Borrowed<'ctx>(ManuallyDrop<Handle<'ctx>>);

impl<'ctx> Borrowed<'ctx> {
    /// Lends the raw constant `raw` of the context.
    ///
    /// # Safety
    /// `raw` must be open for the whole call, and never closed.
    unsafe fn lend(cx: Context<'ctx>, raw: crate::ffi::HPy) -> Self {
        // SAFETY: the caller's contract.
        Borrowed(unsafe { Handle::lend(cx, raw) })
    }
}

impl<'ctx> Deref for Borrowed<'ctx> {
    type Target = Handle<'ctx>;

    #[inline]
    fn deref(&self) -> &Handle<'ctx> {
        &self.0
    }
}

/// A clone lends the same handle (no `HPy_Dup`), which is never closed either.
impl Clone for Borrowed<'_> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: the same constant handle `self` lends, open for the whole call.
        unsafe { Borrowed::lend(self.0.context(), self.0.as_raw()) }
    }
}

impl<'ctx> IntoPy<'ctx> for Borrowed<'ctx> {
    /// A new (owned) handle to the object.
    #[inline]
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        Ok(Handle::clone(&self))
    }

    #[inline]
    fn __to_object<'a>(self, _cx: Context<'ctx>) -> Result<ObjectRef<'a, 'ctx>>
    where
        Self: 'a,
    {
        Ok(ObjectRef::Lent(self))
    }
}

impl<'ctx> Context<'ctx> {
    /// One of the constants `None`, `True`, `False`, `NotImplemented`, `Ellipsis`, lent for
    /// the call (where `cx.None()` & co. return a new handle each).
    #[inline]
    pub fn constant(self, which: Constant) -> Borrowed<'ctx> {
        // SAFETY: context members are constant handles, open for the whole call and closed
        // by nobody.
        unsafe { Borrowed::lend(self, which.raw(self.table())) }
    }

    /// One of the builtin types, lent for the call (where
    /// [`builtin_type`](Self::builtin_type) returns a new handle).
    #[inline]
    pub fn builtin_type_ref(self, which: BuiltinType) -> Borrowed<'ctx> {
        // SAFETY: as in `constant`.
        unsafe { Borrowed::lend(self, which.raw(self.table())) }
    }
}
