//! Creating a class's type object when the module executes, and moving its static and class
//! methods onto it.

use core::ffi::{CStr, c_int, c_void};
use std::ffi::CString;

use super::methods::ClassLevelMethod;
use super::no_new::NO_NEW;
use super::type_info::TypeDefinition;
use crate::__private::Def;
use crate::context::call;
use crate::types::Payload;
use crate::{Context, Handle, Result, ffi};

/// Creates `T`'s type object (unless an earlier load of this library did) and adds it to
/// `module`.
pub fn register_type<T: TypeDefinition>(module: &Handle<'_>) -> Result<()> {
    let ty = create_type::<T>(module)?;
    module.setattr(T::INFO.name, &ty)
}

/// Creates `T`'s type object, named after `module`, stores it in `T::TYPE_OBJECT` and moves
/// its static and class methods onto it; returns it. A type an earlier load of this library
/// created is returned as it is: shared, so objects of either load are instances of it (see
/// `library_context`).
pub(crate) fn create_type<'ctx, T: TypeDefinition>(module: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    let cx = module.context();
    let info = T::INFO;
    let methods = (info.methods)();
    if methods
        .owner
        .is_some_and(|owner| !core::ptr::eq(owner, T::TYPE_OBJECT))
    {
        return Err(crate::exceptions::SystemError::new_err(format!(
            "hpy-rs: the methods found for {} are another type's",
            info.name
        )));
    }
    if let Some(ty) = T::TYPE_OBJECT.load(cx) {
        return Ok(ty);
    }
    crate::types::measure_header_size(cx)?;
    let module_name: String = module.getattr(c"__name__")?.extract()?;
    let name = CString::new(format!("{module_name}.{}", info.name))?;
    let holds_fields = (info.holds_fields)();

    let mut defines: Vec<*mut ffi::HPyDef> = Vec::new();
    // Without `tp_destroy` (and `tp_traverse`) HPy leaves deallocation to CPython's default,
    // skipping its own `hpytype_dealloc`: a value with nothing to drop needs no more.
    if core::mem::needs_drop::<Payload<T::Storage>>() {
        defines.push(info.destroy.as_ptr().cast_mut());
    }
    if holds_fields {
        defines.push(info.traverse.as_ptr().cast_mut());
        defines.push(info.finalize.as_ptr().cast_mut());
    }
    defines.extend(
        (methods.defines.iter())
            .filter(|d| d.registered_by_hpy())
            .map(|d| d.as_ptr().cast_mut()),
    );
    defines.extend(info.members.iter().map(|d| d.as_ptr().cast_mut()));
    if !methods.has_new {
        defines.push(NO_NEW.as_ptr().cast_mut());
    }
    defines.push(core::ptr::null_mut());

    let (builtin_shape, legacy_slots) = match info.legacy_slots {
        Some(slots) => {
            crate::types::check_legacy_header(info.name, crate::types::header_size())?;
            let slots = slots();
            #[cfg(feature = "legacy")]
            // SAFETY: `slots` is a `LegacySlots` array (`__private::legacy_slots`), and
            // `defines` the definitions made above, NULL-terminated.
            unsafe {
                crate::legacy::check_slot_conflicts(info.name, slots, &defines)?
            };
            (ffi::HPyType_BuiltinShape_Legacy, slots)
        }
        None => (ffi::HPyType_BuiltinShape_Object, core::ptr::null_mut()),
    };
    let mut flags = ffi::HPy_TPFLAGS_DEFAULT;
    if T::BASETYPE {
        flags |= ffi::HPy_TPFLAGS_BASETYPE;
    }
    if holds_fields {
        flags |= ffi::HPy_TPFLAGS_HAVE_GC;
    }
    let doc = match (methods.new_signature, info.doc) {
        (Some(signature), doc) => {
            let doc = doc.map_or(String::new(), |d| d.to_string_lossy().into_owned());
            Some(CString::new(format!(
                "{}{signature}\n--\n\n{doc}",
                info.name
            ))?)
        }
        (None, doc) => doc.map(CStr::to_owned),
    };
    let mut spec = ffi::HPyType_Spec {
        name: name.as_ptr(),
        basicsize: info.basicsize as c_int,
        itemsize: 0,
        flags,
        builtin_shape,
        legacy_slots,
        defines: defines.as_mut_ptr(),
        doc: doc.as_deref().map_or(core::ptr::null(), CStr::as_ptr),
    };
    // SAFETY: `spec` and the arrays it points to are valid for the call (HPy copies what it
    // keeps; the definitions and strings they point to are static); no params.
    let raw = unsafe { call!(cx, ctx_Type_FromSpec(&mut spec, core::ptr::null_mut())) };
    // SAFETY: a new handle, or NULL with an exception set.
    let ty = unsafe { Handle::from_raw_or_err(cx, raw)? };
    #[cfg(feature = "abi-cpython")]
    if builtin_shape == ffi::HPyType_BuiltinShape_Object {
        // SAFETY: `T`'s type object, just created, of the object shape.
        unsafe {
            crate::__private::cpython::objects::install_dealloc::<T>(
                ffi::cpython_capi::h2py(ty.as_raw()),
                holds_fields,
            )
        };
    }
    #[cfg(feature = "abi-cpython")]
    crate::__private::cpython::dict_methods::add_to_type(&ty, methods.defines.iter().copied())?;
    T::TYPE_OBJECT.store(&ty);
    set_class_level_methods(&ty, &name, methods.class_level)?;
    (methods.class_attributes)(&ty)?;
    Ok(ty)
}

/// An instance of a new payload-less type named `name` whose methods are `defines`: their
/// bound methods are callables whose `self` (the instance) is ignored. The type and the
/// instance are attributes of nothing Python can reach by name.
pub(crate) fn companion_instance<'ctx>(
    cx: Context<'ctx>,
    name: &CStr,
    defines: impl IntoIterator<Item = &'static Def>,
) -> Result<Handle<'ctx>> {
    let defs: Vec<&'static Def> = defines.into_iter().collect();
    let mut defines: Vec<*mut ffi::HPyDef> = (defs.iter())
        .filter(|d| d.registered_by_hpy())
        .map(|def| def.as_ptr().cast_mut())
        .chain([core::ptr::null_mut()])
        .collect();
    let mut spec = ffi::HPyType_Spec {
        name: name.as_ptr(),
        basicsize: 0,
        itemsize: 0,
        flags: ffi::HPy_TPFLAGS_DEFAULT,
        builtin_shape: ffi::HPyType_BuiltinShape_Object,
        legacy_slots: core::ptr::null_mut(),
        defines: defines.as_mut_ptr(),
        doc: core::ptr::null(),
    };
    // SAFETY: `spec` and its defines are valid for the call (HPy copies what it keeps; the
    // definitions are static); no params.
    let raw = unsafe { call!(cx, ctx_Type_FromSpec(&mut spec, core::ptr::null_mut())) };
    // SAFETY: a new handle, or NULL with an exception set.
    let companion = unsafe { Handle::from_raw_or_err(cx, raw)? };
    #[cfg(feature = "abi-cpython")]
    crate::__private::cpython::dict_methods::add_to_type(&companion, defs.iter().copied())?;
    let mut payload: *mut c_void = core::ptr::null_mut();
    // SAFETY: `companion` is a type object; its payload is empty.
    let raw = unsafe { call!(cx, ctx_New(companion.as_raw(), &mut payload)) };
    // SAFETY: a new handle, or NULL with an exception set.
    unsafe { Handle::from_raw_or_err(cx, raw) }
}

/// Sets the static and class methods on `ty`. Each is defined as a method of a companion type
/// with the same qualified name `name`, bound to an instance of it, so the callable has the
/// right `__name__` and `__qualname__` (`Point.origin`) and ignores its `self`; the builtin
/// `classmethod` wraps it, or `staticmethod` wraps it bound to `ty` as its class argument.
/// Either pickles by reference to `ty` (`getattr(Point, "origin")`), and neither the companion
/// type nor its instance is an attribute of anything Python can reach by name.
fn set_class_level_methods(
    ty: &Handle<'_>,
    name: &CStr,
    methods: &[ClassLevelMethod],
) -> Result<()> {
    if methods.is_empty() {
        return Ok(());
    }
    let cx = ty.context();
    let instance = companion_instance(cx, name, methods.iter().map(|m| m.def))?;
    let mut method_type = None;
    for method in methods {
        let mut callable = instance.getattr(method.name)?;
        if method.wrapper == "staticmethod" {
            // Bound to the class (the method drops it), so that the static method pickles
            // as `getattr(Point, "origin")`: a method bound to the companion's instance would
            // pickle that instance, which is no module's attribute.
            let method_type = match &method_type {
                Some(t) => t,
                None => method_type.insert(cx.import("types")?.getattr(c"MethodType")?),
            };
            callable = method_type.call((callable, ty))?;
        }
        let wrapped = cx.builtin(method.wrapper)?.call((callable,))?;
        ty.setattr(method.name, wrapped)?;
    }
    Ok(())
}
