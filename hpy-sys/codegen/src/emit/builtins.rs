//! `hpy/src/generated/builtins.rs`: one `builtin_handles!` line per `HPy h_*`
//! member of the context, for the `hpy` crate's macro of that name.

use super::header;
use crate::model::Abi;

/// The whole file.
pub fn emit(abi: &Abi) -> String {
    let mut out = header();
    out.push_str("\ncrate::builtins::builtin_handles! {\n");
    for (member, category) in &abi.context_handles {
        let ident = member.strip_prefix("h_").unwrap_or(member);
        out.push_str(&format!("    {} {ident} {member};\n", category.word()));
    }
    out.push_str("}\n");
    out
}
