//! Methods taking a keyword dict (`Def::taking_keyword_dict`) on a class: HPy's runtime
//! registers a type's methods from its spec only as HPy methods (vectorcall), and takes
//! `PyMethodDef`s only through legacy slots, which need the legacy shape (`ctx_type.c`:
//! "cannot specify .legacy_slots without setting .builtin_shape=HPyType_BuiltinShape_Legacy"),
//! so they are added to the new type object as method descriptors. (A module takes them as
//! its `legacy_methods`: see `ModuleDef`.)

use core::ffi::CStr;

use crate::__private::Def;
use crate::ffi::cpython_capi as capi;
use crate::{Handle, Result, cpython_storage};

/// Sets a method descriptor on `ty` for every definition of `defines` that takes a keyword
/// dict (they were left out of its spec).
pub(crate) fn add_to_type(
    ty: &Handle<'_>,
    defines: impl IntoIterator<Item = &'static Def>,
) -> Result<()> {
    for method in defines.into_iter().filter_map(Def::dict_method) {
        let ty_object = cpython_storage::object(ty).cast::<capi::PyTypeObject>();
        // SAFETY: a type object (just created), and a method definition in a static, which
        // the descriptor keeps a pointer to; the result is a new reference or NULL with an
        // exception set.
        let descriptor = unsafe {
            cpython_storage::owned(ty.context(), capi::PyDescr_NewMethod(ty_object, method))?
        };
        // SAFETY: the name of a method definition: a static C string.
        let name = unsafe { CStr::from_ptr(method.ml_name) };
        ty.setattr(name, descriptor)?;
    }
    Ok(())
}
