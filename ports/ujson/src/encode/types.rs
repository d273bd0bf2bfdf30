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

/// `list(dict)` for a `dict` (or subclass): a new list of its keys in its storage's order, as
/// `PyDict_Keys` (one context call; `list(d)` through `Handle::call` costs a call into Python
/// and, for a subclass, runs its `__iter__`).
#[inline]
pub fn dict_keys<'ctx>(dict: &Handle<'ctx>) -> hpy::Result<Handle<'ctx>> {
    let cx = dict.context();
    let Some(keys) = cx.table().ctx_Dict_Keys else {
        // Unreachable: the module refuses at import a context that lacks a function.
        return Err(hpy::exceptions::SystemError::new_err(
            "HPyDict_Keys is missing",
        ));
    };
    // SAFETY: `dict` is an open handle of this call and a dict (the caller checked
    // `is_dict`), as `HPyDict_Keys` requires; it returns a new handle or NULL with an
    // exception set, which `from_raw_or_err` takes over.
    unsafe { Handle::from_raw_or_err(cx, keys(cx.as_raw(), dict.as_raw())) }
}
