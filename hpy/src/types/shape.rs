//! Where a class's payload lies in its objects: after HPy's hidden header (the default, HPy's
//! *object* shape), or after the CPython `PyObject` header the object's own memory begins with
//! (the *legacy* shape of a class with legacy slots, `#[hpy::class(legacy_slots = ...)]`).
//!
//! For the object shape, HPy adds its header to `basicsize` and hands out payload addresses;
//! for the legacy shape it adds nothing, hands out (and passes to `tp_destroy`/`tp_traverse`)
//! the object's own address, and the payload is [`LEGACY_PAYLOAD_OFFSET`] bytes in: the layout
//! of [`LegacyObject`]. That layout is CPython's, fixed at compile time so that members and
//! C-API code find the value at a constant offset; `register_type` refuses a legacy class on
//! an interpreter whose object header differs (see [`check_legacy_header`]).

use super::Payload;
use crate::ffi::cpython_layout::PyObjectHeader;

/// An object of a legacy-shaped class: CPython's header, then the payload (aligned to 16).
#[repr(C)]
struct LegacyObject<S> {
    _header: PyObjectHeader,
    payload: Payload<S>,
}

/// Where the payload starts in an object of a legacy-shaped class.
pub(crate) const LEGACY_PAYLOAD_OFFSET: usize = core::mem::offset_of!(LegacyObject<()>, payload);

/// The `basicsize` of a class with storage `S`: the payload for the object shape (HPy adds its
/// header), the whole object for the legacy shape.
pub const fn basicsize<S>(legacy: bool) -> usize {
    if legacy {
        core::mem::size_of::<LegacyObject<S>>()
    } else {
        core::mem::size_of::<Payload<S>>()
    }
}

/// The offset of the payload from the address HPy's legacy-shape functions give
/// (`HPy_AsStruct_Legacy`, the `data` of `HPy_New`, what `tp_destroy` receives), or from the
/// payload itself for the object shape.
pub(crate) const fn payload_offset(legacy: bool) -> usize {
    if legacy { LEGACY_PAYLOAD_OFFSET } else { 0 }
}

/// Refuses a legacy class where the interpreter's object header is not CPython's (PyPy's
/// cpyext has a third word, for instance), measured as the offset HPy gives a payload
/// (`header`, from the probe type; 0 where it could not be measured).
pub(crate) fn check_legacy_header(name: &str, header: usize) -> crate::Result<()> {
    if header == LEGACY_PAYLOAD_OFFSET {
        return Ok(());
    }
    Err(crate::exceptions::TypeError::new_err(format!(
        "{name}: a class with legacy slots needs CPython's object layout (a payload \
         {LEGACY_PAYLOAD_OFFSET} bytes into the object), and this interpreter's is {}",
        if header == 0 {
            "unknown".to_string()
        } else {
            format!("{header} bytes in")
        }
    )))
}
