//! Allocations whose size comes from Python: `MemoryError` instead of an abort.
//!
//! Rust's infallible allocations (`vec![x; n]`, `Vec::with_capacity`, `Vec::resize`) abort
//! the process when the allocator refuses (or panic on a capacity overflow), so a size that
//! Python code chose — `zeros(2**40)`, `a.resize(10**15)` — must not reach them. Allocate
//! such memory through this module instead: each function fails with the `MemoryError`
//! Python (and numpy) raise for the same request, and the conversions of this crate
//! (`Vec<T>`, `String`, `Vec<u8>` from Python objects) allocate this way too.
//!
//! ```
//! # fn f(n: usize) -> hpy::Result<()> {
//! // vec![0.0; n] aborts when n is too large; this raises MemoryError:
//! let mut data: Vec<f64> = hpy::alloc::vec_filled(0.0, n)?;
//! hpy::alloc::resize(&mut data, 2 * n, 0.0)?;
//! let doubled: Vec<f64> = hpy::alloc::collect(data.iter().map(|x| 2.0 * x))?;
//! // and for the standard library's own fallible calls, `?` converts the error:
//! data.try_reserve_exact(n)?;
//! # Ok(()) }
//! # f(4).unwrap();
//! ```
//!
//! A `MemoryError` only helps where the size is known before allocating. Memory that a
//! Python-chosen size makes Rust code allocate later, one infallible call at a time
//! (`collect()` on an iterator Python drives, `push` in a loop), still aborts if the
//! allocator gives up; reserve it here first.

use std::collections::TryReserveError;

use crate::exceptions::MemoryError;
use crate::{Error, Result};

/// [`vec_with_capacity`] through `Vec::try_reserve_exact`, whose error says what failed.
#[cold]
#[inline(never)]
fn vec_with_capacity_slowly<T>(capacity: usize) -> Result<Vec<T>> {
    let mut vec = Vec::new();
    reserve_exact(&mut vec, capacity)?;
    Ok(vec)
}

/// An empty vector with room for `capacity` items (`Vec::with_capacity`), or `MemoryError`.
#[inline]
pub fn vec_with_capacity<T>(capacity: usize) -> Result<Vec<T>> {
    // One allocation straight from the global allocator: growing an empty `Vec`
    // (`try_reserve_exact`) takes a general, out-of-line path that costs about as much again
    // as a small `malloc`.
    // (Either failure goes the general way, which says why.)
    let Ok(layout) = std::alloc::Layout::array::<T>(capacity) else {
        return vec_with_capacity_slowly(capacity);
    };
    if layout.size() == 0 {
        return Ok(Vec::new());
    }
    // SAFETY: a layout of non-zero size.
    let pointer = unsafe { std::alloc::alloc(layout) }.cast::<T>();
    if pointer.is_null() {
        return vec_with_capacity_slowly(capacity);
    }
    // SAFETY: allocated by the global allocator with the layout of `capacity` items of `T`
    // (what a `Vec<T>` of that capacity owns); no item is initialised (length 0).
    Ok(unsafe { Vec::from_raw_parts(pointer, 0, capacity) })
}

/// `len` clones of `value` (`vec![value; len]`), or `MemoryError`.
pub fn vec_filled<T: Clone>(value: T, len: usize) -> Result<Vec<T>> {
    let mut vec = Vec::new();
    resize(&mut vec, len, value)?;
    Ok(vec)
}

/// `vec.resize(new_len, value)`, or `MemoryError` (the vector is then unchanged).
pub fn resize<T: Clone>(vec: &mut Vec<T>, new_len: usize, value: T) -> Result<()> {
    if let Some(additional) = new_len.checked_sub(vec.len()) {
        reserve_exact(vec, additional)?;
    }
    vec.resize(new_len, value);
    Ok(())
}

/// The items of an iterator, collected into a vector (`Iterator::collect`), or
/// `MemoryError`.
///
/// An iterator that knows its exact length (its `size_hint` says so, as a `map` over a
/// slice does) is collected with one allocation; any other grows the vector as it goes, each
/// growth fallible.
pub fn collect<T>(items: impl IntoIterator<Item = T>) -> Result<Vec<T>> {
    let items = items.into_iter();
    let (lower, upper) = items.size_hint();
    let mut vec = vec_with_capacity(lower)?;
    if upper == Some(lower) {
        vec.extend(items);
    } else {
        for item in items {
            if vec.len() == vec.capacity() {
                reserve(&mut vec, 1)?;
            }
            vec.push(item);
        }
    }
    Ok(vec)
}

/// `vec.reserve_exact(additional)`, or `MemoryError`.
pub fn reserve_exact<T>(vec: &mut Vec<T>, additional: usize) -> Result<()> {
    vec.try_reserve_exact(additional)
        .map_err(|e| memory_error(e, additional, size_of::<T>()))
}

/// `vec.reserve(additional)` (room for at least `additional` more, amortised), or
/// `MemoryError`.
pub fn reserve<T>(vec: &mut Vec<T>, additional: usize) -> Result<()> {
    vec.try_reserve(additional)
        .map_err(|e| memory_error(e, additional, size_of::<T>()))
}

/// The `MemoryError` for `count` more items of `item_size` bytes.
#[cold]
fn memory_error(err: TryReserveError, count: usize, item_size: usize) -> Error {
    let message = match count.checked_mul(item_size) {
        Some(bytes) => {
            format!("cannot allocate {bytes} bytes ({count} items of {item_size} bytes): {err}")
        }
        None => format!("cannot allocate {count} items of {item_size} bytes: {err}"),
    };
    MemoryError::new_err(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_memory_error(err: &Error) -> bool {
        err.to_string().starts_with("MemoryError: cannot allocate")
    }

    #[test]
    fn sizes_that_cannot_be_allocated_are_memory_errors() {
        let err = vec_filled(0.0f64, usize::MAX / 4).unwrap_err();
        assert!(is_memory_error(&err), "{err}");
        let err = vec_with_capacity::<u64>(1 << 60).unwrap_err();
        assert!(is_memory_error(&err), "{err}");
        // Larger than the address space, but not than `isize::MAX` items of one byte: the
        // allocator itself refuses.
        let err = vec_with_capacity::<u8>(1 << 62).unwrap_err();
        assert!(is_memory_error(&err), "{err}");
    }

    #[test]
    fn a_failed_resize_leaves_the_vector_unchanged() {
        let mut v = vec![1u32, 2, 3];
        let err = resize(&mut v, usize::MAX, 0).unwrap_err();
        assert!(is_memory_error(&err), "{err}");
        assert_eq!(v, [1, 2, 3]);
        resize(&mut v, 5, 9).unwrap();
        assert_eq!(v, [1, 2, 3, 9, 9]);
        resize(&mut v, 1, 0).unwrap();
        assert_eq!(v, [1]);
    }

    #[test]
    fn reservations_that_fit_succeed() {
        let mut v: Vec<u8> = vec_with_capacity(100).unwrap();
        assert!(v.capacity() >= 100);
        reserve(&mut v, 1000).unwrap();
        assert!(v.capacity() >= 1000);
        assert_eq!(vec_filled('x', 3).unwrap(), ['x'; 3]);
    }

    #[test]
    fn collect_allocates_once_for_an_exact_length_and_grows_otherwise() {
        let data = [1.0f64, 2.0, 3.0];
        let doubled = collect(data.iter().map(|x| x * 2.0)).unwrap();
        assert_eq!(doubled, [2.0, 4.0, 6.0]);
        assert_eq!(doubled.capacity(), 3);
        let odd = collect((0..100).filter(|n| n % 2 == 1)).unwrap();
        assert_eq!(odd.len(), 50);
        assert_eq!(odd[49], 99);
        let err = collect(core::iter::repeat_n(0u64, 1 << 62)).unwrap_err();
        assert!(is_memory_error(&err), "{err}");
    }

    #[test]
    fn try_reserve_errors_convert_with_question_mark() {
        fn reserve_too_much() -> Result<()> {
            Vec::<u64>::new().try_reserve(usize::MAX)?;
            Ok(())
        }
        let err = reserve_too_much().unwrap_err();
        assert!(err.to_string().starts_with("MemoryError: "), "{err}");
    }
}
