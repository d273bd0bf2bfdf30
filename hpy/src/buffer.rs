//! Exporting memory through the buffer protocol: what a type's `__getbuffer__` returns.
//!
//! ```
//! use std::cell::Cell;
//!
//! use hpy::prelude::*;
//! use hpy::Buffer;
//!
//! #[hpy::module]
//! mod samples {
//!     use super::*;
//!
//!     #[hpy::class]
//!     pub struct Samples {
//!         data: Vec<f64>,
//!         exports: Cell<usize>,
//!     }
//!
//!     #[hpy::methods]
//!     impl Samples {
//!         fn __getbuffer__(&self) -> Buffer {
//!             self.exports.set(self.exports.get() + 1);
//!             // SAFETY: `data` is neither resized nor dropped while exports are live (see
//!             // `push`); the object outlives the view (the view holds a reference to it).
//!             unsafe { Buffer::from_slice(&self.data) }
//!         }
//!
//!         fn __releasebuffer__(&self) {
//!             self.exports.set(self.exports.get() - 1);
//!         }
//!
//!         fn push(&mut self, value: f64) -> Result<()> {
//!             if self.exports.get() > 0 {
//!                 return Err(hpy::exceptions::BufferError::new_err("exported"));
//!             }
//!             self.data.push(value);
//!             Ok(())
//!         }
//!     }
//! }
//! # fn main() {}
//! ```
//!
//! The generated slot honours the consumer's request flags (a writable request of a read-only
//! buffer, or a contiguous request of a strided one, raises `BufferError`), keeps the shape
//! and strides alive until the view is released, and calls `__releasebuffer__` exactly once
//! for every successful `__getbuffer__`.
//!
//! `__releasebuffer__` runs when the consumer lets go of the view, which may happen while a
//! method of the object is running (Python code it calls drops the view). Taking `&self`
//! (counting in a `Cell`, as above) keeps that working unless the running method holds the
//! value mutably; then the borrow fails, the release is reported as unraisable and its count
//! is lost (the data stays locked: safe, but stuck). Do not call into Python from a
//! `&mut self` method of an exporter while views may be released.

use core::ffi::{CStr, c_void};

use crate::Result;
use crate::exceptions::BufferError;

/// An element type of an exported buffer: its `struct` module format and size.
///
/// # Safety
/// `FORMAT` must describe `Self` exactly (size and representation) in native byte order and
/// alignment.
pub unsafe trait Element: Copy {
    /// The `struct` format character(s).
    const FORMAT: &'static CStr;
}

macro_rules! elements {
    ($($ty:ty => $format:literal),* $(,)?) => {$(
        // SAFETY: the native `struct` format of this primitive type.
        unsafe impl Element for $ty {
            const FORMAT: &'static CStr = $format;
        }
    )*};
}

elements! {
    u8 => c"B", i8 => c"b", u16 => c"H", i16 => c"h", u32 => c"I", i32 => c"i",
    u64 => c"Q", i64 => c"q", usize => c"N", isize => c"n", f32 => c"f", f64 => c"d",
    bool => c"?",
}

/// Memory a `__getbuffer__` exports: where it is, its element format and size, its shape and
/// strides, and whether consumers may write to it.
#[derive(Debug)]
pub struct Buffer {
    pub(crate) ptr: *mut c_void,
    pub(crate) readonly: bool,
    pub(crate) itemsize: usize,
    pub(crate) format: &'static CStr,
    pub(crate) shape: Vec<usize>,
    /// In bytes.
    pub(crate) strides: Vec<isize>,
}

impl Buffer {
    /// A read-only, one-dimensional buffer over `data`.
    ///
    /// # Safety
    /// The memory of `data` must stay valid, unmoved and unmodified until the matching
    /// `__releasebuffer__`: the view keeps the object alive, not the borrow this reference
    /// came from. Typically the type counts its exports and refuses to resize or replace the
    /// data while any is live.
    pub unsafe fn from_slice<T: Element>(data: &[T]) -> Self {
        Buffer::contiguous::<T>(data.as_ptr().cast_mut().cast(), data.len(), true)
    }

    /// A writable, one-dimensional buffer over `data`.
    ///
    /// # Safety
    /// As for [`Buffer::from_slice`]; moreover Python code may write to the memory through the
    /// view at any time until it is released, so Rust must not hold references to it across
    /// calls into Python meanwhile (keep such data in `Cell`s or behind raw pointers).
    pub unsafe fn from_mut_slice<T: Element>(data: &mut [T]) -> Self {
        Buffer::contiguous::<T>(data.as_mut_ptr().cast(), data.len(), false)
    }

    /// A buffer of any layout.
    ///
    /// `strides` are in bytes, one per dimension of `shape`.
    ///
    /// # Safety
    /// Every element the shape and strides address must lie in memory that stays valid (and
    /// holds a `format` value of `itemsize` bytes) until the matching `__releasebuffer__`;
    /// see also [`Buffer::from_mut_slice`] for writable buffers.
    pub unsafe fn from_raw_parts(
        ptr: *mut c_void,
        format: &'static CStr,
        itemsize: usize,
        shape: Vec<usize>,
        strides: Vec<isize>,
        readonly: bool,
    ) -> Result<Self> {
        if shape.len() != strides.len() {
            return Err(BufferError::new_err(
                "the buffer's shape and strides differ in length",
            ));
        }
        Ok(Buffer {
            ptr,
            readonly,
            itemsize,
            format,
            shape,
            strides,
        })
    }

    fn contiguous<T: Element>(ptr: *mut c_void, len: usize, readonly: bool) -> Self {
        let itemsize = size_of::<T>();
        Buffer {
            ptr,
            readonly,
            itemsize,
            format: T::FORMAT,
            shape: vec![len],
            strides: vec![itemsize as isize],
        }
    }

    /// The same elements as a C-contiguous (row-major) array of `shape`; `BufferError` if the
    /// buffer is not C-contiguous or `shape` holds a different number of elements.
    pub fn reshape(mut self, shape: &[usize]) -> Result<Self> {
        if !self.is_c_contiguous() {
            return Err(BufferError::new_err(
                "cannot reshape a non-contiguous buffer",
            ));
        }
        let count = |s: &[usize]| s.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
        if count(shape) != count(&self.shape) {
            return Err(BufferError::new_err(format!(
                "cannot reshape {} elements into shape {shape:?}",
                count(&self.shape).unwrap_or(usize::MAX)
            )));
        }
        self.strides = c_strides(shape, self.itemsize);
        self.shape = shape.to_vec();
        Ok(self)
    }

    /// The number of bytes the elements take.
    pub(crate) fn len_bytes(&self) -> usize {
        self.shape.iter().product::<usize>() * self.itemsize
    }

    /// Whether the elements are laid out in row-major order without gaps.
    pub(crate) fn is_c_contiguous(&self) -> bool {
        self.contiguous_along(self.shape.iter().zip(&self.strides).rev())
    }

    /// Whether the elements are laid out in column-major order without gaps.
    pub(crate) fn is_f_contiguous(&self) -> bool {
        self.contiguous_along(self.shape.iter().zip(&self.strides))
    }

    /// Whether each dimension, innermost first, steps over exactly the elements before it
    /// (dimensions of length 0 or 1 may have any stride, as in CPython's check).
    fn contiguous_along<'a>(&self, dims: impl Iterator<Item = (&'a usize, &'a isize)>) -> bool {
        if self.len_bytes() == 0 {
            return true;
        }
        let mut expected = self.itemsize as isize;
        for (&dim, &stride) in dims {
            if dim > 1 && stride != expected {
                return false;
            }
            expected *= dim as isize;
        }
        true
    }
}

/// Row-major strides, in bytes.
fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut step = itemsize as isize;
    for (stride, &dim) in strides.iter_mut().zip(shape).rev() {
        *stride = step;
        step *= dim.max(1) as isize;
    }
    strides
}
