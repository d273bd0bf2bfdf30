//! Rust for the simple definitions: constants, typedefs, enums, opaque types.

use crate::ast::Decl;
use crate::rust_types::{RustType, Uses, rust_type};
use crate::wrap::typed_line;

/// `pub const NAME: <type> = <value>;`, the value an integer literal or an enumerator.
pub fn int_const(
    out: &mut String,
    decl: &Decl,
    value: &str,
    uses: &mut Uses,
) -> Result<(), String> {
    let ty = rust_type(&decl.ty, uses, decl.line)?.one_line();
    let c_type = decl.ty.declare("");
    let c_type = c_type.trim_start_matches("const ");
    out.push_str(&format!(
        "/// `#define {} {value}` (C type `{c_type}`)\n",
        decl.name
    ));
    out.push_str(&format!("pub const {}: {ty} = {value};\n", decl.name));
    Ok(())
}

/// `pub const NAME: &CStr = c"...";`
pub fn str_const(out: &mut String, name: &str, value: &str) {
    out.push_str(&format!("/// `#define {name} \"{value}\"`\n"));
    out.push_str(&format!(
        "pub const {name}: &core::ffi::CStr = c\"{value}\";\n"
    ));
}

/// `pub type NAME = <scalar>;`
pub fn alias(out: &mut String, decl: &Decl, uses: &mut Uses) -> Result<(), String> {
    let ty = rust_type(&decl.ty, uses, decl.line)?.one_line();
    out.push_str(&format!("/// `typedef {};`\n", decl.c_source()));
    out.push_str(&format!("pub type {} = {ty};\n", decl.name));
    Ok(())
}

/// `pub type NAME = Option<unsafe extern "C" fn(...) -> R>;`
pub fn fn_ptr(out: &mut String, decl: &Decl, uses: &mut Uses) -> Result<(), String> {
    let ty: RustType = rust_type(&decl.ty, uses, decl.line)?;
    out.push_str(&format!("/// `typedef {};`\n", decl.c_source()));
    typed_line(out, 0, &format!("pub type {}", decl.name), " =", &ty, ";");
    Ok(())
}

/// A C enum, bindgen "consts" style: `pub type NAME = c_int;` and one constant per
/// value.
pub fn enumeration(out: &mut String, name: &str, values: &[(String, i64)], uses: &mut Uses) {
    uses.ffi.insert("c_int");
    out.push_str(&format!(
        "/// `typedef enum {{ ... }} {name};` (a C `int`)\n"
    ));
    out.push_str(&format!("pub type {name} = c_int;\n"));
    for (value_name, value) in values {
        out.push_str(&format!("/// `{value_name} = {value}`\n"));
        out.push_str(&format!("pub const {value_name}: {name} = {value};\n"));
    }
}

/// A type C only declares (`typedef struct TAG NAME;`): usable behind pointers only.
pub fn opaque(out: &mut String, name: &str, c_tag: &str) {
    out.push_str(&format!(
        "/// `typedef struct {c_tag} {name};`: opaque, only ever used behind a pointer.\n\
         #[repr(C)]\n\
         pub struct {name} {{\n    \
         _opaque: [u8; 0],\n    \
         _marker: core::marker::PhantomData<(*mut u8, core::marker::PhantomPinned)>,\n\
         }}\n"
    ));
}
