//! CPython's wording for the errors of generated class code.

use crate::types::PyType;

/// The `TypeError` deleting the attribute `name` of a `T` raises when its setter does not
/// take an `Option`.
pub fn cannot_delete<T: PyType>(cx: crate::Context<'_>, name: &str) -> crate::Error {
    let type_name = crate::types::qualified_name::<T>(cx);
    crate::exceptions::TypeError::new_err(format!(
        "cannot delete attribute '{name}' of '{type_name}' objects"
    ))
}

/// Says which part of an item access of a `T` a conversion error is about: the key (`which`
/// 0: "protocols.Table indices must be str, not int") or the value ("... values must be").
pub fn item_conversion<T: PyType>(
    cx: crate::Context<'_>,
    error: crate::Error,
    which: usize,
) -> crate::Error {
    let what = if which == 0 { "indices" } else { "values" };
    error.for_subject(&format!("{} {what}", crate::types::qualified_name::<T>(cx)))
}
