//! What the parser produces: C types, declarations and top-level items, plus the
//! rendering of a type back to C (for doc comments and for the layout test's
//! type assertions).

/// A C type, as far as the table's grammar goes.
#[derive(Clone, Debug, PartialEq)]
pub enum CType {
    /// A type name (`int`, `unsigned long`, `HPy`, ...), maybe `const`.
    Named { name: String, is_const: bool },
    /// A pointer; `is_const` qualifies the pointer itself (`T *const`).
    Pointer { to: Box<CType>, is_const: bool },
    /// `T name[]` (only as a parameter, where C reads it as `T *`).
    Array(Box<CType>),
    /// A function type (only behind a pointer).
    Function(Box<FnSig>),
}

/// The signature of a function type.
#[derive(Clone, Debug, PartialEq)]
pub struct FnSig {
    pub ret: CType,
    /// Empty both for `()` and for a function without parameters.
    pub params: Vec<Param>,
}

/// A function parameter; C allows leaving it unnamed.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Option<String>,
    pub ty: CType,
}

/// A named declaration: a struct field, a typedef, a constant.
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    pub name: String,
    pub ty: CType,
    pub line: usize,
}

/// A member of a struct body.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    /// `<decl>;`, with the text of a `/* ... */` comment that follows on the same line.
    Field { decl: Decl, note: Option<String> },
    /// An anonymous `union { <decls> };`.
    Union { fields: Vec<Decl>, line: usize },
}

/// The value of an integer constant.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    /// An integer literal as written, with its sign (`-1`, `0x400`).
    Literal(String),
    /// An enumerator of an enum the table declares earlier (`HPyFunc_BINARYFUNC`).
    Enumerator(String),
}

/// `trampoline <ret> SIG(<params>);`: the C function `HPyFunc_TRAMPOLINE(SYM, IMPL, SIG)`
/// defines (`static <ret> SYM(<params>)`), named by the enumerator `SIG`.
#[derive(Clone, Debug, PartialEq)]
pub struct Trampoline {
    pub signature: String,
    pub sig: FnSig,
    pub line: usize,
}

/// One top-level declaration of the table.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `const <type> NAME = <integer or enumerator>;`
    IntConst { decl: Decl, value: ConstValue },
    /// `const char NAME[] = "<string>";`
    StrConst {
        name: String,
        value: String,
        line: usize,
    },
    /// `typedef <decl>;` (a scalar or a function-pointer typedef).
    Typedef(Decl),
    /// `typedef enum { ... } NAME;`
    Enum {
        name: String,
        values: Vec<(String, i64)>,
        line: usize,
    },
    /// `typedef struct [TAG] { ... } NAME;`
    Struct {
        name: String,
        c_tag: Option<String>,
        members: Vec<Member>,
        note: Option<String>,
        line: usize,
    },
    /// `typedef struct TAG NAME;`
    ForwardStruct {
        name: String,
        c_tag: String,
        line: usize,
    },
    /// `struct TAG { ... };`
    StructBody {
        c_tag: String,
        members: Vec<Member>,
        line: usize,
    },
    /// `trampoline <ret> SIG(<params>);`
    Trampoline(Trampoline),
}

impl ConstValue {
    /// The value as written.
    pub fn text(&self) -> &str {
        match self {
            ConstValue::Literal(s) | ConstValue::Enumerator(s) => s,
        }
    }
}

impl Trampoline {
    /// The C declaration of a function `name` with this signature.
    pub fn declare(&self, name: &str) -> String {
        CType::Function(Box::new(self.sig.clone())).declare(name)
    }

    /// The C type of a pointer to the function, e.g.
    /// `cpy_PyObject *(*)(cpy_PyObject *arg0, cpy_PyObject *arg1)`.
    pub fn pointer_type(&self) -> CType {
        CType::Pointer {
            to: Box::new(CType::Function(Box::new(self.sig.clone()))),
            is_const: false,
        }
    }
}

impl CType {
    /// Whether this type is `const`-qualified at its top level.
    pub fn is_const(&self) -> bool {
        match self {
            CType::Named { is_const, .. } | CType::Pointer { is_const, .. } => *is_const,
            CType::Array(_) | CType::Function(_) => false,
        }
    }

    /// The C declaration of `declarator` with this type; an empty declarator gives
    /// the abstract type name (`HPy (*)(HPyContext *, HPy)`).
    pub fn declare(&self, declarator: &str) -> String {
        match self {
            CType::Named { name, is_const } => {
                let konst = if *is_const { "const " } else { "" };
                let space = if declarator.is_empty() || declarator.starts_with('[') {
                    ""
                } else {
                    " "
                };
                format!("{konst}{name}{space}{declarator}")
            }
            CType::Pointer { to, is_const } => {
                let konst = if *is_const { "const " } else { "" };
                let inner = format!("*{konst}{declarator}");
                let inner = inner.trim_end();
                match **to {
                    CType::Function(_) | CType::Array(_) => to.declare(&format!("({inner})")),
                    _ => to.declare(inner),
                }
            }
            CType::Array(of) => of.declare(&format!("{declarator}[]")),
            CType::Function(sig) => {
                let params: Vec<String> = sig
                    .params
                    .iter()
                    .map(|p| p.ty.declare(p.name.as_deref().unwrap_or("")))
                    .collect();
                sig.ret
                    .declare(&format!("{declarator}({})", params.join(", ")))
            }
        }
    }

    /// Appends every type name this type mentions to `out`.
    pub fn names(&self, out: &mut Vec<String>) {
        match self {
            CType::Named { name, .. } => out.push(name.clone()),
            CType::Pointer { to, .. } | CType::Array(to) => to.names(out),
            CType::Function(sig) => {
                sig.ret.names(out);
                for p in &sig.params {
                    p.ty.names(out);
                }
            }
        }
    }
}

impl Decl {
    /// The declaration as C source, e.g. `HPy (*ctx_Dup)(HPyContext *ctx, HPy h)`.
    pub fn c_source(&self) -> String {
        self.ty.declare(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, is_const: bool) -> CType {
        CType::Named {
            name: name.into(),
            is_const,
        }
    }

    fn ptr(to: CType, is_const: bool) -> CType {
        CType::Pointer {
            to: Box::new(to),
            is_const,
        }
    }

    #[test]
    fn renders_nested_pointers() {
        let args = ptr(ptr(named("cpy_PyObject", false), true), false);
        assert_eq!(args.declare("args"), "cpy_PyObject *const *args");
        assert_eq!(args.declare(""), "cpy_PyObject *const *");
        assert_eq!(
            ptr(named("char", true), false).declare("name"),
            "const char *name"
        );
    }

    #[test]
    fn renders_function_pointers() {
        let sig = FnSig {
            ret: ptr(named("void", false), false),
            params: vec![
                Param {
                    name: Some("ctx".into()),
                    ty: ptr(named("HPyContext", false), false),
                },
                Param {
                    name: None,
                    ty: CType::Array(Box::new(named("HPy", false))),
                },
            ],
        };
        let f = ptr(CType::Function(Box::new(sig)), false);
        assert_eq!(f.declare("get"), "void *(*get)(HPyContext *ctx, HPy[])");
        assert_eq!(f.declare(""), "void *(*)(HPyContext *ctx, HPy[])");
    }
}
