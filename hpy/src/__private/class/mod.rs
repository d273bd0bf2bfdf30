//! Runtime support for `#[hpy::class]` and `#[hpy::methods]`: what the generated code fills in
//! ([`TypeInfo`], [`MethodsInfo`]), the generic slots every class shares, the conversions of
//! its special methods' operands and results, and the creation of the type object when the
//! module executes.

mod buffer;
mod fields_probe;
mod gc;
mod member;
mod messages;
mod methods;
mod new_object;
mod no_new;
mod register;
mod trashcan;
mod type_in_hand;
mod type_info;
mod value_rules;

pub use buffer::{export_buffer, release_buffer};
pub use fields_probe::{FieldsProbe, VisitsFields, VisitsNothing};
pub use gc::{destroy, traverse};
pub use member::{MemberValue, member_offset};
pub use messages::{cannot_delete, item_conversion};
pub use methods::{
    ClassLevelMethod, HasMethods, HasNoMethods, MethodsInfo, MethodsProbe, NO_METHODS, PyMethods,
};
pub use new_object::{NewObject, new_object};
#[cfg(not(feature = "abi-cpython"))]
pub(crate) use register::companion_instance;
pub(crate) use register::create_type;
pub use register::register_type;
pub(crate) use trashcan::TRASH;
pub use trashcan::{finalize, finalize_trampoline};
pub use type_in_hand::{Operand, OperandFallback, Returned, ReturnedFallback, TypeInHand};
pub use type_info::{TypeDefinition, TypeInfo};
pub use value_rules::{ClassField, MutableClass, borrow_mut_self, require_field};
