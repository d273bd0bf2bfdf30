//! Turns the parsed items into definitions the emitters can use, and checks what the
//! grammar alone cannot: every type name is known, names are unique, tags are valid,
//! every handle of the context has a category, and every enumerator a constant or a
//! trampoline names belongs to an enum declared before it.

use std::collections::{HashMap, HashSet};

use crate::ast::{CType, ConstValue, Decl, Item, Member, Trampoline};
use crate::rust_types::is_builtin;

/// The name of the context struct in the table.
pub const CONTEXT: &str = "HPyContext";

/// One definition, in table order.
#[derive(Debug)]
pub enum Def {
    /// `const <integer type> NAME = <literal>;` or `const <enum> NAME = <enumerator>;`
    IntConst { decl: Decl, value: ConstValue },
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
    /// The `trampoline` declarations, in table order; they define no name.
    pub trampolines: Vec<Trampoline>,
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
        let mut trampolines: Vec<Trampoline> = Vec::new();
        for item in items {
            let (def, line) = match item {
                Item::IntConst { decl, value } => {
                    if let ConstValue::Enumerator(enumerator) = &value {
                        let CType::Named { name, .. } = &decl.ty else {
                            unreachable!("the parser reads an enumerator only for a named type")
                        };
                        check_enumerator(&defs, name, enumerator, decl.line)?;
                    }
                    let line = decl.line;
                    (Def::IntConst { decl, value }, line)
                }
                Item::Trampoline(trampoline) => {
                    let (signature, line) = (&trampoline.signature, trampoline.line);
                    if trampolines.iter().any(|t| t.signature == *signature) {
                        return Err(format!(
                            "line {line}: the trampoline of `{signature}` is declared twice"
                        ));
                    }
                    if !defs.iter().any(|d| enumerators(d).any(|e| e == signature)) {
                        return Err(format!(
                            "line {line}: `{signature}` is not an enumerator of an enum declared before it"
                        ));
                    }
                    trampolines.push(trampoline);
                    continue;
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
        check_names(&defs, &lines, &trampolines)?;
        let context_handles = context_handles(&defs)?;
        Ok(Abi {
            defs,
            context_handles,
            trampolines,
        })
    }

    /// The members of the context struct, in order (empty if the table has none).
    pub fn context_members(&self) -> &[Member] {
        self.defs
            .iter()
            .find_map(|d| match d {
                Def::Struct(s) if s.name == CONTEXT => Some(s.members.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// The names of the context's function-pointer members (`ctx_*`), in order.
    pub fn context_functions(&self) -> Vec<&str> {
        self.context_members()
            .iter()
            .filter_map(|m| match m {
                Member::Field { decl, .. } if is_function_pointer(&decl.ty) => {
                    Some(decl.name.as_str())
                }
                _ => None,
            })
            .collect()
    }

    /// The enumerators of the enum `name`; empty if the table defines no such enum.
    pub fn enumerators(&self, name: &str) -> &[(String, i64)] {
        self.defs
            .iter()
            .find_map(|d| match d {
                Def::Enum { name: n, values } if n == name => Some(values.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }
}

/// Whether `ty` is a pointer to a function (a context function, a callback).
pub fn is_function_pointer(ty: &CType) -> bool {
    matches!(ty, CType::Pointer { to, .. } if matches!(**to, CType::Function(_)))
}

/// The names of an enum's enumerators; none for another definition.
fn enumerators(def: &Def) -> impl Iterator<Item = &String> {
    let values: &[(String, i64)] = match def {
        Def::Enum { values, .. } => values,
        _ => &[],
    };
    values.iter().map(|(name, _)| name)
}

/// A constant of type `enum_name` (`const HPyFunc_Signature X = HPyFunc_O;`) names one of
/// its enumerators, and the enum is declared before it (among `defs`).
fn check_enumerator(
    defs: &[Def],
    enum_name: &str,
    enumerator: &str,
    line: usize,
) -> Result<(), String> {
    match defs.iter().find(|d| d.name() == enum_name) {
        Some(def @ Def::Enum { .. }) if enumerators(def).any(|e| e == enumerator) => Ok(()),
        Some(Def::Enum { .. }) => Err(format!(
            "line {line}: `{enumerator}` is not an enumerator of `{enum_name}`"
        )),
        _ => Err(format!(
            "line {line}: a constant whose value is an enumerator (`{enumerator}`) must have the type of an enum declared before it, not `{enum_name}`"
        )),
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
fn check_names(defs: &[Def], lines: &[usize], trampolines: &[Trampoline]) -> Result<(), String> {
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
    let unknown = |ty: &CType| {
        let mut names = Vec::new();
        ty.names(&mut names);
        names
            .into_iter()
            .find(|n| !is_builtin(n) && !defined.contains(n.as_str()))
    };
    for decl in decls {
        if let Some(name) = unknown(&decl.ty) {
            return Err(format!(
                "line {}: unknown type `{name}` in `{}`",
                decl.line,
                decl.c_source()
            ));
        }
    }
    for t in trampolines {
        if let Some(name) = unknown(&t.pointer_type()) {
            return Err(format!(
                "line {}: unknown type `{name}` in `trampoline {}`",
                t.line,
                t.declare(&t.signature)
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

    #[test]
    fn checks_enumerator_constants_and_trampolines() {
        let ok = build(
            "typedef enum { A = 1, B } E;\nconst E C = B;\ntrampoline int A(HPy h);\n\
             struct _HPyContext_s { int v; };",
        )
        .unwrap();
        assert!(
            matches!(&ok.defs[2], Def::IntConst { value: ConstValue::Enumerator(e), .. } if e == "B")
        );
        assert_eq!(ok.trampolines[0].signature, "A");
        let err = build("typedef enum { A = 1 } E;\nconst E C = D;").unwrap_err();
        assert_eq!(err, "line 4: `D` is not an enumerator of `E`");
        let err = build("const int C = A;\ntypedef enum { A = 1 } E;").unwrap_err();
        assert!(
            err.starts_with("line 3: a constant whose value is an enumerator"),
            "{err}"
        );
        let err = build("trampoline int A(HPy h);\ntypedef enum { A = 1 } E;").unwrap_err();
        assert_eq!(
            err,
            "line 3: `A` is not an enumerator of an enum declared before it"
        );
        let err =
            build("typedef enum { A = 1 } E;\ntrampoline int A(HPy h);\ntrampoline int A(void);")
                .unwrap_err();
        assert_eq!(err, "line 5: the trampoline of `A` is declared twice");
        let err = build(
            "typedef enum { A = 1 } E;\ntrampoline int A(Nope *h);\nstruct _HPyContext_s { int v; };",
        )
        .unwrap_err();
        assert_eq!(
            err,
            "line 4: unknown type `Nope` in `trampoline int A(Nope *h)`"
        );
    }
}
