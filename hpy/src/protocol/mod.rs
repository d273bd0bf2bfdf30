//! The object protocol on [`Handle`](crate::Handle): attributes, items, calls, comparison,
//! arithmetic, iteration and the rest of what Python code can do with an object.

mod attr;
mod call;
mod codecs;
mod compare;
mod dict;
mod item;
mod iter;
mod misc;
mod number;
mod subscript;

pub use attr::Name;
pub(crate) use attr::RawName;
pub use call::IntoArgs;
pub use compare::CompareOp;
pub(crate) use iter::ExactSequence;
pub use iter::Iter;
pub(crate) use misc::tp_name;
pub use subscript::{SliceOrIndex, SliceRange, Subscript};

use crate::{Context, Handle, Result};

/// Takes ownership of the new handle an HPy function returned (`HPy_NULL` = exception set).
#[inline(always)]
pub(crate) fn owned<'ctx>(cx: Context<'ctx>, raw: crate::ffi::HPy) -> Result<Handle<'ctx>> {
    // SAFETY: used only on results of HPy functions returning a new reference or HPy_NULL
    // with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// Maps HPy's `-1` (exception set) / other status returns to `Result`.
#[inline(always)]
pub(crate) fn status(code: core::ffi::c_int) -> Result<()> {
    if code < 0 {
        Err(crate::Error::set())
    } else {
        Ok(())
    }
}
