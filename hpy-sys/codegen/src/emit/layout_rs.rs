//! `hpy-sys/tests/layout/expected.rs`: the same keys as `layout.c`, computed from
//! the Rust definitions of `hpy_sys`.

use super::header;
use super::layout::{Entry, entries};
use super::structs::{UNION_FIELD, union_type};
use crate::model::Abi;
use crate::rust_types::rust_ident;

/// The macros that turn one entry into `(key, value)`.
const MACROS: &str = r#"use hpy_sys::*;

macro_rules! size {
    ($t:ident) => {
        (
            concat!("size ", stringify!($t)),
            core::mem::size_of::<$t>() as i64,
        )
    };
}

macro_rules! align {
    ($t:ident) => {
        (
            concat!("align ", stringify!($t)),
            core::mem::align_of::<$t>() as i64,
        )
    };
}

macro_rules! offset {
    ($t:ident, $f:ident) => {
        (
            concat!("offset ", stringify!($t), ".", stringify!($f)),
            core::mem::offset_of!($t, $f) as i64,
        )
    };
    ($t:ident, $f:ident, $c_name:literal) => {
        (
            concat!("offset ", stringify!($t), ".", $c_name),
            core::mem::offset_of!($t, $f) as i64,
        )
    };
}

macro_rules! union_offset {
    ($t:ident, $u:ident, $ut:ident, $f:ident) => {
        (
            concat!("offset ", stringify!($t), ".", stringify!($f)),
            (core::mem::offset_of!($t, $u) + core::mem::offset_of!($ut, $f)) as i64,
        )
    };
}

macro_rules! value {
    ($n:ident) => {
        (concat!("value ", stringify!($n)), $n as i64)
    };
}

macro_rules! string {
    ($n:ident) => {
        (concat!("string ", stringify!($n)), $n)
    };
}
"#;

/// The whole file.
pub fn emit(abi: &Abi) -> String {
    let mut numbers = Vec::new();
    let mut strings = Vec::new();
    for entry in entries(abi) {
        match entry {
            Entry::Size(t) => numbers.push(format!("size!({t})")),
            Entry::Align(t) => numbers.push(format!("align!({t})")),
            Entry::Offset {
                strct,
                field,
                in_union: true,
            } => numbers.push(format!(
                "union_offset!({strct}, {UNION_FIELD}, {}, {})",
                union_type(strct),
                rust_ident(&field.name)
            )),
            Entry::Offset {
                strct,
                field,
                in_union: false,
            } => {
                let rust = rust_ident(&field.name);
                numbers.push(if rust == field.name {
                    format!("offset!({strct}, {rust})")
                } else {
                    format!("offset!({strct}, {rust}, \"{}\")", field.name)
                });
            }
            Entry::Value(n) => numbers.push(format!("value!({n})")),
            Entry::Str(n) => strings.push(format!("string!({n})")),
        }
    }
    let mut out = header();
    out.push('\n');
    out.push_str(MACROS);
    out.push_str(
        "\n/// `(key, value)` for every size, alignment, offset and integer value in the table.\n\
         pub fn rust_layout() -> Vec<(&'static str, i64)> {\n",
    );
    out.push_str(&vec_expr(&numbers));
    out.push_str(
        "}\n\n/// `(key, text)` for every string constant in the table.\n\
         pub fn rust_strings() -> Vec<(&'static str, &'static core::ffi::CStr)> {\n",
    );
    out.push_str(&vec_expr(&strings));
    out.push_str("}\n");
    out
}

/// `vec![...]` as rustfmt lays it out in a function body: on one line when short.
fn vec_expr(items: &[String]) -> String {
    let one_line = format!("vec![{}]", items.join(", "));
    if one_line.len() <= 60 {
        return format!("    {one_line}\n");
    }
    let mut out = String::from("    vec![\n");
    for item in items {
        out.push_str(&format!("        {item},\n"));
    }
    out.push_str("    ]\n");
    out
}
