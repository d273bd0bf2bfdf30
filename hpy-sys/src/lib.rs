//! Raw bindings to the **HPy 0.9.0 universal ABI**: the handle types, the
//! `HPyContext` function table (all 266 members, in header order), the definition
//! structs (`HPyDef`, `HPyType_Spec`, `HPyModuleDef`, ...), every enum, and the
//! `_HPyFunc_args_*` structs the CPython trampolines pass to
//! `ctx_CallRealFunctionFromTrampoline`.
//!
//! Nothing here is safe to use directly; the `hpy` crate builds the safe API on top.
//!
//! # Where it comes from
//!
//! Every item is generated from one table, `hpy-sys/abi/hpy-0.9.0-universal.abi`,
//! a transcription of the hpy 0.9.0 headers in a restricted C syntax. Change the
//! table, never the generated files, and run `cargo run -p hpy-sys-codegen`. The
//! tests check that the committed files are what the generator writes
//! (`tests/regenerate.rs`) and that every size, alignment, field offset, field
//! type and constant matches the installed C headers (`tests/layout.rs`).
//!
//! # How C maps to Rust
//!
//! * Names are the C names. A C field or parameter named like a Rust keyword gets
//!   a trailing underscore: `impl` → `impl_`, `type` → `type_`, `self` → `self_`.
//!   Unnamed C parameters are called `argN`, N being the 0-based position.
//! * Handles (`HPy`, `HPyField`, `HPyGlobal`, `HPyThreadState`, `HPyTracker`,
//!   `HPyListBuilder`, `HPyTupleBuilder`) are `#[repr(C)]` structs around an
//!   `isize`. They are `Copy` and `Debug` but deliberately not `PartialEq` or
//!   `Hash`: a handle's bits mean nothing (compare objects with `ctx_Is`).
//!   `HPy_NULL`, `HPyField_NULL` and `HPyGlobal_NULL` are the null values.
//! * C enums are `c_int` type aliases with one constant per value (bindgen's
//!   "consts" style): `HPyFunc_Signature` and `HPyFunc_VARARGS`, `HPySlot_Slot` and
//!   `HPy_tp_repr`, ...
//! * C function pointers are `Option<unsafe extern "C" fn(...)>`; the `HPyFunc_*`
//!   and `cpy_*` typedefs keep their names.
//! * `HPyDef`'s anonymous union is the field `u` of type [`HPyDef_u`].
//! * The `cpy_*` CPython types are opaque: only ever behind a pointer.

#![no_std]
#![deny(missing_docs)]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

mod generated;

pub use generated::*;

#[cfg(feature = "abi-cpython")]
pub mod cpython_capi;
#[cfg(feature = "abi-cpython")]
mod cpython_inline;
pub mod cpython_layout;
#[cfg(feature = "abi-cpython")]
mod cpython_runtime;
#[cfg(feature = "abi-cpython")]
pub use cpython_runtime::*;

// The layout test checks every offset; this catches a broken table at build time.
#[cfg(all(target_pointer_width = "64", not(feature = "abi-cpython")))]
const _: () = assert!(core::mem::size_of::<HPyContext>() == 2128);
// The CPython ABI's: the name, the ABI version and 83 handles.
#[cfg(all(target_pointer_width = "64", feature = "abi-cpython"))]
const _: () = assert!(core::mem::size_of::<HPyContext>() == 680);
