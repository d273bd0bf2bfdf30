//! [`Global`]: a module-level reference that outlives a call.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::context::call;
use crate::{Context, Handle, ffi};

/// A long-lived reference to a Python object, kept in a `static` (HPy's `HPyGlobal`).
///
/// Handles die with their call; to keep an object across calls (a cached type, a custom
/// exception, a lookup table) store it in a `Global`. Storing and loading go through the
/// context of the current call, and a `Global` never holds a [`Handle`]: `load` gives you a
/// fresh one each time.
///
/// ```
/// static CACHE: hpy::Global = hpy::Global::new();
/// ```
///
/// Declare globals inside the `#[hpy::module]` module: the module definition then registers
/// them with the runtime (HPy's `HPyModuleDef.globals`), which alternative Python
/// implementations require. Storing to a global that is not registered panics (the panic
/// becomes a Python exception), rather than working on CPython only.
pub struct Global {
    cell: UnsafeCell<ffi::HPyGlobal>,
    registered: AtomicBool,
}

// SAFETY: a `Global` is only read or written through a `Context`, that is by a thread inside
// an HPy call, and the runtime serialises those (CPython's GIL).
unsafe impl Sync for Global {}

impl Global {
    /// An empty global; [`Global::load`] returns `None` until something is stored.
    pub const fn new() -> Self {
        Global {
            cell: UnsafeCell::new(ffi::HPyGlobal_NULL),
            registered: AtomicBool::new(false),
        }
    }

    /// Stores a reference to `value`'s object, replacing the previous one.
    ///
    /// # Panics
    /// If the global is not declared in the `#[hpy::module]` module (so not registered).
    pub fn store(&'static self, value: &Handle<'_>) {
        assert!(
            self.is_registered(),
            "hpy-rs: a `Global` was stored that the module does not register; declare it \
             inside the #[hpy::module] module"
        );
        let cx = value.context();
        // HPyGlobal_Store releases the old object before it writes the new one, so code run by
        // that release (a weakref callback, `__del__`) would `load` a dying object. Holding a
        // handle to the old object until the store is done prevents it.
        let previous = self.load(cx);
        // SAFETY: the cell is a valid `HPyGlobal` for the life of the program; `value` is open.
        unsafe { call!(cx, ctx_Global_Store(self.cell.get(), value.as_raw())) }
        drop(previous);
    }

    /// A new handle to the stored object, or `None` if nothing was stored yet.
    #[inline]
    pub fn load<'ctx>(&'static self, cx: Context<'ctx>) -> Option<Handle<'ctx>> {
        // SAFETY: reads of the cell are serialised with writes (see the `Sync` impl).
        let global = unsafe { *self.cell.get() };
        if global._i == 0 {
            return None;
        }
        // SAFETY: `global` was stored by `HPyGlobal_Store`; loading returns a new handle.
        let raw = unsafe { call!(cx, ctx_Global_Load(global)) };
        assert!(!raw.is_null(), "HPyGlobal_Load failed on a stored global");
        // SAFETY: `HPyGlobal_Load` returned an open, non-null handle owned by the caller.
        Some(unsafe { Handle::from_raw(cx, raw) })
    }

    /// Whether the global holds `h`'s object (is it, as `HPy_Is`).
    #[inline]
    pub fn holds(&'static self, h: &Handle<'_>) -> bool {
        #[cfg(not(feature = "abi-cpython"))]
        {
            self.load(h.context()).is_some_and(|held| held.is(h))
        }
        // In the CPython ABI a global and a handle are both the object's address: compared
        // without loading (a new reference) and closing.
        #[cfg(feature = "abi-cpython")]
        {
            // SAFETY: reads of the cell are serialised with writes (see the `Sync` impl).
            let global = unsafe { *self.cell.get() };
            global._i != 0 && global._i == h.as_raw()._i
        }
    }

    /// Whether the module registered the global (storing to it is allowed).
    pub(crate) fn is_registered(&self) -> bool {
        self.registered.load(Ordering::Relaxed)
    }

    /// Marks the global registered and returns the address of its `HPyGlobal`, for the
    /// module definition's `globals` array.
    pub(crate) fn register(&'static self) -> *mut ffi::HPyGlobal {
        self.registered.store(true, Ordering::Relaxed);
        self.cell.get()
    }
}

impl Default for Global {
    fn default() -> Self {
        Self::new()
    }
}

/// The type object of a `#[hpy::class]` or `#[hpy::exception]` (or of this library's
/// `PanicException`): a [`Global`] that the module fills when it executes and that nothing
/// else can store to. (Everything that trusts an object to be of a type — downcasts, the
/// layout of the values `Typed::new` writes — trusts this global.)
#[repr(transparent)]
pub struct TypeObject(pub(crate) Global);

impl TypeObject {
    /// An empty type object, filled when the module executes.
    pub const fn new() -> Self {
        TypeObject(Global::new())
    }

    /// A new handle to the type object, or `None` before the module created it.
    #[inline]
    pub fn load<'ctx>(&'static self, cx: Context<'ctx>) -> Option<Handle<'ctx>> {
        self.0.load(cx)
    }

    /// Stores the type object the module created.
    pub(crate) fn store(&'static self, ty: &Handle<'_>) {
        self.0.store(ty);
    }

    /// The type object for the rest of the call, or `None` before the module created it: a
    /// new handle in the universal ABI; in the CPython ABI the global's own reference, lent
    /// (no reference counted), which stays valid: a type object is stored once, when the
    /// module first executes, and never replaced or released while the library is loaded.
    #[inline(always)]
    pub(crate) fn get<'ctx>(&'static self, cx: Context<'ctx>) -> Option<TypeRef<'ctx>> {
        #[cfg(not(feature = "abi-cpython"))]
        {
            self.load(cx).map(TypeRef)
        }
        #[cfg(feature = "abi-cpython")]
        {
            // SAFETY: reads of the cell are serialised with writes (see `Global`'s `Sync`).
            let global = unsafe { *self.0.cell.get() };
            if global._i == 0 {
                return None;
            }
            // SAFETY: the stored type object, alive while the library is (see above); the
            // handle is never closed (`ManuallyDrop`).
            let handle = unsafe { Handle::from_raw(cx, ffi::HPy { _i: global._i }) };
            Some(TypeRef(core::mem::ManuallyDrop::new(handle)))
        }
    }
}

#[cfg(feature = "abi-cpython")]
impl TypeObject {
    /// [`TypeObject::get`] of a type object known to exist.
    ///
    /// # Safety
    /// The module must have created the type object.
    #[inline(always)]
    pub(crate) unsafe fn get_unchecked<'ctx>(&'static self, cx: Context<'ctx>) -> TypeRef<'ctx> {
        // SAFETY: reads of the cell are serialised with writes (see `Global`'s `Sync`).
        let global = unsafe { *self.0.cell.get() };
        debug_assert!(
            global._i != 0,
            "hpy-rs: a type object used before it was created"
        );
        // SAFETY: the stored type object (the caller's contract), alive while the library
        // is (see `get`); the handle is never closed (`ManuallyDrop`).
        let handle = unsafe { Handle::from_raw(cx, ffi::HPy { _i: global._i }) };
        TypeRef(core::mem::ManuallyDrop::new(handle))
    }
}

/// A type object for the duration of a call ([`TypeObject::get`]): owned in the universal
/// ABI, lent in the CPython ABI.
pub(crate) struct TypeRef<'ctx>(
    #[cfg(not(feature = "abi-cpython"))] Handle<'ctx>,
    #[cfg(feature = "abi-cpython")] core::mem::ManuallyDrop<Handle<'ctx>>,
);

impl<'ctx> core::ops::Deref for TypeRef<'ctx> {
    type Target = Handle<'ctx>;

    #[inline(always)]
    fn deref(&self) -> &Handle<'ctx> {
        &self.0
    }
}

impl Default for TypeObject {
    fn default() -> Self {
        Self::new()
    }
}
