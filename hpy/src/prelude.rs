//! The names most extension code needs: `use hpy::prelude::*;`.

pub use crate::exceptions::{
    IndexError, KeyError, OverflowError, RuntimeError, TypeError, ValueError, ZeroDivisionError,
};
pub use crate::{
    BuiltinType, CompareOp, Construct, Context, Error, Field, FromPy, Global, Handle, IntoPy, Ref,
    RefMut, Result, Typed, class, exception, function, methods, module,
};
