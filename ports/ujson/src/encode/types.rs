//! Type tests the safe API lacks.

use hpy::Handle;

/// `isinstance(obj, dict)`, as `PyDict_Check` (one context call).
///
/// HPy 0.9's context has no `h_DictType` (so no `BuiltinType::DictType` for
/// `Handle::is_instance_of`), and hpy-rs calls `HPyDict_Check` only inside its conversions;
/// `obj.is_instance(&dict)` would cost four context calls for every value of the walk.
#[inline]
pub fn is_dict(obj: &Handle<'_>) -> bool {
    let cx = obj.context();
    match cx.table().ctx_Dict_Check {
        // SAFETY: `obj` is an open handle of this context's call, and `HPyDict_Check` only
        // inspects its type: it has no other precondition and cannot fail.
        Some(check) => unsafe { check(cx.as_raw(), obj.as_raw()) != 0 },
        // Unreachable: the module refuses at import a context that lacks a function.
        None => false,
    }
}
