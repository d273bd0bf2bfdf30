//! C → Rust: types, and names that are Rust keywords.

use std::collections::BTreeSet;

use crate::ast::{CType, FnSig};

/// Built-in C scalar types and their Rust spelling. Names starting with `c_` come
/// from `core::ffi`.
const SCALARS: &[(&str, &str)] = &[
    ("void", "c_void"),
    ("char", "c_char"),
    ("signed char", "c_schar"),
    ("unsigned char", "c_uchar"),
    ("short", "c_short"),
    ("unsigned short", "c_ushort"),
    ("int", "c_int"),
    ("unsigned int", "c_uint"),
    ("long", "c_long"),
    ("unsigned long", "c_ulong"),
    ("long long", "c_longlong"),
    ("unsigned long long", "c_ulonglong"),
    ("float", "f32"),
    ("double", "f64"),
    ("bool", "bool"),
    ("size_t", "usize"),
    ("intptr_t", "isize"),
    ("uintptr_t", "usize"),
    ("int8_t", "i8"),
    ("int16_t", "i16"),
    ("int32_t", "i32"),
    ("int64_t", "i64"),
    ("uint8_t", "u8"),
    ("uint16_t", "u16"),
    ("uint32_t", "u32"),
    ("uint64_t", "u64"),
    ("wchar_t", "libc::wchar_t"),
];

/// Rust keywords (strict and reserved) that a C name might collide with.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a C type the generator knows without a table definition.
pub fn is_builtin(name: &str) -> bool {
    SCALARS.iter().any(|(c, _)| *c == name)
}

/// The Rust identifier for a C field or parameter name: keywords get a trailing `_`
/// (`impl` → `impl_`, `type` → `type_`, `self` → `self_`).
pub fn rust_ident(c_name: &str) -> String {
    if KEYWORDS.contains(&c_name) {
        format!("{c_name}_")
    } else {
        c_name.to_string()
    }
}

/// The `core::ffi` names a generated file uses, so it can import them.
#[derive(Default)]
pub struct Uses {
    pub ffi: BTreeSet<&'static str>,
    /// Whether the file names a type defined by the table.
    pub table: bool,
}

/// A Rust type: either one piece of text, or a C function pointer, which the
/// writer may need to wrap over several lines.
pub enum RustType {
    Simple(String),
    FnPtr {
        params: Vec<String>,
        ret: Option<String>,
    },
}

impl RustType {
    /// The whole type on one line.
    pub fn one_line(&self) -> String {
        match self {
            RustType::Simple(s) => s.clone(),
            RustType::FnPtr { params, ret } => {
                format!("Option<{}>", fn_head(&params.join(", "), ret.as_deref()))
            }
        }
    }
}

/// `unsafe extern "C" fn(<params>) -> <ret>`
pub fn fn_head(params: &str, ret: Option<&str>) -> String {
    match ret {
        Some(ret) => format!("unsafe extern \"C\" fn({params}) -> {ret}"),
        None => format!("unsafe extern \"C\" fn({params})"),
    }
}

/// Maps a field, typedef or parameter type. `line` is for errors.
pub fn rust_type(ty: &CType, uses: &mut Uses, line: usize) -> Result<RustType, String> {
    if let CType::Pointer { to, .. } = ty
        && let CType::Function(sig) = &**to
    {
        return fn_ptr(sig, uses, line);
    }
    Ok(RustType::Simple(value_type(ty, uses, line)?))
}

fn fn_ptr(sig: &FnSig, uses: &mut Uses, line: usize) -> Result<RustType, String> {
    let mut params = Vec::new();
    for (i, p) in sig.params.iter().enumerate() {
        let name = p
            .name
            .as_deref()
            .map_or_else(|| format!("arg{i}"), rust_ident);
        params.push(format!(
            "{name}: {}",
            rust_type(&p.ty, uses, line)?.one_line()
        ));
    }
    let ret = match &sig.ret {
        CType::Named { name, .. } if name == "void" => None,
        other => Some(rust_type(other, uses, line)?.one_line()),
    };
    Ok(RustType::FnPtr { params, ret })
}

/// A type that is not a function pointer.
fn value_type(ty: &CType, uses: &mut Uses, line: usize) -> Result<String, String> {
    match ty {
        CType::Named { name, .. } if name == "void" => Err(format!(
            "line {line}: `void` is only allowed behind a pointer or as a return type"
        )),
        CType::Named { name, .. } => Ok(named(name, uses)),
        CType::Pointer { to, .. } | CType::Array(to) => {
            let target = match &**to {
                CType::Named { name, .. } if name == "void" => named(name, uses),
                other => rust_type(other, uses, line)?.one_line(),
            };
            let kind = if to.is_const() { "*const" } else { "*mut" };
            Ok(format!("{kind} {target}"))
        }
        CType::Function(_) => Err(format!(
            "line {line}: a function type must be behind a pointer"
        )),
    }
}

fn named(name: &str, uses: &mut Uses) -> String {
    match SCALARS.iter().find(|(c, _)| *c == name) {
        Some((_, rust)) => {
            if rust.starts_with("c_") {
                uses.ffi.insert(rust);
            }
            rust.to_string()
        }
        None => {
            uses.table = true;
            name.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Item;
    use crate::parser::parse;

    fn map(decl: &str) -> String {
        let items = parse(&format!("typedef {decl};")).unwrap();
        let Item::Typedef(d) = &items[0] else {
            panic!()
        };
        rust_type(&d.ty, &mut Uses::default(), 1)
            .unwrap()
            .one_line()
    }

    #[test]
    fn maps_pointers_and_scalars() {
        assert_eq!(map("const char *x"), "*const c_char");
        assert_eq!(map("void **x"), "*mut *mut c_void");
        assert_eq!(map("cpy_PyObject *const *x"), "*const *mut cpy_PyObject");
        assert_eq!(map("const wchar_t *x"), "*const libc::wchar_t");
        assert_eq!(map("unsigned long x"), "c_ulong");
    }

    #[test]
    fn maps_function_pointers() {
        assert_eq!(
            map("void *(*f)()"),
            "Option<unsafe extern \"C\" fn() -> *mut c_void>"
        );
        assert_eq!(
            map("void (*f)(HPyContext *ctx, HPy self, HPy items[], int)"),
            "Option<unsafe extern \"C\" fn(ctx: *mut HPyContext, self_: HPy, items: *mut HPy, arg3: c_int)>"
        );
    }
}
