//! Runtime support for the code `#[hpy::module]` and `#[hpy::function]` generate. Not a
//! public API: names and signatures here change without notice.

mod args;
mod boundary;
mod buffer;
mod defs;
mod library_context;
mod member;
mod module;
mod new;
mod panic;
mod ret;
mod signatures;
mod slot_values;
pub mod slots;
pub mod trampoline;
mod trashcan;
mod type_in_hand;
mod types;

pub(crate) use args::name_is;
pub use args::{
    Args, Bound, KeywordHashes, KeywordMemo, Lent, NO_KEYWORD_MEMO, Signature, extract,
    extract_varargs, extract_varkw,
};
pub use boundary::{Entry, SlotReturn};
pub use buffer::{export_buffer, release_buffer};
pub use defs::{Def, FunctionDef, INVALID_FUNCTION, ModuleDef};
pub use library_context::{init_context, module_definition};
pub use member::{MemberValue, member_offset};
pub use module::{
    ExceptionInfo, PANIC_EXCEPTION, PyException, check_context, exec_module, register_exception,
};
pub use new::{NewObject, new_object};
pub use ret::{IntoReturn, return_object};
pub use signatures::*;
pub use slot_values::{Export, Hash, Len, SlotValue, Status, Truth, not_implemented, slot_value};
pub use trashcan::{finalize, finalize_trampoline};
pub use type_in_hand::{Operand, OperandFallback, Returned, ReturnedFallback, TypeInHand};
pub use types::{
    ClassLevelMethod, FieldsProbe, HasMethods, HasNoMethods, MethodsInfo, MethodsProbe, NO_METHODS,
    NO_NEW, PyMethods, TypeInfo, VisitsFields, VisitsNothing, cannot_delete, destroy,
    item_conversion, register_type, require_send, traverse,
};

pub use crate::convert::ObjectRef;
pub use crate::ffi;
pub use crate::ffi::{HPY_ABI_VERSION, HPY_ABI_VERSION_MINOR, HPyContext, cpy_PyObject};
