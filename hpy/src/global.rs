//! [`Global`]: a module-level reference that outlives a call.

use core::cell::UnsafeCell;

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
/// Declare globals inside the `#[hpy::module]` module so the module definition registers
/// them with the runtime (HPy's `HPyModuleDef.globals`), as alternative Python
/// implementations require.
pub struct Global {
    cell: UnsafeCell<ffi::HPyGlobal>,
}

// SAFETY: a `Global` is only read or written through a `Context`, that is by a thread inside
// an HPy call, and the runtime serialises those (CPython's GIL).
unsafe impl Sync for Global {}

impl Global {
    /// An empty global; [`Global::load`] returns `None` until something is stored.
    pub const fn new() -> Self {
        Global {
            cell: UnsafeCell::new(ffi::HPyGlobal_NULL),
        }
    }

    /// Stores a reference to `value`'s object, replacing the previous one.
    pub fn store(&'static self, value: &Handle<'_>) {
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

    /// The address of the underlying `HPyGlobal`, for the module definition's `globals` array.
    #[doc(hidden)]
    pub const fn as_ptr(&'static self) -> *mut ffi::HPyGlobal {
        self.cell.get()
    }
}

impl Default for Global {
    fn default() -> Self {
        Self::new()
    }
}
