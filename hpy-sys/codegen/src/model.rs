//! Turns the parsed items into definitions the emitters can use, and checks what the
//! grammar alone cannot: every type name is known, names are unique, tags are valid,
//! and every handle of the context has a category.

use std::collections::{HashMap, HashSet};

use crate::ast::{CType, Decl, Item, Member};
use crate::rust_types::is_builtin;

/// The name of the context struct in the table.
pub const CONTEXT: &str = "HPyContext";

/// One definition, in table order.
#[derive(Debug)]
pub enum Def {
    /// `const <integer type> NAME = <literal>;`
    IntConst { decl: Decl, literal: String },
    /// `const char NAME[] = "<value>";`
    StrConst { name: String, value: String },
    /// `typedef <scalar> NAME;`
    Alias(Decl),
    /// `typedef <ret> (*NAME)(<params>);`
    FnPtr(Decl),
    /// `typedef enum { ... } NAME;`
    Enum {
        name: String,
        values: Vec<(String, i64)>,
    },
    /// `typedef struct TAG NAME;` with no body in the table.
    Opaque { name: String, c_tag: String },
    /// A struct with a body.
    Struct(StructDef),
}

/// A struct with its members.
#[derive(Debug)]
pub struct StructDef {
    pub name: String,
    pub c_tag: Option<String>,
    /// `Some` for the one-field handle structs (`/* handle */`).
    pub handle: Option<HandleKind>,
    pub members: Vec<Member>,
}

/// How a handle struct is tagged in the table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HandleKind {
    /// `/* handle */`
    Plain,
    /// `/* handle nullable */`: also gets `NAME_NULL` and `is_null`.
    Nullable,
}

/// The category of an `HPy h_*` context member.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Category {
    Constant,
    Exception,
    Type,
    Module,
}

impl Category {
    /// The word used in the table and in the `builtin_handles!` invocation.
    pub fn word(self) -> &'static str {
        match self {
            Category::Constant => "constant",
            Category::Exception => "exception",
            Category::Type => "type",
            Category::Module => "module",
        }
    }
}

/// The checked table.
#[derive(Debug)]
pub struct Abi {
    pub defs: Vec<Def>,
    /// The `HPy h_*` members of the context with their categories, in order.
    pub context_handles: Vec<(String, Category)>,
}

impl Abi {
    /// Checks the parsed items and resolves forward-declared structs.
    pub fn build(items: Vec<Item>) -> Result<Abi, String> {
        let bodies: HashSet<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::StructBody { c_tag, .. } => Some(c_tag.clone()),
                _ => None,
            })
            .collect();
        let mut forward: HashMap<String, String> = HashMap::new();
        let mut defs = Vec::new();
        let mut lines = Vec::new();
        for item in items {
            let (def, line) = match item {
                Item::IntConst { decl, literal } => {
                    let line = decl.line;
                    (Def::IntConst { decl, literal }, line)
                }
                Item::StrConst { name, value, line } => (Def::StrConst { name, value }, line),
                Item::Typedef(decl) => {
                    let line = decl.line;
                    match &decl.ty {
                        CType::Named {
                            is_const: false, ..
                        } => (Def::Alias(decl), line),
                        CType::Pointer { to, .. } if matches!(**to, CType::Function(_)) => {
                            (Def::FnPtr(decl), line)
                        }
                        _ => {
                            return Err(format!(
                                "line {line}: only scalar and function-pointer typedefs are supported"
                            ));
                        }
                    }
                }
                Item::Enum { name, values, line } => (Def::Enum { name, values }, line),
                Item::ForwardStruct { name, c_tag, line } => {
                    forward.insert(c_tag.clone(), name.clone());
                    if bodies.contains(&c_tag) {
                        continue;
                    }
                    (Def::Opaque { name, c_tag }, line)
                }
                Item::StructBody {
                    c_tag,
                    members,
                    line,
                } => {
                    let Some(name) = forward.get(&c_tag) else {
                        return Err(format!(
                            "line {line}: `struct {c_tag}` has no `typedef struct {c_tag} NAME;` before it"
                        ));
                    };
                    let name = name.clone();
                    (
                        Def::Struct(StructDef {
                            name,
                            c_tag: Some(c_tag),
                            handle: None,
                            members,
                        }),
                        line,
                    )
                }
                Item::Struct {
                    name,
                    c_tag,
                    members,
                    note,
                    line,
                } => {
                    let handle = handle_kind(note.as_deref(), &members, line)?;
                    (
                        Def::Struct(StructDef {
                            name,
                            c_tag,
                            handle,
                            members,
                        }),
                        line,
                    )
                }
            };
            defs.push(def);
            lines.push(line);
        }
        check_names(&defs, &lines)?;
        let context_handles = context_handles(&defs)?;
        Ok(Abi {
            defs,
            context_handles,
        })
    }
}

impl Def {
    /// The C name this definition introduces.
    pub fn name(&self) -> &str {
        match self {
            Def::IntConst { decl, .. } | Def::Alias(decl) | Def::FnPtr(decl) => &decl.name,
            Def::StrConst { name, .. } | Def::Enum { name, .. } | Def::Opaque { name, .. } => name,
            Def::Struct(s) => &s.name,
        }
    }
}

/// Reads a struct's `/* handle */` tag.
fn handle_kind(
    note: Option<&str>,
    members: &[Member],
    line: usize,
) -> Result<Option<HandleKind>, String> {
    let kind = match note {
        None => return Ok(None),
        Some("handle") => HandleKind::Plain,
        Some("handle nullable") => HandleKind::Nullable,
        Some(other) => {
            return Err(format!(
                "line {line}: unknown struct tag `/* {other} */` (expected `handle` or `handle nullable`)"
            ));
        }
    };
    let intptr = CType::Named {
        name: "intptr_t".into(),
        is_const: false,
    };
    match members {
        [Member::Field { decl, .. }] if decl.ty == intptr => Ok(Some(kind)),
        _ => Err(format!(
            "line {line}: a handle struct must have exactly one `intptr_t` field"
        )),
    }
}

/// Names are unique and every type name used is built in or defined in the table.
fn check_names(defs: &[Def], lines: &[usize]) -> Result<(), String> {
    let mut defined = HashSet::new();
    for (def, line) in defs.iter().zip(lines) {
        if !defined.insert(def.name()) {
            return Err(format!("line {line}: `{}` is defined twice", def.name()));
        }
    }
    let mut decls: Vec<&Decl> = Vec::new();
    for def in defs {
        match def {
            Def::IntConst { decl, .. } | Def::Alias(decl) | Def::FnPtr(decl) => decls.push(decl),
            Def::Struct(s) => {
                for m in &s.members {
                    match m {
                        Member::Field { decl, .. } => decls.push(decl),
                        Member::Union { fields, .. } => decls.extend(fields),
                    }
                }
            }
            Def::StrConst { .. } | Def::Enum { .. } | Def::Opaque { .. } => {}
        }
    }
    for decl in decls {
        let mut names = Vec::new();
        decl.ty.names(&mut names);
        if let Some(unknown) = names
            .iter()
            .find(|n| !is_builtin(n) && !defined.contains(n.as_str()))
        {
            return Err(format!(
                "line {}: unknown type `{unknown}` in `{}`",
                decl.line,
                decl.c_source()
            ));
        }
    }
    Ok(())
}

/// Every `HPy h_*` member of the context, with its category tag.
fn context_handles(defs: &[Def]) -> Result<Vec<(String, Category)>, String> {
    let Some(Def::Struct(ctx)) = defs.iter().find(|d| d.name() == CONTEXT) else {
        return Err(format!("the table does not define the struct `{CONTEXT}`"));
    };
    let hpy = CType::Named {
        name: "HPy".into(),
        is_const: false,
    };
    let mut handles = Vec::new();
    for member in &ctx.members {
        let Member::Field { decl, note } = member else {
            return Err(format!("{CONTEXT} cannot contain a union"));
        };
        if decl.ty != hpy {
            continue;
        }
        let category = match note.as_deref() {
            Some("constant") => Category::Constant,
            Some("exception") => Category::Exception,
            Some("type") => Category::Type,
            Some("module") => Category::Module,
            _ => {
                return Err(format!(
                    "line {}: `{}` needs a category comment: /* constant */, /* exception */, /* type */ or /* module */",
                    decl.line, decl.name
                ));
            }
        };
        if !decl.name.starts_with("h_") {
            return Err(format!(
                "line {}: context handles are named `h_*`",
                decl.line
            ));
        }
        handles.push((decl.name.clone(), category));
    }
    Ok(handles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    const CTX: &str = "typedef struct _HPy_s { intptr_t _i; } HPy; /* handle nullable */\n\
                       typedef struct _HPyContext_s HPyContext;\n";

    fn build(src: &str) -> Result<Abi, String> {
        Abi::build(parse(&format!("{CTX}{src}"))?)
    }

    #[test]
    fn resolves_forward_structs_and_categories() {
        let abi = build("typedef struct Tag Opaque;\nstruct _HPyContext_s { int v; HPy h_None; /* constant */ };")
            .unwrap();
        let names: Vec<&str> = abi.defs.iter().map(Def::name).collect();
        assert_eq!(names, ["HPy", "Opaque", "HPyContext"]);
        assert_eq!(
            abi.context_handles,
            [("h_None".to_string(), Category::Constant)]
        );
    }

    #[test]
    fn reports_unknown_types_and_missing_categories() {
        let err = build("struct _HPyContext_s { HPyy h; };").unwrap_err();
        assert_eq!(err, "line 3: unknown type `HPyy` in `HPyy h`");
        let err = build("struct _HPyContext_s {\nHPy h_None;\n};").unwrap_err();
        assert!(
            err.starts_with("line 4: `h_None` needs a category comment"),
            "{err}"
        );
        let err = build("typedef struct { int a; } X; /* handle */").unwrap_err();
        assert_eq!(
            err,
            "line 3: a handle struct must have exactly one `intptr_t` field"
        );
    }
}
