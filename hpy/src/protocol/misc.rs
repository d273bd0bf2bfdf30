//! The rest of the object protocol: text, length, hashing, truth, types, imports.

use super::{owned, status};
use crate::context::call;
use crate::{BuiltinType, Context, Handle, Result, ffi};

impl<'ctx> Handle<'ctx> {
    /// `repr(self)`.
    pub fn repr(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` is open; the result is a new handle or NULL.
        owned(cx, unsafe { call!(cx, ctx_Repr(self.as_raw())) })
    }

    /// `str(self)`.
    pub fn str(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` is open; the result is a new handle or NULL.
        owned(cx, unsafe { call!(cx, ctx_Str(self.as_raw())) })
    }

    /// `ascii(self)`.
    pub fn ascii(&self) -> Result<Handle<'ctx>> {
        let cx = self.context();
        // SAFETY: `self` is open; the result is a new handle or NULL.
        owned(cx, unsafe { call!(cx, ctx_ASCII(self.as_raw())) })
    }

    /// `len(self)`.
    pub fn len(&self) -> Result<usize> {
        let cx = self.context();
        // SAFETY: `self` is open.
        let len = unsafe { call!(cx, ctx_Length(self.as_raw())) };
        status(if len < 0 { -1 } else { 0 }).map(|()| len as usize)
    }

    /// `len(self) == 0`.
    pub fn is_empty(&self) -> Result<bool> {
        self.len().map(|n| n == 0)
    }

    /// `hash(self)`.
    pub fn hash(&self) -> Result<isize> {
        let cx = self.context();
        // SAFETY: `self` is open.
        let hash = unsafe { call!(cx, ctx_Hash(self.as_raw())) };
        if hash == -1 && crate::convert::err_occurred(cx) {
            return Err(crate::Error::set());
        }
        Ok(hash)
    }

    /// `bool(self)`: Python's truth test.
    pub fn is_truthy(&self) -> Result<bool> {
        let cx = self.context();
        // SAFETY: `self` is open.
        let code = unsafe { call!(cx, ctx_IsTrue(self.as_raw())) };
        status(code).map(|()| code != 0)
    }

    /// `callable(self)`.
    pub fn is_callable(&self) -> bool {
        let cx = self.context();
        // SAFETY: `self` is open; the check cannot fail.
        unsafe { call!(cx, ctx_Callable_Check(self.as_raw())) != 0 }
    }

    /// `type(self)`.
    pub fn get_type(&self) -> Handle<'ctx> {
        let cx = self.context();
        // SAFETY: `self` is open; `HPy_Type` returns a new handle and cannot fail.
        unsafe { Handle::from_raw(cx, call!(cx, ctx_Type(self.as_raw()))) }
    }

    /// Whether the object is exactly a `str`, not a subclass (which may override `__hash__`
    /// and `__eq__`).
    pub(crate) fn is_exact_str(&self) -> bool {
        let cx = self.context();
        let ty = self.get_type();
        // SAFETY: `ty` is open; the context's type handles are constants.
        unsafe { call!(cx, ctx_Is(ty.as_raw(), cx.table().h_UnicodeType)) != 0 }
    }

    /// The name of `type(self)` as CPython's error messages show it (its `tp_name`): `"int"`,
    /// `"datetime.date"`, `"point.Node"` for a type of an extension module, `"Node"` for a
    /// class defined in Python.
    pub fn type_name(&self) -> String {
        tp_name(&self.get_type())
    }

    /// `isinstance(self, ty)` with Python's full semantics (`__instancecheck__`, tuples of
    /// types, an object's `__class__`). When `ty` is an exact `type` and `type(self)` is a
    /// subclass of it, the answer comes without calling into Python.
    pub fn is_instance(&self, ty: &Handle<'ctx>) -> Result<bool> {
        let cx = self.context();
        let type_type = cx.table().h_TypeType;
        let metatype = ty.get_type();
        // SAFETY: both handles are open; `h_TypeType` is a constant type handle.
        if unsafe { call!(cx, ctx_Is(metatype.as_raw(), type_type)) } != 0
            // SAFETY: `ty` is a type (its type is exactly `type`), as HPy_TypeCheck requires.
            && unsafe { call!(cx, ctx_TypeCheck(self.as_raw(), ty.as_raw())) } != 0
        {
            return Ok(true);
        }
        // Otherwise `isinstance` may still say yes: through `self.__class__` (a proxy's), or
        // a metaclass's `__instancecheck__` (an ABC's).
        cx.builtin("isinstance")?.call((self, ty))?.is_truthy()
    }

    /// `isinstance(self, T)` for one of the builtin types (a direct, infallible check).
    pub fn is_instance_of(&self, ty: BuiltinType) -> bool {
        let cx = self.context();
        let ty = ty.raw(cx.table());
        // SAFETY: `self` is open and `ty` is one of the context's constant type handles.
        unsafe { call!(cx, ctx_TypeCheck(self.as_raw(), ty)) != 0 }
    }
}

impl<'ctx> Context<'ctx> {
    /// `import name` (dotted names return the leaf module, like `importlib.import_module`).
    pub fn import(self, name: &str) -> Result<Handle<'ctx>> {
        let name = std::ffi::CString::new(name)?;
        // SAFETY: `name` is NUL-terminated; the result is a new handle or NULL.
        owned(self, unsafe {
            call!(self, ctx_Import_ImportModule(name.as_ptr()))
        })
    }
}

/// The `tp_name` of the type object `ty`, which CPython's messages show. HPy has no API for
/// it (`HPyType_GetName` gives `__name__`), so it is rebuilt the way CPython builds it:
/// a static type's is `module.Name` (`Name` for builtins); a heap type's is the name its
/// spec gave — `module.Name` for HPy types, whose specs are always qualified (told apart by
/// HPy's flag on CPython, elsewhere by their shape, never legacy there) — or, for a class
/// defined in Python, `__name__`.
pub(crate) fn tp_name(ty: &Handle<'_>) -> String {
    let cx = ty.context();
    // SAFETY: `ty` is an open type handle; the name stays valid while it is open.
    let name = unsafe { call!(cx, ctx_Type_GetName(ty.as_raw())) };
    if name.is_null() {
        return "?".to_owned();
    }
    // SAFETY: HPy returns a NUL-terminated UTF-8 name, copied before `ty` closes.
    let name = unsafe { core::ffi::CStr::from_ptr(name) }.to_string_lossy();
    const HEAP_TYPE: u64 = 1 << 9;
    // HPy's own mark on the types it creates on CPython (`HPy_TPFLAGS_INTERNAL_IS_HPY_TYPE`
    // in `ctx_type.c`): it tells a legacy-shaped HPy type from a class defined in Python.
    const HPY_TYPE: u64 = 1 << 2;
    let flags: u64 = ty
        .getattr(c"__flags__")
        .and_then(|f| f.extract())
        .unwrap_or_else(|e| {
            e.clear(cx);
            0
        });
    let qualified = if flags & HEAP_TYPE == 0 || flags & HPY_TYPE != 0 {
        true
    } else {
        // SAFETY: `ty` is an open type handle.
        let shape = unsafe { call!(cx, ctx_Type_GetBuiltinShape(ty.as_raw())) };
        shape != ffi::HPyType_BuiltinShape_Legacy
    };
    let module = qualified
        .then(|| {
            ty.getattr(c"__module__")
                .and_then(|m| m.extract::<String>())
        })
        .and_then(|m| m.map_err(|e| e.clear(cx)).ok());
    match module {
        Some(module) if module != "builtins" => format!("{module}.{name}"),
        _ => name.into_owned(),
    }
}
