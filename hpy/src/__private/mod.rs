//! Runtime support for the code `#[hpy::module]`, `#[hpy::function]`, `#[hpy::class]` and
//! `#[hpy::methods]` generate. Not a public API: names and signatures here change without
//! notice. Everything the generated code relies on for soundness is `unsafe` to make or call,
//! or sealed.
//!
//! The dependency runs one way: this module uses the public modules of the crate, which never
//! use it.

mod args;
mod boundary;
mod capsule;
mod class;
#[cfg(feature = "abi-cpython")]
pub(crate) mod cpython;
mod def;
mod export;
mod function_def;
/// The HPy function signatures: generated from the ABI table (see the file's header).
#[path = "../generated/hpyfunc.rs"]
pub mod hpyfunc;
mod items_reader;
#[cfg(not(feature = "abi-cpython"))]
mod library_context;
mod library_types;
mod module;
mod module_def;
mod panic;
mod ret;
mod slot_values;
pub(crate) mod trampoline;

pub use args::{
    Args, Binding, KeywordHashes, KeywordMemo, NO_KEYWORD_MEMO, Parameters, extract,
    extract_varargs, extract_varkw,
};
pub use boundary::{Entry, SlotReturn};
pub(crate) use class::create_type;
pub use class::{
    ClassField, ClassLevelMethod, FieldsProbe, HasMethods, HasNoMethods, MemberValue, MethodsInfo,
    MethodsProbe, MutableClass, NO_METHODS, NewObject, Operand, OperandFallback, PyMethods,
    Returned, ReturnedFallback, TypeDefinition, TypeInHand, TypeInfo, VisitsFields, VisitsNothing,
    borrow_mut_self, cannot_delete, destroy, export_buffer, finalize, finalize_trampoline,
    item_conversion, member_offset, new_object, register_type, release_buffer, require_field,
    traverse,
};
#[cfg(feature = "abi-cpython")]
pub use cpython::init_module as init_cpython_module;
pub use def::Def;
pub use export::export_module;
pub use function_def::{FunctionDef, INVALID_FUNCTION};
#[cfg(not(feature = "abi-cpython"))]
pub use library_context::{init_context, module_definition};
pub use module::{
    ExceptionInfo, PANIC_EXCEPTION, PyException, check_context, exec_module, register_exception,
};
pub use module_def::ModuleDef;
pub use ret::{
    IntoReturn, NextItem, ReturnsUnit, ReturnsValue, Unit, UnitReturn, ValueReturn,
    return_next_item, return_object,
};
pub use slot_values::{Export, Hash, Len, SlotValue, Status, Truth, not_implemented, slot_value};

pub use crate::convert::ObjectRef;
pub use crate::ffi;
pub use crate::ffi::{HPY_ABI_VERSION, HPY_ABI_VERSION_MINOR, HPyContext, cpy_PyObject};
pub use crate::types::{LegacySlotsStatic, basicsize, legacy_slots};
