//! The `HPyFunc_*` signatures reached through a CPython trampoline, shared by
//! `hpy/src/generated/hpyfunc.rs` (their types, erasers and trampoline bodies: see
//! `hpyfunc_hpy`) and `hpy-macros/src/generated/hpyfunc.rs` (the same signatures as data
//! for the proc-macros: see `hpyfunc_macros`).
//!
//! A signature is an enumerator `HPyFunc_X` of `HPyFunc_Signature` for which the table has
//! both the implementation's typedef `HPyFunc_x` (`X` lowercased) and the argument struct
//! `_HPyFunc_args_X` a trampoline packs for `ctx_CallRealFunctionFromTrampoline`.

use crate::ast::{CType, Decl, FnSig, Member};
use crate::model::{Abi, CONTEXT, Def, StructDef};
use crate::rust_types::{Uses, rust_ident, rust_type};

/// The enum whose enumerators name the signatures.
const SIGNATURE_ENUM: &str = "HPyFunc_Signature";

/// The field of an argument struct the runtime stores the converted result in.
pub const RESULT_FIELD: &str = "result";

/// One signature, as the table defines it.
pub struct HPyFunc<'a> {
    /// `HPyFunc_BINARYFUNC`
    pub enumerator: &'a str,
    /// `binaryfunc`: the typedef's suffix, and the name of the generated modules.
    pub module: String,
    /// `typedef HPy (*HPyFunc_binaryfunc)(HPyContext *ctx, HPy, HPy);`
    pub typedef: &'a Decl,
    /// `_HPyFunc_args_BINARYFUNC`
    pub args: &'a StructDef,
}

/// How generated code spells a type: the prefixes of the names the table defines and of
/// the `core::ffi` names. Other built-in types (`usize`, `i32`, ...) need none.
pub struct Paths {
    /// `ffi::`, `::hpy::ffi::`
    pub table: &'static str,
    /// `core::ffi::`, `::core::ffi::`
    pub core_ffi: &'static str,
}

/// A signature's Rust types, spelled with some [`Paths`].
pub struct Spelled {
    /// Whether the implementation's first parameter is the `HPyContext *`.
    pub takes_context: bool,
    /// Every parameter of the implementation, the context included.
    pub impl_params: Vec<String>,
    /// `None` for `void`.
    pub impl_ret: Option<String>,
    /// The argument struct's fields but `result`, in order: (Rust name, type).
    pub trampoline_params: Vec<(String, String)>,
    /// The type of `result`; `None` when the struct has no such field.
    pub trampoline_ret: Option<String>,
}

/// Every signature with both a typedef and an argument struct, in the enum's order.
pub fn signatures(abi: &Abi) -> Result<Vec<HPyFunc<'_>>, String> {
    let Some(values) = abi.defs.iter().find_map(|d| match d {
        Def::Enum { name, values } if name == SIGNATURE_ENUM => Some(values),
        _ => None,
    }) else {
        return Err(format!(
            "the table does not define the enum `{SIGNATURE_ENUM}`"
        ));
    };
    let mut funcs = Vec::new();
    for (enumerator, _) in values {
        let Some(suffix) = enumerator.strip_prefix("HPyFunc_") else {
            return Err(format!(
                "the enumerator `{enumerator}` of `{SIGNATURE_ENUM}` does not start with `HPyFunc_`"
            ));
        };
        let module = suffix.to_ascii_lowercase();
        let (typedef_name, args_name) = (
            format!("HPyFunc_{module}"),
            format!("_HPyFunc_args_{suffix}"),
        );
        let typedef = abi.defs.iter().find_map(|d| match d {
            Def::FnPtr(decl) if decl.name == typedef_name => Some(decl),
            _ => None,
        });
        let args = abi.defs.iter().find_map(|d| match d {
            Def::Struct(s) if s.name == args_name => Some(s),
            _ => None,
        });
        if let (Some(typedef), Some(args)) = (typedef, args) {
            if args
                .members
                .iter()
                .any(|m| matches!(m, Member::Union { .. }))
            {
                return Err(format!("`{args_name}` cannot contain a union"));
            }
            funcs.push(HPyFunc {
                enumerator,
                module,
                typedef,
                args,
            });
        }
    }
    if funcs.is_empty() {
        return Err(format!(
            "no enumerator `HPyFunc_X` of `{SIGNATURE_ENUM}` has both a typedef `HPyFunc_x` and a struct `_HPyFunc_args_X`"
        ));
    }
    Ok(funcs)
}

impl HPyFunc<'_> {
    /// The implementation's C signature.
    pub fn sig(&self) -> &FnSig {
        match &self.typedef.ty {
            CType::Pointer { to, .. } => match &**to {
                CType::Function(sig) => sig,
                _ => unreachable!("a `Def::FnPtr` is a pointer to a function"),
            },
            _ => unreachable!("a `Def::FnPtr` is a pointer to a function"),
        }
    }

    /// The argument struct's fields, `result` included.
    pub fn fields(&self) -> impl Iterator<Item = &Decl> {
        self.args.members.iter().filter_map(|m| match m {
            Member::Field { decl, .. } => Some(decl),
            Member::Union { .. } => None,
        })
    }

    /// The types of the signature, spelled with `paths`.
    pub fn spell(&self, paths: &Paths) -> Result<Spelled, String> {
        let sig = self.sig();
        let line = self.typedef.line;
        let impl_params = sig
            .params
            .iter()
            .map(|p| spell(&p.ty, paths, line))
            .collect::<Result<Vec<_>, _>>()?;
        let context = CType::Pointer {
            to: Box::new(CType::Named {
                name: CONTEXT.into(),
                is_const: false,
            }),
            is_const: false,
        };
        let takes_context = sig.params.first().is_some_and(|p| p.ty == context);
        let impl_ret = match &sig.ret {
            CType::Named { name, .. } if name == "void" => None,
            ret => Some(spell(ret, paths, line)?),
        };
        let mut trampoline_params = Vec::new();
        let mut trampoline_ret = None;
        for decl in self.fields() {
            let ty = spell(&decl.ty, paths, decl.line)?;
            if decl.name == RESULT_FIELD {
                trampoline_ret = Some(ty);
            } else {
                trampoline_params.push((rust_ident(&decl.name), ty));
            }
        }
        Ok(Spelled {
            takes_context,
            impl_params,
            impl_ret,
            trampoline_params,
            trampoline_ret,
        })
    }
}

/// A parameter, field or return type, spelled with `paths`. Function types must be
/// behind a typedef.
pub fn spell(ty: &CType, paths: &Paths, line: usize) -> Result<String, String> {
    match ty {
        CType::Named { .. } => {
            let mut uses = Uses::default();
            let rust = rust_type(ty, &mut uses, line)?.one_line();
            if rust.contains("::") {
                return Err(format!(
                    "line {line}: `{}` cannot be spelled in an HPyFunc signature",
                    ty.declare("")
                ));
            }
            Ok(if uses.table {
                format!("{}{rust}", paths.table)
            } else if uses.ffi.is_empty() {
                rust
            } else {
                format!("{}{rust}", paths.core_ffi)
            })
        }
        CType::Pointer { to, .. } | CType::Array(to) => {
            let target = match &**to {
                CType::Named { name, .. } if name == "void" => format!("{}c_void", paths.core_ffi),
                other => spell(other, paths, line)?,
            };
            let kind = if to.is_const() { "*const" } else { "*mut" };
            Ok(format!("{kind} {target}"))
        }
        CType::Function(_) => Err(format!(
            "line {line}: a function type in an HPyFunc signature must be a typedef"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    const TABLE: &str = "typedef struct _HPy_s { intptr_t _i; } HPy; /* handle nullable */\n\
        typedef struct _HPyContext_s HPyContext;\n\
        struct _HPyContext_s { int v; };\n\
        typedef struct _object cpy_PyObject;\n\
        typedef enum { HPyFunc_NOARGS = 3, HPyFunc_DESTROYFUNC, HPyFunc_TRAVERSE } HPyFunc_Signature;\n\
        typedef HPy (*HPyFunc_noargs)(HPyContext *ctx, HPy self);\n\
        typedef void (*HPyFunc_destroyfunc)(void *);\n\
        typedef int (*HPyFunc_traverse)(void *object, const char *const *names);\n\
        typedef struct { cpy_PyObject *self; cpy_PyObject *result; } _HPyFunc_args_NOARGS;\n\
        typedef struct { cpy_PyObject *self; size_t n; } _HPyFunc_args_TRAVERSE;\n";

    fn abi() -> Abi {
        Abi::build(parse(TABLE).unwrap()).unwrap()
    }

    #[test]
    fn pairs_typedefs_with_argument_structs() {
        let abi = abi();
        let funcs = signatures(&abi).unwrap();
        let names: Vec<(&str, &str)> = funcs
            .iter()
            .map(|f| (f.enumerator, f.module.as_str()))
            .collect();
        // DESTROYFUNC has no argument struct.
        assert_eq!(
            names,
            [
                ("HPyFunc_NOARGS", "noargs"),
                ("HPyFunc_TRAVERSE", "traverse")
            ]
        );
    }

    #[test]
    fn spells_both_sides() {
        let abi = abi();
        let funcs = signatures(&abi).unwrap();
        let paths = Paths {
            table: "::hpy::ffi::",
            core_ffi: "::core::ffi::",
        };
        let noargs = funcs[0].spell(&paths).unwrap();
        assert!(noargs.takes_context);
        assert_eq!(
            noargs.impl_params,
            ["*mut ::hpy::ffi::HPyContext", "::hpy::ffi::HPy"]
        );
        assert_eq!(noargs.impl_ret.as_deref(), Some("::hpy::ffi::HPy"));
        assert_eq!(
            noargs.trampoline_params,
            [(
                "self_".to_string(),
                "*mut ::hpy::ffi::cpy_PyObject".to_string()
            )]
        );
        assert_eq!(
            noargs.trampoline_ret.as_deref(),
            Some("*mut ::hpy::ffi::cpy_PyObject")
        );
        let traverse = funcs[1].spell(&paths).unwrap();
        assert!(!traverse.takes_context);
        assert_eq!(
            traverse.impl_params,
            [
                "*mut ::core::ffi::c_void",
                "*const *const ::core::ffi::c_char"
            ]
        );
        assert_eq!(traverse.impl_ret.as_deref(), Some("::core::ffi::c_int"));
        assert_eq!(traverse.trampoline_params[1], ("n".into(), "usize".into()));
        assert_eq!(traverse.trampoline_ret, None);
    }
}
