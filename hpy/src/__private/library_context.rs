//! The library's context: the one the runtime gave `HPyInitGlobalContext_<name>` when it
//! first loaded this shared library, through which the CPython trampolines reach HPy. There
//! is one per shared library (each `.hpy0.so` statically links its own copy of this crate),
//! however many times it is loaded.
//!
//! **Loading the same library twice.** `hpy.universal` `dlopen`s the file again, which gives
//! back the library already loaded, statics included, then hands it the context of the new
//! load's mode. A second load in the *same* mode (a re-import) is fine: the context is the
//! same, and the module's types, which live in this library's globals, are shared with the
//! first load (`register_type` finds them), so objects of either load work with both. A load
//! in *another* mode cannot be kept apart: the trampolines of both would use one context,
//! and the type objects one set of globals. So the new context is not stored, and
//! `HPyInit_<name>` gives that load a definition whose only slot, a create slot, raises an
//! `ImportError` ([`module_definition`]): no module object is made at all (HPy 0.9's loader
//! frees the definition of a module it fails to execute while the module may live on: see
//! `exec_module`). The first load carries on in its own mode. (A copy of the `.so` under
//! another path is another library, with its own statics: that is how to have both modes in
//! one process.)

use core::ffi::{CStr, c_void};
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use super::{Def, ModuleDef, hpyfunc};
use crate::exceptions::ImportError;
use crate::ffi;

/// The context trampolines hand their calls to: the one the runtime gave this shared library
/// at its first load, once checked complete, and until then [`NOT_INITIALISED`]. Either way
/// its `ctx_CallRealFunctionFromTrampoline` is set, so a trampoline calls it unconditionally,
/// like HPy's C trampolines.
static CONTEXT: AtomicPtr<ffi::HPyContext> =
    AtomicPtr::new((&raw const NOT_INITIALISED.0).cast_mut());

/// The context of the latest load, when it was refused (another mode than [`CONTEXT`]'s);
/// null when the latest load was accepted.
static REFUSED: AtomicPtr<ffi::HPyContext> = AtomicPtr::new(ptr::null_mut());

/// A context whose only function is [`not_initialised`] (never written to).
static NOT_INITIALISED: Placeholder = Placeholder({
    // SAFETY: every field of a context is a pointer, an integer, a handle or an `Option` of
    // a function pointer, for all of which zero is a valid value.
    let mut ctx: ffi::HPyContext = unsafe { core::mem::zeroed() };
    ctx.ctx_CallRealFunctionFromTrampoline = Some(not_initialised);
    ctx
});

/// [`NOT_INITIALISED`]'s type: a context is not `Sync` (it holds raw pointers).
struct Placeholder(ffi::HPyContext);

// SAFETY: the placeholder is immutable, and its pointers are null.
unsafe impl Sync for Placeholder {}

/// The library's context, or the placeholder before one was stored.
#[inline(always)]
pub(crate) fn current() -> *mut ffi::HPyContext {
    CONTEXT.load(Ordering::Acquire)
}

/// Records the context of a load (the body of `HPyInitGlobalContext_<name>`).
///
/// The first complete context is stored for the trampolines. A context that lacks a
/// function is not stored (the module's exec slot refuses it with an `ImportError`; see
/// `check_context`). A later load with a context of another mode is refused (see the module
/// documentation); one of the same mode is accepted.
///
/// # Safety
/// `ctx` must be null or a context that stays valid for as long as the library is loaded.
pub unsafe fn init_context(ctx: *mut ffi::HPyContext) {
    if ctx.is_null() {
        return;
    }
    let stored = current();
    if stored == (&raw const NOT_INITIALISED.0).cast_mut() {
        // SAFETY: the caller's contract: `ctx` is a valid context.
        if unsafe { (*ctx).first_missing_function() }.is_none() {
            CONTEXT.store(ctx, Ordering::Release);
        }
        REFUSED.store(ptr::null_mut(), Ordering::Release);
    } else if stored == ctx || mode_name(stored) == mode_name(ctx) {
        REFUSED.store(ptr::null_mut(), Ordering::Release);
    } else {
        REFUSED.store(ctx, Ordering::Release);
    }
}

/// The definition `HPyInit_<name>` returns: the module's, unless [`init_context`] refused
/// this load, in which case the refusal's (see the module documentation).
pub fn module_definition(module: &'static ModuleDef) -> *mut ffi::HPyModuleDef {
    if REFUSED.load(Ordering::Acquire).is_null() {
        module.as_ptr()
    } else {
        (&raw const REFUSAL.0).cast_mut()
    }
}

/// A definition with a create slot only (HPy then allows nothing else), which raises.
static REFUSAL: RawModuleDef = RawModuleDef(ffi::HPyModuleDef {
    doc: ptr::null(),
    size: 0,
    legacy_methods: ptr::null_mut(),
    defines: (&raw const REFUSAL_DEFINES.0).cast_mut().cast(),
    globals: ptr::null_mut(),
});

static REFUSAL_DEFINES: RawDefines = RawDefines([REFUSE.as_ptr(), ptr::null()]);

// SAFETY: `refuse` runs through an `Entry` and only raises; its trampoline hands its
// argument to the runtime.
static REFUSE: Def = unsafe {
    hpyfunc::mod_create::slot(
        hpyfunc::mod_create::Slot::HPy_mod_create,
        refuse,
        refuse_trampoline,
    )
};

/// [`REFUSAL`]'s type: a definition holds raw pointers (to statics, never written to).
struct RawModuleDef(ffi::HPyModuleDef);
/// [`REFUSAL_DEFINES`]'s type.
struct RawDefines([*const ffi::HPyDef; 2]);

// SAFETY: immutable, and pointing only to immutable statics.
unsafe impl Sync for RawModuleDef {}
// SAFETY: as above.
unsafe impl Sync for RawDefines {}

/// The refusal's create slot: the `ImportError` naming both modes.
unsafe extern "C" fn refuse(ctx: *mut ffi::HPyContext, spec: ffi::HPy) -> ffi::HPy {
    // SAFETY: the runtime calls the create slot with the call's context (the library's,
    // through the trampoline) and lends it the spec.
    let entry = unsafe { super::Entry::new(ctx) };
    entry.run_o(ffi::HPy_NULL, spec, |cx, spec| {
        let name = spec
            .getattr(c"name")
            .and_then(|n| n.extract::<String>())
            .unwrap_or_else(|e| {
                e.clear(cx);
                "?".to_owned()
            });
        let refused = mode_name(REFUSED.load(Ordering::Acquire));
        let first = mode_name(current());
        Err(ImportError::new_err(format!(
            "cannot load the HPy extension module '{name}' in {refused} mode: this process \
             already loaded its library in {first} mode, and one library runs in one mode per \
             process (its calls reach HPy through the context it was first loaded with, and \
             its types live in its globals); load it in {first} mode, or load a copy of the \
             .so file"
        )))
    })
}

unsafe extern "C" fn refuse_trampoline(
    spec: *mut ffi::cpy_PyObject,
    def: *mut ffi::cpy_PyModuleDef,
) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls the create slot with the spec and the module definition.
    unsafe { hpyfunc::mod_create::trampoline(refuse, spec, def) }
}

/// The HPy mode of a context, from its name (`"HPy Debug Mode ABI"` → `"debug"`); the whole
/// name for a runtime that names its contexts otherwise.
fn mode_name(ctx: *mut ffi::HPyContext) -> String {
    // SAFETY: `ctx` is the placeholder or a context the runtime gave `init_context`, valid
    // for as long as the library is loaded.
    let name = unsafe { (*ctx).name };
    if name.is_null() {
        return String::new();
    }
    // SAFETY: a context's name is a static NUL-terminated string.
    let name = unsafe { CStr::from_ptr(name) }.to_string_lossy();
    let known = [
        ("HPy Universal ABI", "universal"),
        ("HPy Debug Mode ABI", "debug"),
        ("HPy Trace Mode ABI", "trace"),
    ];
    known
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map_or_else(|| name.into_owned(), |(_, mode)| (*mode).to_owned())
}

/// [`NOT_INITIALISED`]'s function: a trampoline ran before the runtime initialised this
/// library with a complete context. Nothing can be raised, so it aborts.
unsafe extern "C" fn not_initialised(
    _ctx: *mut ffi::HPyContext,
    _sig: ffi::HPyFunc_Signature,
    _impl: ffi::HPyCFunction,
    _args: *mut c_void,
) {
    eprintln!(
        "hpy-rs: fatal: an HPy trampoline ran before the runtime gave this library a \
         complete context"
    );
    std::process::abort()
}
