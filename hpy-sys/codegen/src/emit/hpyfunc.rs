//! The `HPyFunc_*` signatures reached through a CPython trampoline, shared by
//! `hpy/src/generated/hpyfunc.rs` (their types, erasers and trampoline bodies: see
//! `hpyfunc_hpy`) and `hpy-macros/src/generated/hpyfunc.rs` (the same signatures as data
//! for the proc-macros: see `hpyfunc_macros`).
//!
//! A signature is an enumerator `HPyFunc_X` of `HPyFunc_Signature` for which the table has
//! the implementation's typedef `HPyFunc_x` (`X` lowercased), the argument struct
//! `_HPyFunc_args_X` a trampoline packs for `ctx_CallRealFunctionFromTrampoline`, and the
//! trampoline `trampoline <ret> HPyFunc_X(<params>);` (what HPy's `HPyFunc_TRAMPOLINE`
//! defines). Its slots are the enumerators `S` of `HPySlot_Slot` whose constant
//! `_HPySlot_SIG__S` (HPy's `HPySlot_SIG(S)`) is `HPyFunc_X`.

use std::collections::HashMap;

use crate::ast::{CType, ConstValue, Decl, FnSig, Member, Trampoline};
use crate::model::{Abi, CONTEXT, Def, StructDef};
use crate::rust_types::{Uses, rust_ident, rust_type};

/// The enum whose enumerators name the signatures.
const SIGNATURE_ENUM: &str = "HPyFunc_Signature";

/// The enum whose enumerators name the slots.
const SLOT_ENUM: &str = "HPySlot_Slot";

/// The prefix of the constant that gives a slot's signature: `_HPySlot_SIG__HPy_nb_add`.
const SLOT_SIGNATURE_PREFIX: &str = "_HPySlot_SIG__";

/// The field of an argument struct the runtime stores the converted result in.
pub const RESULT_FIELD: &str = "result";

/// The signatures and the slots of the table.
pub struct Signatures<'a> {
    /// Every signature with a typedef, an argument struct and a trampoline, in the enum's
    /// order.
    pub funcs: Vec<HPyFunc<'a>>,
    /// Every slot (`HPy_nb_add`) with its signature's enumerator (`HPyFunc_BINARYFUNC`), in
    /// the order of `HPySlot_Slot`; some signatures (`HPyFunc_DESTROYFUNC`) are not in `funcs`.
    pub slots: Vec<(&'a str, &'a str)>,
}

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
    /// `trampoline cpy_PyObject *HPyFunc_BINARYFUNC(cpy_PyObject *arg0, cpy_PyObject *arg1);`
    pub trampoline: &'a Trampoline,
    /// The slots of this signature (`HPy_mp_subscript`, `HPy_nb_add`, ...), in the order of
    /// `HPySlot_Slot`.
    pub slots: Vec<&'a str>,
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
    /// The trampoline's parameters, in order: (Rust name, type).
    pub trampoline_params: Vec<(String, String)>,
    /// The trampoline's return type (that of `result`); `None` for `void`.
    pub trampoline_ret: Option<String>,
}

/// Every signature with a typedef, an argument struct and a trampoline, and every slot.
pub fn signatures(abi: &Abi) -> Result<Signatures<'_>, String> {
    let values = abi.enumerators(SIGNATURE_ENUM);
    if values.is_empty() {
        return Err(format!(
            "the table does not define the enum `{SIGNATURE_ENUM}`"
        ));
    }
    let slots = slot_signatures(abi)?;
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
        // Without an argument struct there is nothing to pack: `HPyFunc_DESTROYFUNC`, whose
        // trampoline aborts (HPy calls `tp_destroy` itself).
        let Some(args) = abi.defs.iter().find_map(|d| match d {
            Def::Struct(s) if s.name == args_name => Some(s),
            _ => None,
        }) else {
            continue;
        };
        let Some(typedef) = abi.defs.iter().find_map(|d| match d {
            Def::FnPtr(decl) if decl.name == typedef_name => Some(decl),
            _ => None,
        }) else {
            return Err(format!(
                "`{args_name}` has no implementation typedef `{typedef_name}`"
            ));
        };
        let Some(trampoline) = abi.trampolines.iter().find(|t| t.signature == *enumerator) else {
            return Err(format!(
                "`{args_name}` has no `trampoline <ret> {enumerator}(<params>);`"
            ));
        };
        check_packing(args, trampoline)?;
        funcs.push(HPyFunc {
            enumerator,
            module,
            typedef,
            args,
            trampoline,
            slots: slots
                .iter()
                .filter(|(_, sig)| sig == enumerator)
                .map(|(slot, _)| *slot)
                .collect(),
        });
    }
    if funcs.is_empty() {
        return Err(format!(
            "no enumerator `HPyFunc_X` of `{SIGNATURE_ENUM}` has a struct `_HPyFunc_args_X`"
        ));
    }
    Ok(Signatures { funcs, slots })
}

/// `(slot, signature)` for each `const HPyFunc_Signature _HPySlot_SIG__<slot> = <signature>;`,
/// in the order of `HPySlot_Slot`, which must have one for each of its enumerators.
fn slot_signatures(abi: &Abi) -> Result<Vec<(&str, &str)>, String> {
    let slot_enum = abi.enumerators(SLOT_ENUM);
    let mut by_slot = HashMap::new();
    for def in &abi.defs {
        let Def::IntConst { decl, value } = def else {
            continue;
        };
        let Some(slot) = decl.name.strip_prefix(SLOT_SIGNATURE_PREFIX) else {
            continue;
        };
        let is_signature = matches!(&decl.ty, CType::Named { name, .. } if name == SIGNATURE_ENUM);
        let (ConstValue::Enumerator(signature), true) = (value, is_signature) else {
            let (line, name) = (decl.line, &decl.name);
            return Err(format!(
                "line {line}: `{name}` must be `const {SIGNATURE_ENUM} {name} = HPyFunc_X;`"
            ));
        };
        if !slot_enum.iter().any(|(s, _)| s == slot) {
            return Err(format!(
                "line {}: `{slot}` is not an enumerator of `{SLOT_ENUM}`",
                decl.line
            ));
        }
        by_slot.insert(slot, signature.as_str());
    }
    slot_enum
        .iter()
        .map(|(slot, _)| match by_slot.get(slot.as_str()) {
            Some(signature) => Ok((slot.as_str(), *signature)),
            None => Err(format!(
                "the slot `{slot}` has no `const {SIGNATURE_ENUM} {SLOT_SIGNATURE_PREFIX}{slot} = HPyFunc_X;`"
            )),
        })
        .collect()
}

/// The trampoline can pack its parameters into the argument struct: the struct has no
/// union, every field but `result` has a named parameter at its position, and `result`
/// has the trampoline's return type (and is missing when it returns `void`). Whether each
/// parameter's type is its field's is left to rustc, which compiles the packing.
fn check_packing(args: &StructDef, trampoline: &Trampoline) -> Result<(), String> {
    let (name, signature, line) = (&args.name, &trampoline.signature, trampoline.line);
    let mut fields = Vec::new();
    for member in &args.members {
        match member {
            Member::Field { decl, .. } => fields.push(decl),
            Member::Union { .. } => return Err(format!("`{name}` cannot contain a union")),
        }
    }
    let packed = fields.iter().filter(|d| d.name != RESULT_FIELD).count();
    if trampoline.sig.params.len() < packed {
        return Err(format!(
            "line {line}: the trampoline of `{signature}` has fewer parameters than `{name}` has fields to pack"
        ));
    }
    if trampoline.sig.params.iter().any(|p| p.name.is_none()) {
        return Err(format!(
            "line {line}: the parameters of the trampoline of `{signature}` need names"
        ));
    }
    let result = fields
        .iter()
        .find(|d| d.name == RESULT_FIELD)
        .map(|d| &d.ty);
    let void = CType::Named {
        name: "void".into(),
        is_const: false,
    };
    let ret = &trampoline.sig.ret;
    if result.unwrap_or(&void) != ret {
        return Err(format!(
            "line {line}: the trampoline of `{signature}` returns `{}`, but `{name}` has {}",
            ret.declare(""),
            result.map_or("no `result`".to_string(), |t| format!(
                "a `result` of type `{}`",
                t.declare("")
            ))
        ));
    }
    Ok(())
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

    /// The argument struct's fields but `result`, in order: the trampoline packs its
    /// parameters into them one by one, and passes on none of the remaining ones.
    pub fn packed_fields(&self) -> impl Iterator<Item = &Decl> {
        self.fields().filter(|d| d.name != RESULT_FIELD)
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
        let tsig = &self.trampoline.sig;
        let line = self.trampoline.line;
        let mut trampoline_params = Vec::new();
        for p in &tsig.params {
            let name = p.name.as_deref().map_or_else(String::new, rust_ident);
            trampoline_params.push((name, spell(&p.ty, paths, line)?));
        }
        let trampoline_ret = match &tsig.ret {
            CType::Named { name, .. } if name == "void" => None,
            ret => Some(spell(ret, paths, line)?),
        };
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
        trampoline cpy_PyObject *HPyFunc_NOARGS(cpy_PyObject *self);\n\
        trampoline void HPyFunc_DESTROYFUNC(void);\n\
        typedef struct { cpy_PyObject *self; size_t n; } _HPyFunc_args_TRAVERSE;\n\
        trampoline void HPyFunc_TRAVERSE(cpy_PyObject *self, size_t n, int extra);\n\
        typedef enum { S_A = 1, S_B, S_C } HPySlot_Slot;\n\
        const HPyFunc_Signature _HPySlot_SIG__S_A = HPyFunc_TRAVERSE;\n\
        const HPyFunc_Signature _HPySlot_SIG__S_C = HPyFunc_TRAVERSE;\n";

    /// The constant [`TABLE`] lacks.
    const LAST_SLOT: &str = "const HPyFunc_Signature _HPySlot_SIG__S_B = HPyFunc_DESTROYFUNC;\n";

    fn abi() -> Abi {
        Abi::build(parse(&format!("{TABLE}{LAST_SLOT}")).unwrap()).unwrap()
    }

    #[test]
    fn pairs_typedefs_with_argument_structs_and_trampolines() {
        let abi = abi();
        let sigs = signatures(&abi).unwrap();
        let names: Vec<(&str, &str)> = sigs
            .funcs
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
        assert_eq!(
            sigs.slots,
            [
                ("S_A", "HPyFunc_TRAVERSE"),
                ("S_B", "HPyFunc_DESTROYFUNC"),
                ("S_C", "HPyFunc_TRAVERSE")
            ]
        );
        assert!(sigs.funcs[0].slots.is_empty());
        assert_eq!(sigs.funcs[1].slots, ["S_A", "S_C"]);
        let packed: Vec<&str> = sigs.funcs[1]
            .packed_fields()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(packed, ["self", "n"]);
    }

    #[test]
    fn spells_both_sides() {
        let abi = abi();
        let funcs = signatures(&abi).unwrap().funcs;
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
        // The trampoline's parameters, `extra` included, which is packed into no field.
        assert_eq!(traverse.trampoline_params[1], ("n".into(), "usize".into()));
        assert_eq!(
            traverse.trampoline_params[2],
            ("extra".into(), "::core::ffi::c_int".into())
        );
        assert_eq!(traverse.trampoline_ret, None);
    }

    #[test]
    fn reports_what_cannot_be_generated() {
        let error = |table: &str| {
            let abi = Abi::build(parse(table).unwrap()).unwrap();
            signatures(&abi).err().unwrap()
        };
        assert_eq!(
            error(TABLE),
            "the slot `S_B` has no `const HPyFunc_Signature _HPySlot_SIG__S_B = HPyFunc_X;`"
        );
        let complete = format!("{TABLE}{LAST_SLOT}");
        assert_eq!(
            error(&format!("{complete}const int _HPySlot_SIG__S_D = 4;")),
            "line 18: `_HPySlot_SIG__S_D` must be `const HPyFunc_Signature _HPySlot_SIG__S_D = HPyFunc_X;`"
        );
        let no_trampoline = complete.replace(
            "trampoline cpy_PyObject *HPyFunc_NOARGS(cpy_PyObject *self);\n",
            "",
        );
        assert_eq!(
            error(&no_trampoline),
            "`_HPyFunc_args_NOARGS` has no `trampoline <ret> HPyFunc_NOARGS(<params>);`"
        );
        let void = complete.replace("cpy_PyObject *HPyFunc_NOARGS(", "void HPyFunc_NOARGS(");
        assert_eq!(
            error(&void),
            "line 10: the trampoline of `HPyFunc_NOARGS` returns `void`, but `_HPyFunc_args_NOARGS` has a `result` of type `cpy_PyObject *`"
        );
        let short = complete.replace(", size_t n, int extra", "");
        assert_eq!(
            error(&short),
            "line 13: the trampoline of `HPyFunc_TRAVERSE` has fewer parameters than `_HPyFunc_args_TRAVERSE` has fields to pack"
        );
    }
}
