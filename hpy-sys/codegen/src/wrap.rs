//! Lays out long Rust lines the way rustfmt does, so generated files are already
//! formatted (`cargo fmt --check` passes and the regenerate test compares bytes).

use crate::rust_types::{RustType, fn_head};

/// rustfmt's default `max_width`.
const MAX_WIDTH: usize = 100;

/// Writes `<head><sep> <type><tail>` at `indent` spaces, e.g. a struct field
/// (`pub ctx_Dup`, `:`, `,`) or a type alias (`pub type X`, ` =`, `;`).
pub fn typed_line(
    out: &mut String,
    indent: usize,
    head: &str,
    sep: &str,
    ty: &RustType,
    tail: &str,
) {
    let pad = " ".repeat(indent);
    let one_line = ty.one_line();
    // 1. Everything on one line.
    let line = format!("{pad}{head}{sep} {one_line}{tail}");
    if line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    // 2. The type on its own line, one indent deeper.
    let line = format!("{pad}    {one_line}{tail}");
    if line.len() <= MAX_WIDTH {
        out.push_str(&format!("{pad}{head}{sep}\n{line}\n"));
        return;
    }
    let RustType::FnPtr { params, ret } = ty else {
        // Simple types are never this long; keep them on one line.
        out.push_str(&format!("{pad}{head}{sep} {one_line}{tail}\n"));
        return;
    };
    // 3. `Option<` then the function type on one line.
    out.push_str(&format!("{pad}{head}{sep} Option<\n"));
    let line = format!("{pad}    {},", fn_head(&params.join(", "), ret.as_deref()));
    if line.len() <= MAX_WIDTH {
        out.push_str(&line);
    } else {
        // 4. One parameter per line.
        out.push_str(&format!("{pad}    unsafe extern \"C\" fn(\n"));
        for p in params {
            out.push_str(&format!("{pad}        {p},\n"));
        }
        match ret {
            Some(ret) => out.push_str(&format!("{pad}    ) -> {ret},")),
            None => out.push_str(&format!("{pad}    ),")),
        }
    }
    out.push_str(&format!("\n{pad}>{tail}\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fn_ptr(params: &[&str], ret: Option<&str>) -> RustType {
        RustType::FnPtr {
            params: params.iter().map(|p| p.to_string()).collect(),
            ret: ret.map(str::to_string),
        }
    }

    #[test]
    fn short_types_stay_on_one_line() {
        let mut out = String::new();
        typed_line(
            &mut out,
            4,
            "pub ctx_Dup",
            ":",
            &fn_ptr(&["h: HPy"], Some("HPy")),
            ",",
        );
        assert_eq!(
            out,
            "    pub ctx_Dup: Option<unsafe extern \"C\" fn(h: HPy) -> HPy>,\n"
        );
    }

    #[test]
    fn long_types_break_like_rustfmt() {
        let params = ["ctx: *mut HPyContext", "h_type: HPy", "h_value: HPy"];
        let mut out = String::new();
        typed_line(
            &mut out,
            4,
            "pub ctx_Err_SetObject",
            ":",
            &fn_ptr(&params, None),
            ",",
        );
        assert_eq!(
            out,
            "    pub ctx_Err_SetObject:\n        \
             Option<unsafe extern \"C\" fn(ctx: *mut HPyContext, h_type: HPy, h_value: HPy)>,\n"
        );
        let params = [
            "ctx: *mut HPyContext",
            "a: *const c_char",
            "b: *const c_char",
            "c: HPy",
            "d: HPy",
        ];
        let mut out = String::new();
        typed_line(
            &mut out,
            0,
            "pub type Long",
            " =",
            &fn_ptr(&params, Some("HPy")),
            ";",
        );
        assert!(
            out.starts_with("pub type Long = Option<\n    unsafe extern \"C\" fn(\n        ctx"),
            "{out}"
        );
        assert!(
            out.ends_with("        d: HPy,\n    ) -> HPy,\n>;\n"),
            "{out}"
        );
    }
}
