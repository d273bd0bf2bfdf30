//! `cargo-hpy`, the build tool of hpy-rs: turns an extension crate (a `cdylib` with one
//! `#[hpy::module] mod <name>`) into what `hpy.universal` (hpy 0.9.0) loads: `<name>.hpy0.so`
//! and the loader stub `<name>.py` next to it, with the type stub `<name>.pyi` the module's
//! Rust signatures give (and `py.typed` in its package, if it is in one). With
//! [`Abi::CPython`] (`--abi cpython`) it builds the same crate for CPython's own ABI instead:
//! `<name><EXT_SUFFIX>` for one CPython version, imported without the `hpy` package.
//!
//! ```no_run
//! let built = cargo_hpy::build(&cargo_hpy::BuildOptions::new("examples/hello", "out"))?;
//! assert_eq!(built.module, "hello"); // out/hello.hpy0.so and out/hello.py
//! # Ok::<(), cargo_hpy::Error>(())
//! ```
#![deny(missing_docs)]

mod abi;
mod build;
mod cargo;
pub mod cli;
mod develop;
#[cfg(test)]
mod elf_fixture;
mod error;
mod install;
mod layout;
mod new;
mod python;
mod stub;
mod symbols;
mod type_stub;
mod wheel;

pub use abi::Abi;
pub use build::{BuildOptions, Built, build};
pub use cargo::Profile;
pub use develop::{DevelopOptions, Developed, develop};
pub use error::Error;
pub use new::{HpySource, NewOptions, new_project};
pub use stub::{EXTENSION_SUFFIX, loader_stub};
pub use symbols::{find_cpython_module, find_module};
pub use type_stub::read_type_stub;
pub use wheel::{PYTHON_TAGS, Wheel, WheelOptions, metadata, sdist, tool_wheel, wheel};
