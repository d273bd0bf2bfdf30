//! Runtime support for `#[hpy::class]` and `#[hpy::methods]`: what the generated code fills in
//! ([`TypeInfo`], [`MethodsInfo`]), the generic `tp_destroy`/`tp_traverse`, and the creation of
//! the type object when the module executes.

use core::ffi::{CStr, c_int, c_void};
use core::marker::PhantomData;
use std::ffi::CString;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::defs::Def;
use crate::context::call;
use crate::field::{Traverse, Visitor};
use crate::types::{Payload, PyType, Storage};
use crate::{Handle, Result, TypeObject, ffi};

/// What a `#[hpy::class]` tells the module about itself.
pub struct TypeInfo {
    /// The Python name, without the module.
    pub name: &'static str,
    /// The docstring.
    pub doc: Option<&'static CStr>,
    /// The payload size (`size_of` the storage).
    pub basicsize: usize,
    /// Whether Python classes may subclass it.
    pub basetype: bool,
    /// Whether an instance holds `Field`s (then the type is GC-tracked and traversed).
    pub holds_fields: fn() -> bool,
    /// `tp_destroy` (used only when the value has something to drop), and `tp_traverse`
    /// (used only when `holds_fields()`).
    pub destroy: &'static Def,
    /// The `tp_traverse` slot.
    pub traverse: &'static Def,
    /// The `tp_finalize` slot (used only when `holds_fields()`): frees chains of objects
    /// linked through fields without deep recursion (see `trashcan`).
    pub finalize: &'static Def,
    /// What `#[hpy::methods]` defines, if there is an impl block.
    pub methods: fn() -> &'static MethodsInfo,
    /// The `#[hpy(get)]` fields' members.
    pub members: &'static [&'static Def],
}

/// What an `#[hpy::methods]` block defines.
///
/// The type's spec is built from it, so it can only be made with the `unsafe`
/// [`MethodsInfo::new`], and it names the type it belongs to: the block is found through
/// an autoref probe (`MethodsProbe`), which a trait in the user's module could answer with
/// another type's definitions, and `register_type` refuses those.
pub struct MethodsInfo {
    /// The type the definitions are for (`None` for [`NO_METHODS`], which suits any type).
    pub(crate) owner: Option<&'static TypeObject>,
    /// Methods, getters/setters and slots of the type (`tp_new` included if there is a
    /// `#[new]`).
    pub(crate) defines: &'static [&'static Def],
    /// Whether `defines` has a `tp_new`.
    pub(crate) has_new: bool,
    /// The constructor's text signature (`($type, x, y)`), which the type's docstring starts
    /// with so that `inspect.signature(T)` works.
    pub(crate) new_signature: Option<&'static str>,
    /// `#[staticmethod]`s and `#[classmethod]`s: HPy 0.9 methods take no flags (no
    /// `METH_STATIC`/`METH_CLASS`), so each is a method of a companion type, bound to an
    /// instance of it, wrapped by the builtin `staticmethod`/`classmethod` and set on the type.
    pub(crate) class_level: &'static [ClassLevelMethod],
    /// Sets the class attributes on the new type object.
    pub(crate) class_attributes: for<'ctx> fn(&Handle<'ctx>) -> Result<()>,
}

impl MethodsInfo {
    /// The definitions of the methods of the type whose type object is `owner`.
    ///
    /// # Safety
    /// Every definition is one of that type's (its `impl`s treat their object as an instance
    /// of it: see [`Def`]), `has_new` says whether `defines` has a `tp_new`, and the class-level
    /// methods' definitions are methods of the companion type.
    pub const unsafe fn new(
        owner: &'static TypeObject,
        defines: &'static [&'static Def],
        has_new: bool,
        new_signature: Option<&'static str>,
        class_level: &'static [ClassLevelMethod],
        class_attributes: for<'ctx> fn(&Handle<'ctx>) -> Result<()>,
    ) -> Self {
        MethodsInfo {
            owner: Some(owner),
            defines,
            has_new,
            new_signature,
            class_level,
            class_attributes,
        }
    }
}

/// A static or class method: a method (whose `self` it ignores) of the companion type.
pub struct ClassLevelMethod {
    /// The method's definition.
    pub def: &'static Def,
    /// Its name, on the companion type and on the type.
    pub name: &'static CStr,
    /// `"staticmethod"` or `"classmethod"`.
    pub wrapper: &'static str,
}

/// What a type without `#[hpy::methods]` defines: nothing.
pub static NO_METHODS: MethodsInfo = MethodsInfo {
    owner: None,
    defines: &[],
    has_new: false,
    new_signature: None,
    class_level: &[],
    class_attributes: |_| Ok(()),
};

/// Autoref-specialisation probe: `(&MethodsProbe::<T>::new()).methods()` is `T`'s
/// [`MethodsInfo`] if an `#[hpy::methods]` block implemented [`PyMethods`], else
/// [`NO_METHODS`].
pub struct MethodsProbe<T>(PhantomData<T>);

impl<T> MethodsProbe<T> {
    /// The probe.
    pub const fn new() -> Self {
        MethodsProbe(PhantomData)
    }
}

impl<T> Default for MethodsProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Implemented by `#[hpy::methods]`.
///
/// # Safety
/// `METHODS` is this type's own (made by [`MethodsInfo::new`] with `Self`'s type object).
pub unsafe trait PyMethods {
    /// The methods' definitions.
    const METHODS: &'static MethodsInfo;
}

/// The probe's answer when there is an `#[hpy::methods]` block.
pub trait HasMethods {
    /// `T::METHODS`.
    fn methods(&self) -> &'static MethodsInfo;
}

impl<T: PyMethods> HasMethods for MethodsProbe<T> {
    fn methods(&self) -> &'static MethodsInfo {
        T::METHODS
    }
}

/// The probe's answer when there is none.
pub trait HasNoMethods {
    /// [`NO_METHODS`].
    fn methods(&self) -> &'static MethodsInfo {
        &NO_METHODS
    }
}

impl<T> HasNoMethods for &MethodsProbe<T> {}

/// Autoref-specialisation probe over a struct member: `(&FieldsProbe(Some(&member)))` visits
/// the member's fields if its type implements [`Traverse`], and does nothing otherwise.
///
/// Method resolution picks the answer, so code in the user's module could add a trait of its
/// own with the same method names and win it; hence `visit_member` is `unsafe` (as are
/// [`Traverse::traverse`] and `Visitor::visit`): such a trait cannot visit anything without
/// `unsafe`, only fail to visit — and a field a traversal does not reach is one hpy-rs never
/// stores into (`Typed::set_field`).
pub struct FieldsProbe<'a, F>(pub Option<&'a F>);

/// The probe's answer for a member that holds fields.
pub trait VisitsFields {
    /// Visits the member's fields.
    ///
    /// # Safety
    /// As for [`Traverse::traverse`]: the member belongs to the value being traversed.
    unsafe fn visit_member(&self, visitor: &mut Visitor<'_>) -> c_int;
    /// `true`.
    fn holds_fields(&self) -> bool;
}

impl<F: Traverse> VisitsFields for FieldsProbe<'_, F> {
    #[inline]
    unsafe fn visit_member(&self, visitor: &mut Visitor<'_>) -> c_int {
        // SAFETY: the caller's contract.
        self.0
            .map_or(0, |member| unsafe { member.traverse(visitor) })
    }

    fn holds_fields(&self) -> bool {
        true
    }
}

/// The probe's answer for any other member.
pub trait VisitsNothing {
    /// Nothing to visit.
    ///
    /// # Safety
    /// None needed (it visits nothing); `unsafe` only to match [`VisitsFields`].
    #[inline(always)]
    unsafe fn visit_member(&self, _visitor: &mut Visitor<'_>) -> c_int {
        0
    }
    /// `false`.
    fn holds_fields(&self) -> bool {
        false
    }
}

impl<F> VisitsNothing for &FieldsProbe<'_, F> {}

/// Compiles only for a `Send` value: Python uses and drops an object on whichever thread
/// holds the GIL (one at a time), so a value tied to one thread (an `Rc`, a `MutexGuard`)
/// cannot be the value of a type.
pub fn require_send<T: Send>() {}

/// `tp_destroy`: drops the value in place. Called by the runtime during deallocation, with no
/// context: a panic cannot become an exception, so it is reported and swallowed.
///
/// # Safety
/// `payload` must be the payload of a dying object of `T`.
pub unsafe extern "C" fn destroy<T: PyType>(payload: *mut c_void) {
    let dropped = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: what the runtime passes to tp_destroy (see `types::resolve`).
        let Some(payload) = (unsafe { crate::types::resolve::<T::Storage>(payload) }) else {
            return; // allocated, never initialised
        };
        // SAFETY: the payload holds an initialised storage that nothing can reach any more.
        unsafe { core::ptr::drop_in_place(payload) }
    }));
    if let Err(payload) = dropped {
        let why = "no Python exception can be raised while an object is deallocated";
        super::panic::report_ignored(payload, "dropping", T::NAME, why);
    }
}

/// `tp_traverse`: visits every field. While the value is lent mutably it visits nothing (a
/// `&mut` to it is live); on CPython that only delays collecting a cycle.
///
/// # Safety
/// `payload` must be the payload of an object of `T`.
pub unsafe extern "C" fn traverse<T: PyType>(
    payload: *mut c_void,
    visit: ffi::HPyFunc_visitproc,
    arg: *mut c_void,
) -> c_int {
    let visited = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: what the runtime passes to tp_traverse (see `types::resolve`).
        let Some(payload) = (unsafe { crate::types::resolve::<T::Storage>(payload) }) else {
            return 0; // allocated, never initialised
        };
        // SAFETY: the payload holds an initialised storage.
        let storage = unsafe { (*payload).storage() };
        if storage.is_mutably_borrowed() {
            return 0;
        }
        // SAFETY: not lent mutably, so a shared reference is sound for the traversal (which
        // calls no Python code).
        let value = unsafe { &*storage.value_ptr() };
        // SAFETY: the runtime's visitor, for a traversal of this object.
        unsafe { T::__traverse_fields(value, &mut Visitor::new(visit, arg)) }
    }));
    visited.unwrap_or_else(|payload| {
        let why = "the traversal stopped there; a `Traverse` implementation must not panic";
        super::panic::report_ignored(payload, "traversing", T::NAME, why);
        0
    })
}

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

/// The `tp_new` of a type without `#[new]`: instances can only be created from Rust.
// SAFETY: `no_new` runs through an `Entry` and only raises; its trampoline hands its
// arguments to the runtime.
pub static NO_NEW: Def = unsafe { Def::slot_new(ffi::HPy_tp_new, no_new, no_new_trampoline) };

unsafe extern "C" fn no_new(
    ctx: *mut ffi::HPyContext,
    ty: ffi::HPy,
    _args: *const ffi::HPy,
    _nargs: ffi::HPy_ssize_t,
    _kw: ffi::HPy,
) -> ffi::HPy {
    // SAFETY: the runtime calls tp_new with the call's context and the class, lent.
    let entry = unsafe { super::Entry::new(ctx) };
    entry.run_o(ffi::HPy_NULL, ty, |_, ty| {
        Err(crate::exceptions::TypeError::new_err(format!(
            "cannot create '{}' instances",
            crate::protocol::tp_name(ty)
        )))
    })
}

unsafe extern "C" fn no_new_trampoline(
    self_: *mut ffi::cpy_PyObject,
    args: *mut ffi::cpy_PyObject,
    kw: *mut ffi::cpy_PyObject,
) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls tp_new with the class, the argument tuple and the keyword dict.
    unsafe { super::slots::new(no_new, self_, args, kw) }
}

/// Creates `T`'s type object, stores it in `T::TYPE_OBJECT`, adds it to `module` and moves its
/// static and class methods onto it. A type an earlier load of this library created is
/// added as it is.
pub fn register_type<T: PyType>(module: &Handle<'_>) -> Result<()> {
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
        // Created by an earlier load of this library: shared, so objects of either load are
        // instances of it (see `library_context`).
        return module.setattr(info.name, &ty);
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
    defines.extend(methods.defines.iter().map(|d| d.as_ptr().cast_mut()));
    defines.extend(info.members.iter().map(|d| d.as_ptr().cast_mut()));
    if !methods.has_new {
        defines.push(NO_NEW.as_ptr().cast_mut());
    }
    defines.push(core::ptr::null_mut());

    let mut flags = ffi::HPy_TPFLAGS_DEFAULT;
    if info.basetype {
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
        builtin_shape: ffi::HPyType_BuiltinShape_Object,
        legacy_slots: core::ptr::null_mut(),
        defines: defines.as_mut_ptr(),
        doc: doc.as_deref().map_or(core::ptr::null(), CStr::as_ptr),
    };
    // SAFETY: `spec` and the arrays it points to are valid for the call (HPy copies what it
    // keeps; the definitions and strings they point to are static); no params.
    let raw = unsafe { call!(cx, ctx_Type_FromSpec(&mut spec, core::ptr::null_mut())) };
    // SAFETY: a new handle, or NULL with an exception set.
    let ty = unsafe { Handle::from_raw_or_err(cx, raw)? };
    T::TYPE_OBJECT.store(&ty);
    module.setattr(info.name, &ty)?;

    set_class_level_methods(&ty, &name, methods.class_level)?;
    (methods.class_attributes)(&ty)
}

/// Sets the static and class methods on `ty`. Each is defined as a method of a companion type
/// with the same qualified name `name`, bound to an instance of it, so the callable has the
/// right `__name__` and `__qualname__` (`Point.origin`) and ignores its `self`; the builtin
/// `staticmethod`/`classmethod` wraps it.
fn set_class_level_methods(
    ty: &Handle<'_>,
    name: &CStr,
    methods: &[ClassLevelMethod],
) -> Result<()> {
    if methods.is_empty() {
        return Ok(());
    }
    let cx = ty.context();
    let mut defines: Vec<*mut ffi::HPyDef> = methods
        .iter()
        .map(|m| m.def.as_ptr().cast_mut())
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
    let mut payload: *mut c_void = core::ptr::null_mut();
    // SAFETY: `companion` is a type object; its payload is empty.
    let raw = unsafe { call!(cx, ctx_New(companion.as_raw(), &mut payload)) };
    // SAFETY: a new handle, or NULL with an exception set.
    let instance = unsafe { Handle::from_raw_or_err(cx, raw)? };
    for method in methods {
        let bound = instance.getattr(method.name)?;
        let wrapped = cx.builtin(method.wrapper)?.call((bound,))?;
        ty.setattr(method.name, wrapped)?;
    }
    Ok(())
}
