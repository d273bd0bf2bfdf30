//! Rust for C structs: handles, plain structs (with HPyDef's anonymous union), the
//! trampoline argument structs and the context.

use crate::ast::{Decl, Member};
use crate::model::{StructDef, is_function_pointer};
use crate::rust_types::{Uses, rust_ident, rust_type};
use crate::wrap::typed_line;

/// The Rust field that holds a struct's anonymous C union.
pub const UNION_FIELD: &str = "u";

/// The Rust type of a struct's anonymous C union: `HPyDef` → `HPyDef_u`.
pub fn union_type(struct_name: &str) -> String {
    format!("{struct_name}_{UNION_FIELD}")
}

/// A one-field handle struct; `nullable` adds `NAME_NULL` and `is_null`.
pub fn handle(
    out: &mut String,
    s: &StructDef,
    nullable: bool,
    uses: &mut Uses,
) -> Result<(), String> {
    let [Member::Field { decl, .. }] = s.members.as_slice() else {
        return Err(format!(
            "{} is tagged as a handle but is not a one-field struct",
            s.name
        ));
    };
    let tag = s.c_tag.as_ref().map_or(String::new(), |t| format!("{t} "));
    let doc = format!(
        "`typedef struct {tag}{{ {}; }} {};`",
        decl.c_source(),
        s.name
    );
    struct_item(
        out,
        &doc,
        "struct",
        &s.name,
        "Copy, Clone, Debug",
        &s.members,
        uses,
    )?;
    if nullable {
        let (name, field) = (&s.name, rust_ident(&decl.name));
        out.push_str(&format!(
            "\n/// The null `{name}` (its `{field}` is 0).\n\
             pub const {name}_NULL: {name} = {name} {{ {field}: 0 }};\n\
             \n\
             impl {name} {{\n    \
             /// Whether this is the null `{name}` (its `{field}` is 0).\n    \
             pub const fn is_null(self) -> bool {{\n        \
             self.{field} == 0\n    \
             }}\n\
             }}\n"
        ));
    }
    Ok(())
}

/// Any other struct: `#[derive(Copy, Clone)]`, plus a union type for an
/// anonymous C union.
pub fn plain(out: &mut String, s: &StructDef, uses: &mut Uses) -> Result<(), String> {
    let tag = s.c_tag.as_ref().map_or(String::new(), |t| format!("{t} "));
    let doc = format!("`typedef struct {tag}{{ ... }} {};`", s.name);
    struct_item(
        out,
        &doc,
        "struct",
        &s.name,
        "Copy, Clone",
        &s.members,
        uses,
    )?;
    for member in &s.members {
        if let Member::Union { fields, .. } = member {
            let members: Vec<Member> = fields
                .iter()
                .map(|decl| Member::Field {
                    decl: decl.clone(),
                    note: None,
                })
                .collect();
            let doc = format!("The anonymous `union {{ ... }}` of `{}`.", s.name);
            out.push('\n');
            struct_item(
                out,
                &doc,
                "union",
                &union_type(&s.name),
                "Copy, Clone",
                &members,
                uses,
            )?;
        }
    }
    Ok(())
}

/// `impl HPyContext { fn first_missing_function }`: the context's function members, each
/// tested for NULL, in table order.
pub fn context_completeness(out: &mut String, s: &StructDef) {
    out.push_str(&format!(
        "\nimpl {name} {{\n    \
         /// The name of the first function member that is NULL, if any. A context that\n    \
         /// implements the whole ABI has none: HPy's C API calls every member unchecked.\n    \
         pub fn first_missing_function(&self) -> Option<&'static str> {{\n",
        name = s.name
    ));
    for member in &s.members {
        if let Member::Field { decl, .. } = member
            && is_function_pointer(&decl.ty)
        {
            out.push_str(&format!(
                "        if self.{}.is_none() {{\n            return Some(\"{}\");\n        }}\n",
                rust_ident(&decl.name),
                decl.name
            ));
        }
    }
    out.push_str("        None\n    }\n}\n");
}

/// `#[repr(C)] pub struct|union NAME { fields }`, each field documented with its C
/// declaration.
fn struct_item(
    out: &mut String,
    doc: &str,
    keyword: &str,
    name: &str,
    derives: &str,
    members: &[Member],
    uses: &mut Uses,
) -> Result<(), String> {
    out.push_str(&format!(
        "/// {doc}\n#[repr(C)]\n#[derive({derives})]\npub {keyword} {name} {{\n"
    ));
    for member in members {
        match member {
            Member::Field { decl, note } => field(out, decl, note.as_deref(), uses)?,
            Member::Union { fields, .. } => {
                let decls: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{};", f.c_source()))
                    .collect();
                out.push_str(&format!(
                    "    /// `union {{ {} }}` (anonymous in C)\n",
                    decls.join(" ")
                ));
                out.push_str(&format!("    pub {UNION_FIELD}: {},\n", union_type(name)));
            }
        }
    }
    out.push_str("}\n");
    Ok(())
}

fn field(out: &mut String, decl: &Decl, note: Option<&str>, uses: &mut Uses) -> Result<(), String> {
    let note = note.map_or(String::new(), |n| format!(" ({n})"));
    out.push_str(&format!("    /// `{}`{note}\n", decl.c_source()));
    let ty = rust_type(&decl.ty, uses, decl.line)?;
    typed_line(
        out,
        4,
        &format!("pub {}", rust_ident(&decl.name)),
        ":",
        &ty,
        ",",
    );
    Ok(())
}
