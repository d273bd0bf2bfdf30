//! `hpy/src/generated/hpyfunc.rs`: one module per signature (see `hpyfunc`) with the
//! implementation's and the trampoline's function-pointer types, their erasure to the
//! pointer types `HPyDef` stores, the trampoline's body, and the `Def` constructors: `slot`
//! (for the signature's slots only, which its type `Slot` names) and, for the four method
//! conventions, `method`.

use super::header;
use super::hpyfunc::{HPyFunc, Paths, RESULT_FIELD};
use crate::ast::CType;
use crate::model::{Abi, Def};
use crate::rust_types::{fn_head, rust_ident};

/// The calling conventions of method definitions (`HPyDef_METH`), which get a `method`
/// constructor (and a `slot` one only with slots: `HPy_tp_call` is `HPyFunc_KEYWORDS`).
const METHOD_SIGNATURES: [&str; 4] = [
    "HPyFunc_VARARGS",
    "HPyFunc_KEYWORDS",
    "HPyFunc_NOARGS",
    "HPyFunc_O",
];

/// rustfmt's default `max_width`.
const MAX_WIDTH: usize = 100;

/// rustfmt's default `struct_lit_width`: the longest struct literal body kept on one line.
const STRUCT_LIT_WIDTH: usize = 18;

/// The items of each module are in the `hpy` crate; they spell table types `ffi::X`.
const PATHS: Paths = Paths {
    table: "ffi::",
    core_ffi: "core::ffi::",
};

/// The whole file.
pub fn emit(abi: &Abi, funcs: &[HPyFunc]) -> Result<String, String> {
    let mut out = header();
    out.push_str(
        "\n//! The `HPyFunc_*` signatures of HPy 0.9 that CPython reaches through a trampoline, one\n\
         //! module each: the implementation's and the trampoline's function-pointer types, their\n\
         //! erasure to the pointer types `HPyDef` stores, the body of the trampoline, which packs\n\
         //! its arguments into the signature's `_HPyFunc_args_*` struct and hands them to the\n\
         //! context's `ctx_CallRealFunctionFromTrampoline`, and the typed `Def` constructors:\n\
         //! `slot`, which takes only a `Slot` of the signature (`binaryfunc::Slot::HPy_nb_add`), and\n\
         //! `method` for the four method conventions.\n",
    );
    for func in funcs {
        out.push('\n');
        module(&mut out, abi, func)?;
    }
    Ok(out)
}

/// `pub mod <x> { ... }` for one signature.
fn module(out: &mut String, abi: &Abi, func: &HPyFunc) -> Result<(), String> {
    let s = func.spell(&PATHS)?;
    // The trampoline's own names: `impl_` (a parameter) and `a` (the argument struct).
    if let Some((name, _)) = s
        .trampoline_params
        .iter()
        .find(|(n, _)| n == "impl_" || n == "a")
    {
        return Err(format!(
            "line {}: the trampoline of `{}` has a parameter `{name}`, a name its body uses",
            func.trampoline.line, func.enumerator
        ));
    }
    let (enumerator, args, typedef) = (func.enumerator, &func.args.name, &func.typedef.name);
    let is_method = METHOD_SIGNATURES.contains(&enumerator);
    let has_slots = !func.slots.is_empty();
    let mut uses = String::new();
    if is_method {
        uses.push_str("use core::ffi::CStr;\n\n    ");
    }
    if is_method || has_slots {
        uses.push_str("use crate::__private::Def;\n    ");
    }
    out.push_str(&format!(
        "/// `{enumerator}`: `typedef {};`\n\
         pub mod {} {{\n    \
         {uses}use crate::__private::trampoline::call_real;\n    \
         use crate::ffi;\n\n    \
         /// The implementation: `{typedef}`, without its `Option`.\n",
        func.typedef.c_source(),
        func.module,
    ));
    type_alias(out, "pub type Impl", &s.impl_params, s.impl_ret.as_deref());
    out.push_str(&format!(
        "\n    /// The CPython trampoline: the function `HPyFunc_TRAMPOLINE(SYM, IMPL, SIGNATURE)` defines,\n    \
         /// `{}`.\n",
        func.trampoline.declare("SYM")
    ));
    let types: Vec<String> = s.trampoline_params.iter().map(|(_, t)| t.clone()).collect();
    type_alias(
        out,
        "pub type Trampoline",
        &types,
        s.trampoline_ret.as_deref(),
    );
    out.push_str(&format!(
        "\n    \
         /// `{enumerator}`: the signature an `HPyDef` declares for an [`Impl`].\n    \
         pub const SIGNATURE: ffi::HPyFunc_Signature = ffi::{enumerator};\n"
    ));
    if has_slots {
        slot_type(out, func);
    }
    out.push_str(
        "\n    \
         /// Erases an [`Impl`] to the pointer type `HPyDef` stores; the runtime casts it back\n    \
         /// according to [`SIGNATURE`].\n    \
         pub const fn erase_impl(f: Impl) -> ffi::HPyCFunction {\n        \
         // SAFETY: a function pointer becomes an `Option` of another function-pointer type, which\n        \
         // has the same layout and is `Some` for every (non-null) function pointer. It is only\n        \
         // called after being cast back to `Impl`.\n        \
         unsafe { core::mem::transmute::<Impl, ffi::HPyCFunction>(f) }\n    \
         }\n\
         \n    \
         /// Erases a [`Trampoline`] to the pointer type `HPyDef` stores; CPython calls it with the\n    \
         /// arguments of a [`Trampoline`].\n    \
         pub const fn erase_trampoline(f: Trampoline) -> ffi::cpy_PyCFunction {\n        \
         // SAFETY: a function pointer becomes an `Option` of another function-pointer type, which\n        \
         // has the same layout and is `Some` for every (non-null) function pointer. It is only\n        \
         // called with the arguments of a `Trampoline`.\n        \
         unsafe { core::mem::transmute::<Trampoline, ffi::cpy_PyCFunction>(f) }\n    \
         }\n",
    );
    if has_slots {
        out.push_str(
            "\n    \
             /// A slot definition of this signature.\n    \
             ///\n    \
             /// # Safety\n    \
             /// See [`Def`].\n    \
             pub const unsafe fn slot(slot: Slot, impl_: Impl, trampoline: Trampoline) -> Def {\n        \
             // SAFETY: the erased pointers are an `Impl` and a `Trampoline` of this signature, and\n        \
             // `slot` is one of its slots.\n        \
             unsafe { Def::slot_erased(slot.0, erase_impl(impl_), erase_trampoline(trampoline)) }\n    \
             }\n",
        );
    }
    if is_method {
        out.push_str(
            "\n    \
             /// A method definition (`HPyDef_METH`) of this calling convention.\n    \
             ///\n    \
             /// # Safety\n    \
             /// See [`Def`].\n    \
             pub const unsafe fn method(\n        \
             name: &'static CStr,\n        \
             impl_: Impl,\n        \
             trampoline: Trampoline,\n        \
             doc: &'static CStr,\n    \
             ) -> Def {\n        \
             // SAFETY: the erased pointers are an `Impl` and a `Trampoline` of this calling\n        \
             // convention, which `SIGNATURE` declares.\n        \
             unsafe {\n            \
             Def::method_erased(\n                \
             name,\n                \
             SIGNATURE,\n                \
             erase_impl(impl_),\n                \
             erase_trampoline(trampoline),\n                \
             doc,\n            \
             )\n        \
             }\n    \
             }\n",
        );
    }
    let packed = func.packed_fields().count();
    let ignored = &s.trampoline_params[packed..];
    let returns = match s.trampoline_ret {
        Some(_) => "converts them, calls `impl_` and\n    /// stores the converted result",
        None => "converts them and calls `impl_`",
    };
    let but = match ignored {
        [] => String::new(),
        names => format!(
            " but {}",
            names
                .iter()
                .map(|(n, _)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.push_str(&format!(
        "\n    \
         /// The body of a [`Trampoline`]: packs the arguments{but} into\n    \
         /// `{args}` and hands them, with `impl_`, to the context's\n    \
         /// `ctx_CallRealFunctionFromTrampoline`, which {returns}.\n    \
         ///\n    \
         /// # Safety\n    \
         /// The arguments are the ones CPython passed to a [`Trampoline`] of this signature.\n    \
         #[inline(always)]\n"
    ));
    let mut params = vec!["impl_: Impl".to_string()];
    params.extend(s.trampoline_params.iter().map(|(n, t)| format!("{n}: {t}")));
    fn_decl(
        out,
        "pub unsafe fn trampoline",
        &params,
        s.trampoline_ret.as_deref(),
    );
    for (name, _) in ignored {
        out.push_str(&format!(
            "        // HPy's C trampoline does not pass `{name}` on either.\n        \
             let _ = {name};\n"
        ));
    }
    let mut inits: Vec<String> = func
        .packed_fields()
        .zip(&s.trampoline_params)
        .map(|(field, (param, _))| {
            let field = rust_ident(&field.name);
            if field == *param {
                field
            } else {
                format!("{field}: {param}")
            }
        })
        .collect();
    if let Some(result) = func.fields().find(|d| d.name == RESULT_FIELD) {
        inits.push(format!(
            "{}: {}",
            rust_ident(&result.name),
            zero(abi, &result.ty, result.line)?
        ));
    }
    struct_literal(out, &format!("let mut a = ffi::{args}"), &inits);
    out.push_str(
        "        // SAFETY: `a` is the argument struct of `SIGNATURE`, which `impl_` has; the\n        \
         // arguments are the caller's.\n        \
         unsafe { call_real(SIGNATURE, erase_impl(impl_), (&raw mut a).cast()) };\n",
    );
    if s.trampoline_ret.is_some() {
        out.push_str(&format!("        a.{RESULT_FIELD}\n"));
    }
    out.push_str("    }\n}\n");
    Ok(())
}

/// `pub struct Slot(..)` with one constant per slot of the signature.
fn slot_type(out: &mut String, func: &HPyFunc) {
    out.push_str(&format!(
        "\n    \
         /// A slot whose signature (`HPySlot_SIG(slot)` in HPy's headers) is\n    \
         /// `{}`: the slots [`slot`] accepts.\n    \
         #[derive(Clone, Copy)]\n    \
         pub struct Slot(ffi::HPySlot_Slot);\n\
         \n    \
         #[allow(non_upper_case_globals)]\n    \
         impl Slot {{\n",
        func.enumerator
    ));
    for (i, slot) in func.slots.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "        /// `{slot}`\n        \
             pub const {slot}: Slot = Slot(ffi::{slot});\n"
        ));
    }
    out.push_str("    }\n");
}

/// The value `result` starts with: the runtime overwrites it.
fn zero(abi: &Abi, ty: &CType, line: usize) -> Result<&'static str, String> {
    const INTEGERS: &[&str] = &[
        "char",
        "signed char",
        "unsigned char",
        "short",
        "unsigned short",
        "int",
        "unsigned int",
        "long",
        "unsigned long",
        "long long",
        "unsigned long long",
        "size_t",
        "intptr_t",
        "uintptr_t",
        "int8_t",
        "int16_t",
        "int32_t",
        "int64_t",
        "uint8_t",
        "uint16_t",
        "uint32_t",
        "uint64_t",
    ];
    match ty {
        CType::Pointer { to, .. } if to.is_const() => Ok("core::ptr::null()"),
        CType::Pointer { .. } => Ok("core::ptr::null_mut()"),
        CType::Named { name, .. } if INTEGERS.contains(&name.as_str()) => Ok("0"),
        CType::Named { name, .. } => match abi.defs.iter().find(|d| d.name() == name) {
            Some(Def::Alias(decl)) => zero(abi, &decl.ty, decl.line),
            Some(Def::Enum { .. }) => Ok("0"),
            Some(Def::FnPtr(_)) => Ok("None"),
            _ => Err(format!(
                "line {line}: no zero value for a `result` of type `{name}`"
            )),
        },
        CType::Array(_) | CType::Function(_) => Err(format!(
            "line {line}: no zero value for a `result` of type `{}`",
            ty.declare("")
        )),
    }
}

/// `<head> = unsafe extern "C" fn(<params>) -> <ret>;` at 4 spaces, laid out like rustfmt:
/// on one line, or the type on the next line, or one parameter per line.
fn type_alias(out: &mut String, head: &str, params: &[String], ret: Option<&str>) {
    let ty = fn_head(&params.join(", "), ret);
    let line = format!("    {head} = {ty};");
    if line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    let line = format!("        {ty};");
    if line.len() <= MAX_WIDTH {
        out.push_str(&format!("    {head} =\n{line}\n"));
        return;
    }
    out.push_str(&format!("    {head} = unsafe extern \"C\" fn(\n"));
    for p in params {
        out.push_str(&format!("        {p},\n"));
    }
    match ret {
        Some(ret) => out.push_str(&format!("    ) -> {ret};\n")),
        None => out.push_str("    );\n"),
    }
}

/// `<head>(<params>) -> <ret> {` at 4 spaces: on one line, or one parameter per line.
fn fn_decl(out: &mut String, head: &str, params: &[String], ret: Option<&str>) {
    let ret = ret.map_or(String::new(), |r| format!(" -> {r}"));
    let line = format!("    {head}({}){ret} {{", params.join(", "));
    if line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    out.push_str(&format!("    {head}(\n"));
    for p in params {
        out.push_str(&format!("        {p},\n"));
    }
    out.push_str(&format!("    ){ret} {{\n"));
}

/// `<head> { <fields> };` at 8 spaces: on one line when short, else one field per line.
fn struct_literal(out: &mut String, head: &str, fields: &[String]) {
    let body = fields.join(", ");
    let line = format!("        {head} {{ {body} }};");
    if body.len() <= STRUCT_LIT_WIDTH && line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    out.push_str(&format!("        {head} {{\n"));
    for f in fields {
        out.push_str(&format!("            {f},\n"));
    }
    out.push_str("        };\n");
}
