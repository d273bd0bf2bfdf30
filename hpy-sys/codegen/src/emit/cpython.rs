//! The CPython ABI (`hpy-sys`'s feature `abi-cpython`): the context's layout there
//! (`hpy/cpython/autogen_ctx.h`: the name, the ABI version and the handles, no functions)
//! and the shim through which Rust reaches HPy's API, which that ABI defines as
//! `static inline` C functions (`hpy/cpython/autogen_api_impl.h`, `misc.h`): one
//! `HPyRs_<member>` C function per function member of the universal context, with the
//! member's parameters, calling the C function the API table names.

use crate::ast::{CType, Decl, Member};
use crate::emit::{header, structs};
use crate::model::{Abi, CONTEXT, Def, StructDef, is_function_pointer};
use crate::rust_types::{RustType, Uses, rust_ident, rust_type};
use crate::{ABI_TABLE_PATH, CPYTHON_API_PATH};

/// What the CPython ABI has for one function member of the universal context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Api {
    /// A C function of HPy's CPython ABI with the member's parameters.
    Function(String),
    /// Written in Rust by hpy-sys (`src/cpython_inline.rs`), to inline.
    Rust,
    /// None in HPy's headers: `hpy-sys/cpython/extra.c` writes `HPyRs_<member>`.
    Extra,
    /// None at all: nothing calls this member in the CPython ABI.
    Absent,
}

/// The context's function members with what the API table says of each, in table order.
pub struct ApiTable<'a> {
    pub members: Vec<(&'a Decl, Api)>,
}

/// Reads the API table (`member<TAB>function`, `#` comments) and checks that it lists
/// every function member of the context, once, in order.
pub fn api_table<'a>(abi: &'a Abi, source: &str) -> Result<ApiTable<'a>, String> {
    let context = context(abi)?;
    let functions: Vec<&Decl> = context
        .members
        .iter()
        .filter_map(|m| match m {
            Member::Field { decl, .. } if is_function_pointer(&decl.ty) => Some(decl),
            _ => None,
        })
        .collect();
    let mut rows = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let err = |what: &str| format!("{CPYTHON_API_PATH}: line {}: {what}", i + 1);
        let (member, function) = line
            .split_once('\t')
            .ok_or_else(|| err("expected `member<TAB>function`"))?;
        let api = match function {
            "rust" => Api::Rust,
            "extra" => Api::Extra,
            "-" => Api::Absent,
            f if f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !f.is_empty() => {
                Api::Function(f.to_string())
            }
            _ => return Err(err("a C function name, `rust`, `extra` or `-`")),
        };
        rows.push((i + 1, member, api));
    }
    if rows.len() != functions.len() {
        return Err(format!(
            "{CPYTHON_API_PATH}: {} rows for the {} function members of `{CONTEXT}` in {ABI_TABLE_PATH}",
            rows.len(),
            functions.len()
        ));
    }
    let mut members = Vec::new();
    for ((line, member, api), decl) in rows.into_iter().zip(functions) {
        if member != decl.name {
            return Err(format!(
                "{CPYTHON_API_PATH}: line {line}: `{member}` where the context has `{}`",
                decl.name
            ));
        }
        members.push((decl, api));
    }
    Ok(ApiTable { members })
}

/// `hpy-sys/src/generated/cpython.rs`.
pub fn rust(abi: &Abi, table: &ApiTable) -> Result<String, String> {
    let context = context(abi)?;
    let mut uses = Uses::default();
    let mut body = String::new();
    let layout = StructDef {
        name: CONTEXT.to_string(),
        c_tag: context.c_tag.clone(),
        handle: None,
        members: context
            .members
            .iter()
            .filter(|m| match m {
                Member::Field { decl, .. } => {
                    decl.name == "name" || decl.name == "abi_version" || is_handle(decl)
                }
                Member::Union { .. } => false,
            })
            .cloned()
            .collect(),
    };
    body.push_str(
        "\n// The CPython ABI's context: `hpy/cpython/autogen_ctx.h`, whose members are the\n\
         // universal context's but `_private` and the functions, in the same order.\n",
    );
    structs::plain(&mut body, &layout, &mut uses)?;
    body.push_str("\nunsafe extern \"C\" {\n");
    let mut first = true;
    for (decl, api) in &table.members {
        let through = match api {
            Api::Function(f) => format!("`{f}`, through the shim `hpy-sys/cpython/shim.c`"),
            Api::Extra => "written in `hpy-sys/cpython/extra.c`".to_string(),
            Api::Rust | Api::Absent => continue,
        };
        let RustType::FnPtr { params, ret } = rust_type(&decl.ty, &mut uses, decl.line)? else {
            unreachable!("a function member is a function pointer")
        };
        if !first {
            body.push('\n');
        }
        first = false;
        body.push_str(&format!(
            "    /// The CPython ABI's `{}`: {through}.\n    #[link_name = \"HPyRs_{}\"]\n",
            decl.name, decl.name
        ));
        let ret = ret.map_or(String::new(), |r| format!(" -> {r}"));
        let head = format!(
            "    pub fn {}({})",
            rust_ident(&decl.name),
            params.join(", ")
        );
        // As rustfmt lays out a foreign function: on one line when that is under 100
        // columns, the return type on a line of its own when the line would be exactly
        // 100, else one parameter per line.
        let width = head.len() + ret.len() + 1;
        if width < 100 {
            body.push_str(&format!("{head}{ret};\n"));
        } else if width == 100 && !ret.is_empty() {
            body.push_str(&format!("{head}\n    {};\n", ret.trim_start()));
        } else {
            body.push_str(&format!("    pub fn {}(\n", rust_ident(&decl.name)));
            for p in &params {
                body.push_str(&format!("        {p},\n"));
            }
            body.push_str(&format!("    ){ret};\n"));
        }
    }
    body.push_str("}\n");
    body.push_str(
        "\n// The functions on every call's path, written in Rust to inline (`rust` in the table).\n\
         pub use crate::cpython_inline::*;\n",
    );
    let mut out = header();
    out.push_str(&super::use_lines(&uses));
    out.push_str(&body);
    Ok(out)
}

/// `hpy-sys/cpython/shim.c`.
pub fn shim(abi: &Abi, table: &ApiTable) -> Result<String, String> {
    let mut out = header();
    out.push_str(
        "\n// The CPython ABI's HPy API as functions Rust can call: HPy defines it as `static\n\
         // inline` C functions; each `HPyRs_<member>` has the parameters of the universal\n\
         // context's member and calls the function `hpy-sys/abi/hpy-0.9.0-cpython-api.tsv`\n\
         // names. Compiled with HPY_ABI_CPYTHON by hpy-sys's build script.\n\n\
         #include <hpy.h>\n\n\
         #include <stddef.h>\n\n\
         // The context HPy's CPython ABI hands its implementations (`misc.h`).\n\
         HPyContext *HPyRs_Context(void) { return _HPyGetContext(); }\n\n\
         // `hpy_sys::cpython::HPyContext` lays these members out in this order, one after\n\
         // the other, and nothing else.\n\
         #define HANDLE(i) (2 * sizeof(void *) + (i) * sizeof(HPy))\n\
         _Static_assert(offsetof(HPyContext, name) == 0, \"name\");\n\
         _Static_assert(offsetof(HPyContext, abi_version) == sizeof(void *), \"abi_version\");\n",
    );
    let handles: Vec<&str> = context_handles(abi);
    for (i, name) in handles.iter().enumerate() {
        out.push_str(&format!(
            "_Static_assert(offsetof(HPyContext, {name}) == HANDLE({i}), \"{name}\");\n"
        ));
    }
    out.push_str(&format!(
        "_Static_assert(sizeof(HPyContext) == HANDLE({}), \"no other member\");\n",
        handles.len()
    ));
    for (decl, api) in &table.members {
        let Api::Function(function) = api else {
            continue;
        };
        let CType::Pointer { to, .. } = &decl.ty else {
            unreachable!("a function member is a function pointer")
        };
        let CType::Function(sig) = &**to else {
            unreachable!("a function member is a function pointer")
        };
        let mut args = Vec::new();
        let mut params = Vec::new();
        for (i, p) in sig.params.iter().enumerate() {
            let name = p.name.clone().unwrap_or_else(|| format!("arg{i}"));
            params.push(p.ty.declare(&name));
            args.push(name);
        }
        let head = sig
            .ret
            .declare(&format!("HPyRs_{}({})", decl.name, params.join(", ")));
        let is_void = matches!(&sig.ret, CType::Named { name, .. } if name == "void");
        let ret = if is_void { "" } else { "return " };
        out.push_str(&format!(
            "\n{head}\n{{\n    {ret}{function}({});\n}}\n",
            args.join(", ")
        ));
    }
    Ok(out)
}

/// The names of the context's `HPy h_*` members, in order.
fn context_handles(abi: &Abi) -> Vec<&str> {
    abi.context_handles
        .iter()
        .map(|(name, _)| name.as_str())
        .collect()
}

fn context(abi: &Abi) -> Result<&StructDef, String> {
    abi.defs
        .iter()
        .find_map(|d| match d {
            Def::Struct(s) if s.name == CONTEXT => Some(s),
            _ => None,
        })
        .ok_or_else(|| format!("{ABI_TABLE_PATH} has no `{CONTEXT}`"))
}

fn is_handle(decl: &Decl) -> bool {
    decl.name.starts_with("h_") && matches!(&decl.ty, CType::Named { name, .. } if name == "HPy")
}
