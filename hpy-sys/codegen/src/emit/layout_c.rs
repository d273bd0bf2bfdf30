//! `hpy-sys/tests/layout/layout.c`: compiled against the installed HPy headers, it
//! fails to compile if a type in the table differs from the header's, if a constant
//! the table gives as an enumerator is another, or if a trampoline HPy's
//! `HPyFunc_TRAMPOLINE` defines has another type than the table's `trampoline`
//! declaration; it prints the size, alignment, offset and value of everything in the
//! table.

use super::header;
use super::layout::{Entry, entries};
use crate::ast::{ConstValue, Member, Trampoline};
use crate::model::{Abi, Def};

/// The variable HPy's trampolines read the context from; `HPy_MODINIT` defines it in a
/// module, and `hpymodule.h` only declares it.
const TRAMPOLINE_CONTEXT: &str = "_ctx_for_trampolines";

/// The whole C program.
pub fn emit(abi: &Abi) -> String {
    let mut out = header();
    out.push_str(
        "//\n\
         // Build: cc -DHPY_ABI_UNIVERSAL -I<hpy include dir> layout.c (hpy-sys/tests/layout.rs does).\n\
         \n\
         #if !defined(HPY_ABI_UNIVERSAL)\n\
         #error \"compile with -DHPY_ABI_UNIVERSAL\"\n\
         #endif\n\
         \n\
         #include <stddef.h>\n\
         #include <stdio.h>\n\
         \n\
         #include \"hpy.h\"\n\
         \n\
         // Every typedef and struct field has exactly the type the table gives it.\n",
    );
    for def in &abi.defs {
        type_checks(&mut out, def);
    }
    out.push_str(&format!(
        "\n\
         // Every trampoline is the function HPy's own macro defines, with the type the table gives\n\
         // it. The implementation is only cast to HPyCFunction, so a null one will do.\n\
         HPyContext *{TRAMPOLINE_CONTEXT};\n"
    ));
    for trampoline in &abi.trampolines {
        trampoline_check(&mut out, trampoline);
    }
    out.push_str("\nint main(void) {\n");
    for entry in entries(abi) {
        let key = entry.key();
        let line = match &entry {
            Entry::Size(t) => format!("printf(\"{key} %zu\\n\", sizeof({t}));"),
            Entry::Align(t) => format!("printf(\"{key} %zu\\n\", _Alignof({t}));"),
            Entry::Offset { strct, field, .. } => {
                format!(
                    "printf(\"{key} %zu\\n\", offsetof({strct}, {}));",
                    field.name
                )
            }
            Entry::Value(n) => format!("printf(\"{key} %lld\\n\", (long long)({n}));"),
            Entry::Str(n) => format!("printf(\"{key} %s\\n\", {n});"),
        };
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str("    return 0;\n}\n");
    out
}

/// `_Static_assert(__builtin_types_compatible_p(a, b), ...)`
fn same_type(out: &mut String, a: &str, b: &str, what: &str) {
    out.push_str(&format!(
        "_Static_assert(__builtin_types_compatible_p({a}, {b}), \"{what}: the table says {b}\");\n"
    ));
}

/// Expands `HPyFunc_TRAMPOLINE` for the trampoline's signature, and checks the function's
/// type.
fn trampoline_check(out: &mut String, trampoline: &Trampoline) {
    let signature = &trampoline.signature;
    let sym = format!("hpyrs_trampoline_{signature}");
    out.push_str(&format!("HPyFunc_TRAMPOLINE({sym}, 0, {signature})\n"));
    same_type(
        out,
        &format!("__typeof__(&{sym})"),
        &trampoline.pointer_type().declare(""),
        &format!("the trampoline of {signature}"),
    );
}

/// The `_Static_assert`s for one definition.
fn type_checks(out: &mut String, def: &Def) {
    let mut same = |a: &str, b: &str, what: &str| same_type(out, a, b, what);
    match def {
        Def::Alias(decl) | Def::FnPtr(decl) => same(&decl.name, &decl.ty.declare(""), &decl.name),
        Def::Opaque { name, c_tag } => same(name, &format!("struct {c_tag}"), name),
        Def::Struct(s) => {
            if let Some(tag) = &s.c_tag {
                same(&s.name, &format!("struct {tag}"), &s.name);
            }
            let fields = s.members.iter().flat_map(|m| match m {
                Member::Field { decl, .. } => std::slice::from_ref(decl),
                Member::Union { fields, .. } => fields.as_slice(),
            });
            for f in fields {
                let field_type = format!("__typeof__((({} *)0)->{})", s.name, f.name);
                same(
                    &field_type,
                    &f.ty.declare(""),
                    &format!("{}.{}", s.name, f.name),
                );
            }
        }
        Def::IntConst {
            decl,
            value: ConstValue::Enumerator(enumerator),
        } => {
            let name = &decl.name;
            out.push_str(&format!(
                "_Static_assert({name} == {enumerator}, \"{name}: the table says {enumerator}\");\n"
            ));
        }
        Def::IntConst { .. } | Def::StrConst { .. } | Def::Enum { .. } => {}
    }
}
