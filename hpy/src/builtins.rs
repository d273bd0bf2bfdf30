//! The handles every context carries (builtin exceptions, types, constants, the `builtins`
//! module), turned into Rust API by `builtin_handles!` from the list generated out of the ABI
//! table (`generated/builtins.rs`).

use crate::context::call;
use crate::protocol::{Name, RawName};
use crate::{Context, Handle};

/// Expands the generated list `category Name h_member;` into the Rust API for each category.
macro_rules! builtin_handles {
    ($($category:ident $name:ident $member:ident;)*) => {
        /// The builtin exception types, one unit struct each (re-exported by
        /// [`crate::exceptions`]).
        pub mod exception_types {
            $( crate::builtins::exception_item!($category $name $member); )*
        }
        $( crate::builtins::context_item!($category $name $member); )*
        crate::builtins::type_enum!(@collect [] $($category $name $member;)*);
        crate::builtins::constant_enum!(@collect [] $($category $name $member;)*);
    };
}
pub(crate) use builtin_handles;

macro_rules! exception_item {
    (exception $name:ident $member:ident) => {
        #[doc = concat!("Python's builtin exception type `", stringify!($name), "`.")]
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl $name {
            #[doc = concat!("A pending `", stringify!($name), "` with the given message.")]
            pub fn new_err(message: impl Into<std::borrow::Cow<'static, str>>) -> crate::Error {
                crate::Error::new($name, message)
            }

            #[doc = concat!("Raises `", stringify!($name), "(value)` now, for any object `value`")]
            #[doc = "(see [`ExceptionType::new_err_with`](crate::exceptions::ExceptionType::new_err_with))."]
            pub fn new_err_with(value: &crate::Handle<'_>) -> crate::Error {
                crate::exceptions::ExceptionType::from($name).new_err_with(value)
            }
        }

        impl From<$name> for crate::exceptions::ExceptionType {
            fn from(_: $name) -> Self {
                crate::exceptions::ExceptionType::builtin(stringify!($name), |t| t.$member)
            }
        }
    };
    ($other:ident $name:ident $member:ident) => {};
}
pub(crate) use exception_item;

macro_rules! context_item {
    (constant $name:ident $member:ident) => {
        impl<'ctx> crate::Context<'ctx> {
            #[doc = concat!("A new handle to `", stringify!($name), "`.")]
            #[allow(non_snake_case)]
            #[inline]
            pub fn $name(self) -> crate::Handle<'ctx> {
                crate::builtins::dup_member(self, self.table().$member)
            }
        }
    };
    (module $name:ident $member:ident) => {
        impl<'ctx> crate::Context<'ctx> {
            #[doc = concat!(
                "A new handle to the `", stringify!($name), "` namespace (`", stringify!($member),
                "`). On CPython it is the builtins `dict`; [`Context::builtin`](crate::Context::builtin) looks names up in it",
                " whatever its kind."
            )]
            #[allow(non_snake_case)]
            #[inline]
            pub fn $name(self) -> crate::Handle<'ctx> {
                crate::builtins::dup_member(self, self.table().$member)
            }
        }
    };
    ($other:ident $name:ident $member:ident) => {};
}
pub(crate) use context_item;

macro_rules! type_enum {
    (@collect [$(($name:ident $member:ident))*]) => {
        /// The builtin types every HPy context provides a handle to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum BuiltinType {
            $(
                #[doc = concat!("The context's `", stringify!($member), "`.")]
                $name,
            )*
        }

        impl BuiltinType {
            /// The context's (borrowed, constant) handle to this type.
            pub(crate) fn raw(self, table: &crate::ffi::HPyContext) -> crate::ffi::HPy {
                match self {
                    $( BuiltinType::$name => table.$member, )*
                }
            }
        }

        impl<'ctx> crate::Context<'ctx> {
            /// A new handle to one of the builtin types.
            pub fn builtin_type(self, which: BuiltinType) -> crate::Handle<'ctx> {
                crate::builtins::dup_member(self, which.raw(self.table()))
            }
        }
    };
    (@collect [$($done:tt)*] type $name:ident $member:ident; $($rest:tt)*) => {
        crate::builtins::type_enum!(@collect [$($done)* ($name $member)] $($rest)*);
    };
    (@collect [$($done:tt)*] $other:ident $name:ident $member:ident; $($rest:tt)*) => {
        crate::builtins::type_enum!(@collect [$($done)*] $($rest)*);
    };
}
pub(crate) use type_enum;

macro_rules! constant_enum {
    (@collect [$(($name:ident $member:ident))*]) => {
        /// The constant objects every HPy context provides a handle to, for
        /// [`Context::constant`](crate::Context::constant).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Constant {
            $(
                #[doc = concat!("`", stringify!($name), "` (the context's `", stringify!($member), "`).")]
                $name,
            )*
        }

        impl Constant {
            /// The context's (borrowed, constant) handle to this object.
            pub(crate) fn raw(self, table: &crate::ffi::HPyContext) -> crate::ffi::HPy {
                match self {
                    $( Constant::$name => table.$member, )*
                }
            }
        }
    };
    (@collect [$($done:tt)*] constant $name:ident $member:ident; $($rest:tt)*) => {
        crate::builtins::constant_enum!(@collect [$($done)* ($name $member)] $($rest)*);
    };
    (@collect [$($done:tt)*] $other:ident $name:ident $member:ident; $($rest:tt)*) => {
        crate::builtins::constant_enum!(@collect [$($done)*] $($rest)*);
    };
}
pub(crate) use constant_enum;

impl<'ctx> Context<'ctx> {
    /// A builtin by name, e.g. `cx.builtin("len")`.
    pub fn builtin(self, name: &str) -> crate::Result<Handle<'ctx>> {
        let builtins = self.Builtins();
        // SAFETY: `builtins` is open; the check only inspects its type.
        if unsafe { call!(self, ctx_Dict_Check(builtins.as_raw())) } == 0 {
            return builtins.getattr(name);
        }
        let raw = Name::Str(name).with_raw(&builtins, |name| match name {
            // SAFETY: `builtins` is open; `s` is NUL-terminated and outlives the call.
            RawName::CStr(s) => unsafe { call!(self, ctx_GetItem_s(builtins.as_raw(), s)) },
            // SAFETY: both handles are open.
            RawName::Object(n) => unsafe { call!(self, ctx_GetItem(builtins.as_raw(), n)) },
        })?;
        // SAFETY: a new handle, or NULL with an exception set.
        unsafe { Handle::from_raw_or_err(self, raw) }
    }
}

/// Duplicates one of the context's constant handles into an owned [`Handle`].
#[inline]
pub(crate) fn dup_member(cx: Context<'_>, member: crate::ffi::HPy) -> Handle<'_> {
    // SAFETY: context members are constant handles valid for the whole call.
    #[cfg(not(feature = "abi-cpython"))]
    let raw = unsafe { call!(cx, ctx_Dup(member)) };
    // SAFETY: as above; in the CPython ABI they are never NULL (`Py_INCREF`, no test).
    #[cfg(feature = "abi-cpython")]
    let raw = unsafe { crate::ffi::cpython::dup_nonnull(member) };
    // SAFETY: `HPy_Dup` of a valid handle returns a new handle, owned by the result.
    unsafe { Handle::from_raw(cx, raw) }
}

#[path = "generated/builtins.rs"]
mod generated;
pub use generated::*;
