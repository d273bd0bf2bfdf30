//! The list of layout facts the layout test compares, shared by the C program
//! (`layout.c`) and the Rust side (`expected.rs`) so both print the same keys.

use crate::ast::{Decl, Member};
use crate::model::{Abi, Def};

/// One line of the layout test's output.
pub enum Entry<'a> {
    /// `size <type> <n>`
    Size(&'a str),
    /// `align <type> <n>`
    Align(&'a str),
    /// `offset <struct>.<field> <n>`; `in_union` is set for the members of the
    /// struct's anonymous union.
    Offset {
        strct: &'a str,
        field: &'a Decl,
        in_union: bool,
    },
    /// `value <name> <n>` for an enum value or an integer constant.
    Value(&'a str),
    /// `string <name> <text>` for a string constant.
    Str(&'a str),
}

impl Entry<'_> {
    /// The key both sides print, e.g. `offset HPyContext.ctx_Dup`.
    pub fn key(&self) -> String {
        match self {
            Entry::Size(t) => format!("size {t}"),
            Entry::Align(t) => format!("align {t}"),
            Entry::Offset { strct, field, .. } => format!("offset {strct}.{}", field.name),
            Entry::Value(n) => format!("value {n}"),
            Entry::Str(n) => format!("string {n}"),
        }
    }
}

/// Every entry, in table order.
pub fn entries(abi: &Abi) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for def in &abi.defs {
        match def {
            Def::IntConst { decl, .. } => out.push(Entry::Value(&decl.name)),
            Def::StrConst { name, .. } => out.push(Entry::Str(name)),
            Def::Alias(decl) | Def::FnPtr(decl) => {
                out.extend([Entry::Size(&decl.name), Entry::Align(&decl.name)]);
            }
            Def::Enum { name, values } => {
                out.extend([Entry::Size(name), Entry::Align(name)]);
                out.extend(values.iter().map(|(v, _)| Entry::Value(v)));
            }
            Def::Opaque { .. } => {}
            Def::Struct(s) => {
                out.extend([Entry::Size(&s.name), Entry::Align(&s.name)]);
                for member in &s.members {
                    match member {
                        Member::Field { decl, .. } => {
                            out.push(Entry::Offset {
                                strct: &s.name,
                                field: decl,
                                in_union: false,
                            });
                        }
                        Member::Union { fields, .. } => {
                            out.extend(fields.iter().map(|f| Entry::Offset {
                                strct: &s.name,
                                field: f,
                                in_union: true,
                            }))
                        }
                    }
                }
            }
        }
    }
    out
}
