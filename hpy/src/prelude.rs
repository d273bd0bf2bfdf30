//! The names most extension code needs: `use hpy::prelude::*;`.

pub use crate::exceptions::{
    IndexError, KeyError, OverflowError, RuntimeError, TypeError, ValueError, ZeroDivisionError,
};
pub use crate::{
    BuiltinType, CompareOp, Context, Error, FromPy, Global, Handle, IntoPy, Result, function,
    module,
};
