//! `hpy-macros/src/generated/hpyfunc.rs`: the signatures of `hpyfunc` as data, one
//! `HPyFunc` constant each, with types spelled by absolute paths so the code the
//! proc-macros write compiles in any crate that depends on `hpy`; and each slot's
//! signature (`SLOTS`, `slot_signature`).

use super::header;
use super::hpyfunc::{Paths, Signatures};

/// rustfmt's default `max_width`.
const MAX_WIDTH: usize = 100;

/// rustfmt's default `array_width`: the longest array body kept on one line.
const ARRAY_WIDTH: usize = 60;

/// `hpy` re-exports `hpy-sys` as `hpy::ffi`.
pub const PATHS: Paths = Paths {
    table: "::hpy::ffi::",
    core_ffi: "::core::ffi::",
};

/// The struct the constants are values of.
const STRUCT: &str = r#"
/// An HPy function signature reached through a CPython trampoline: the types of the
/// implementation `hpy::__private::hpyfunc::<module>::Impl` and of the CPython trampoline
/// `hpy::__private::hpyfunc::<module>::Trampoline`, spelled with absolute paths.
#[derive(Clone, Copy)]
pub struct HPyFunc {
    /// Its module in `hpy::__private::hpyfunc` (`"binaryfunc"`).
    pub module: &'static str,
    /// Whether the implementation's first parameter is the `HPyContext *`.
    pub takes_context: bool,
    /// The implementation's parameters after the context (all of them without one).
    pub impl_params: &'static [&'static str],
    /// The implementation's return type, `None` for `void`.
    pub impl_ret: Option<&'static str>,
    /// The trampoline's parameters, (name, type): those of the C function HPy's
    /// `HPyFunc_TRAMPOLINE` defines, which `hpy::__private::hpyfunc::<module>::trampoline`
    /// takes after the implementation.
    pub trampoline_params: &'static [(&'static str, &'static str)],
    /// The trampoline's return type, `None` for `void`.
    pub trampoline_ret: Option<&'static str>,
}
"#;

/// The whole file.
pub fn emit(signatures: &Signatures) -> Result<String, String> {
    let mut out = header();
    out.push_str(STRUCT);
    for func in &signatures.funcs {
        let s = func.spell(&PATHS)?;
        let skip = usize::from(s.takes_context);
        let impl_params: Vec<String> = s.impl_params[skip..]
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect();
        let trampoline_params: Vec<String> = s
            .trampoline_params
            .iter()
            .map(|(n, t)| format!("(\"{n}\", \"{t}\")"))
            .collect();
        out.push_str(&format!(
            "\n/// `{}`: `typedef {};`, `{}` and the trampoline\n\
             /// `{}`.\n\
             pub const {}: HPyFunc = HPyFunc {{\n    \
             module: \"{}\",\n    \
             takes_context: {},\n",
            func.enumerator,
            func.typedef.c_source(),
            func.args.name,
            func.trampoline.declare("SYM"),
            const_name(func.enumerator),
            func.module,
            s.takes_context,
        ));
        array_field(&mut out, "impl_params", &impl_params);
        out.push_str(&format!(
            "    impl_ret: {},\n",
            option(s.impl_ret.as_deref())
        ));
        array_field(&mut out, "trampoline_params", &trampoline_params);
        out.push_str(&format!(
            "    trampoline_ret: {},\n}};\n",
            option(s.trampoline_ret.as_deref())
        ));
    }
    slots(&mut out, signatures);
    Ok(out)
}

/// The constant of a signature: `HPyFunc_BINARYFUNC` → `BINARYFUNC`.
fn const_name(enumerator: &str) -> &str {
    enumerator.strip_prefix("HPyFunc_").unwrap_or(enumerator)
}

/// `SLOTS` and `slot_signature`: the slots whose signature has a constant above.
fn slots(out: &mut String, signatures: &Signatures) {
    let has_const = |sig: &str| signatures.funcs.iter().any(|f| f.enumerator == sig);
    let without: Vec<String> = signatures
        .slots
        .iter()
        .filter(|(_, sig)| !has_const(sig))
        .map(|(slot, sig)| format!("`{slot}` (`{sig}`)"))
        .collect();
    let without = match without.as_slice() {
        [] => String::new(),
        slots => format!(
            "\n///\n/// Not here, for want of a trampoline of their signature: {}.",
            slots.join(", ")
        ),
    };
    out.push_str(&format!(
        "\n/// Each slot with its signature (`HPySlot_SIG(slot)` in HPy's headers), in the order of\n\
         /// `HPySlot_Slot`. A slot's `Def` is\n\
         /// `hpy::__private::hpyfunc::<module>::slot(<module>::Slot::<slot>, impl, trampoline)`.{without}\n\
         pub const SLOTS: &[(&str, &HPyFunc)] = &[\n"
    ));
    for (slot, sig) in &signatures.slots {
        if has_const(sig) {
            out.push_str(&format!("    (\"{slot}\", &{}),\n", const_name(sig)));
        }
    }
    out.push_str(
        "];\n\
         \n\
         /// The signature of the slot `slot` (`\"HPy_nb_add\"`), if [`SLOTS`] has it.\n\
         pub fn slot_signature(slot: &str) -> Option<&'static HPyFunc> {\n    \
         SLOTS\n        \
         .iter()\n        \
         .find(|(name, _)| *name == slot)\n        \
         .map(|&(_, sig)| sig)\n\
         }\n",
    );
}

/// `Some("<ty>")` or `None`.
fn option(ty: Option<&str>) -> String {
    ty.map_or("None".to_string(), |t| format!("Some(\"{t}\")"))
}

/// `    <name>: &[<items>],` laid out like rustfmt: on one line when short, else one item
/// per line.
fn array_field(out: &mut String, name: &str, items: &[String]) {
    let body = items.join(", ");
    let line = format!("    {name}: &[{body}],");
    if body.len() <= ARRAY_WIDTH && line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    out.push_str(&format!("    {name}: &[\n"));
    for item in items {
        out.push_str(&format!("        {item},\n"));
    }
    out.push_str("    ],\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::hpyfunc::signatures;
    use crate::model::Abi;
    use crate::parser::parse;

    /// Whether `ty` is a Rust type the proc-macros can write anywhere: pointers to a
    /// `core::ffi` type, a type `hpy::ffi` exports (one the table defines) or a primitive.
    fn well_formed(abi: &Abi, ty: &str) -> bool {
        let mut base = ty;
        while let Some(rest) = base
            .strip_prefix("*mut ")
            .or_else(|| base.strip_prefix("*const "))
        {
            base = rest;
        }
        let ident = |s: &str| {
            !s.is_empty()
                && !s.starts_with(|c: char| c.is_ascii_digit())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if let Some(name) = base.strip_prefix(PATHS.table) {
            ident(name) && abi.defs.iter().any(|d| d.name() == name)
        } else if let Some(name) = base.strip_prefix(PATHS.core_ffi) {
            name.starts_with("c_") && ident(name)
        } else {
            let primitives = [
                "usize", "isize", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32",
                "f64", "bool",
            ];
            primitives.contains(&base)
        }
    }

    #[test]
    fn every_type_of_the_table_is_well_formed() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../abi/hpy-0.9.0-universal.abi"
        );
        let source = std::fs::read_to_string(path).unwrap();
        let abi = Abi::build(parse(&source).unwrap()).unwrap();
        let funcs = signatures(&abi).unwrap().funcs;
        assert!(funcs.len() > 30, "{} signatures", funcs.len());
        for func in &funcs {
            let s = func.spell(&PATHS).unwrap();
            let types = s
                .impl_params
                .iter()
                .chain(&s.impl_ret)
                .chain(s.trampoline_params.iter().map(|(_, t)| t))
                .chain(&s.trampoline_ret);
            for ty in types {
                assert!(well_formed(&abi, ty), "{}: `{ty}`", func.module);
            }
        }
        assert!(well_formed(&abi, "*const *mut ::hpy::ffi::cpy_PyObject"));
        assert!(!well_formed(&abi, "*mut ::hpy::ffi::NoSuchType"));
        assert!(well_formed(&abi, "usize"));
        assert!(!well_formed(&abi, "* mut usize"));
        assert!(!well_formed(&abi, "::core::ffi::CStr"));
    }
}
