//! The `bf_getbuffer` / `bf_releasebuffer` slots: filling the consumer's view from a
//! [`Buffer`] as its request flags ask, and freeing what the view borrowed on release.

use core::ffi::c_int;

use crate::__private::Entry;
use crate::buffer::Buffer;
use crate::exceptions::BufferError;
use crate::{Context, Handle, Result, ffi};

// The request flags (`PyBUF_*`, CPython's Include/pybuffer.h), which HPy 0.9 passes through
// unchanged and does not define itself.
const WRITABLE: c_int = 0x0001;
const FORMAT: c_int = 0x0004;
const ND: c_int = 0x0008;
const STRIDES: c_int = 0x0010 | ND;
const C_CONTIGUOUS: c_int = 0x0020 | STRIDES;
const F_CONTIGUOUS: c_int = 0x0040 | STRIDES;
const ANY_CONTIGUOUS: c_int = 0x0080 | STRIDES;

/// What a view points to besides the data, owned by the view until it is released.
struct Layout {
    shape: Box<[ffi::HPy_ssize_t]>,
    strides: Box<[ffi::HPy_ssize_t]>,
}

/// Fills `view` — the view the runtime passed to the `bf_getbuffer` call of `entry` — to
/// export `buffer` of the object `obj`, or raises `BufferError` if the request `flags` cannot
/// be met.
#[expect(
    clippy::not_unsafe_ptr_arg_deref,
    reason = "`view` is the runtime's for this call: the contract of `Entry::new`, the only way to get `entry`"
)]
pub fn export_buffer(
    _entry: Entry,
    obj: &Handle<'_>,
    buffer: Buffer,
    view: *mut ffi::HPy_buffer,
    flags: c_int,
) -> Result<c_int> {
    check_request(&buffer, flags)?;
    let has = |flag: c_int| flags & flag == flag;
    let too_big = || BufferError::new_err("buffer too large");
    let signed = |n: usize| ffi::HPy_ssize_t::try_from(n).map_err(|_| too_big());
    let shape = buffer
        .shape
        .iter()
        .map(|&d| signed(d))
        .collect::<Result<Box<[_]>>>()?;
    let ndim = c_int::try_from(shape.len()).map_err(|_| too_big())?;
    let layout = Box::into_raw(Box::new(Layout {
        shape,
        strides: buffer
            .strides
            .iter()
            .map(|&s| s as ffi::HPy_ssize_t)
            .collect(),
    }));
    // SAFETY: just allocated; the view owns it until `release_buffer` frees it.
    let (shape, strides) =
        unsafe { ((*layout).shape.as_mut_ptr(), (*layout).strides.as_mut_ptr()) };
    let exported = ffi::HPy_buffer {
        buf: buffer.ptr,
        obj: obj.clone().into_raw(),
        len: signed(buffer.len_bytes())?,
        itemsize: signed(buffer.itemsize)?,
        readonly: c_int::from(buffer.readonly),
        ndim,
        format: if has(FORMAT) {
            buffer.format.as_ptr().cast_mut()
        } else {
            core::ptr::null_mut()
        },
        shape: if has(ND) {
            shape
        } else {
            core::ptr::null_mut()
        },
        strides: if has(STRIDES) {
            strides
        } else {
            core::ptr::null_mut()
        },
        suboffsets: core::ptr::null_mut(),
        internal: layout.cast(),
    };
    // SAFETY: the runtime's view for this call (the contract of `Entry`), which it turns into
    // the consumer's `Py_buffer`, taking over the `obj` reference.
    unsafe { view.write(exported) };
    Ok(0)
}

/// `BufferError` if `buffer` cannot be exported as `flags` request, with CPython's wording.
fn check_request(buffer: &Buffer, flags: c_int) -> Result<()> {
    let has = |flag: c_int| flags & flag == flag;
    if has(WRITABLE) && buffer.readonly {
        return Err(BufferError::new_err("Object is not writable."));
    }
    let contiguous = if has(C_CONTIGUOUS) || !has(STRIDES) {
        buffer.is_c_contiguous()
    } else if has(F_CONTIGUOUS) {
        buffer.is_f_contiguous()
    } else if has(ANY_CONTIGUOUS) {
        buffer.is_c_contiguous() || buffer.is_f_contiguous()
    } else {
        true
    };
    if !contiguous {
        let order = if has(C_CONTIGUOUS) || !has(STRIDES) {
            "C-contiguous"
        } else if has(F_CONTIGUOUS) {
            "Fortran contiguous"
        } else {
            "contiguous"
        };
        return Err(BufferError::new_err(format!("buffer is not {order}")));
    }
    Ok(())
}

/// The `bf_releasebuffer` body: runs `user` (the type's `__releasebuffer__`, or nothing) and
/// frees what the view borrowed. An error cannot propagate from here; it is reported as
/// unraisable, like CPython does in its own release paths.
///
/// `obj` and `view` are what the runtime passed to the `bf_releasebuffer` call of `entry`, for
/// a view [`export_buffer`] filled.
#[expect(
    clippy::not_unsafe_ptr_arg_deref,
    reason = "`view` is the runtime's for this call: the contract of `Entry::new`, the only way to get `entry`"
)]
pub fn release_buffer(
    entry: Entry,
    obj: ffi::HPy,
    view: *mut ffi::HPy_buffer,
    user: impl for<'a, 'ctx> FnOnce(Context<'ctx>, &'a Handle<'ctx>) -> Result<c_int>,
) {
    entry.run_o((), obj, |cx, this| {
        if let Err(error) = user(cx, this) {
            error.write_unraisable(this);
        }
        Ok(())
    });
    // SAFETY: the runtime's view for this call (the contract of `Entry`); `internal` is the
    // `Layout` `export_buffer` leaked for this view, freed only here.
    drop(unsafe { Box::from_raw((*view).internal.cast::<Layout>()) });
}
