//! [`SliceOrIndex`]: the key of `a[i]` and `a[i:j:k]` for sequence-like types, resolved the
//! way CPython resolves list subscripts.

use crate::context::call;
use crate::exceptions::{IndexError, OverflowError, TypeError};
use crate::{BuiltinType, Error, FromPy, Handle, Result};

/// The key of a subscript on a sequence: an integer (anything with `__index__`) or a slice.
///
/// As the key of `__getitem__` / `__setitem__` / `__delitem__`, it makes `#[hpy::methods]`
/// fill both the mapping slot (so `a[1:3]` reaches the method) and the sequence slot (so
/// `iter()`, `reversed()` and `in` work through the sequence protocol). A key of another type
/// raises CPython's `TypeError` ("array indices must be integers or slices, not str").
#[derive(Debug)]
pub enum SliceOrIndex<'a, 'ctx> {
    /// An integer index, negative ones counting from the end.
    Index(isize),
    /// A slice object (`resolve` refuses anything else with `TypeError`).
    Slice(&'a Handle<'ctx>),
}

/// A [`SliceOrIndex`] resolved against a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscript {
    /// The position an index designates, or `None` if it is out of range.
    Index(Option<usize>),
    /// The positions a slice selects.
    Slice(SliceRange),
}

/// The positions a slice selects in a sequence: `len` positions from `start`, `step` apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SliceRange {
    /// The first position (meaningless when `len` is 0).
    pub start: isize,
    /// The distance between positions (never 0).
    pub step: isize,
    /// How many positions.
    pub len: usize,
}

impl SliceRange {
    /// The positions, in order.
    pub fn positions(self) -> impl ExactSizeIterator<Item = usize> {
        (0..self.len).map(move |k| (self.start + k as isize * self.step) as usize)
    }
}

impl<'a, 'ctx> SliceOrIndex<'a, 'ctx> {
    /// The key the sequence slot (`sq_item`) receives: CPython already counted a negative
    /// index from the end there, so one still negative is out of range.
    #[doc(hidden)]
    pub fn from_sequence_index(index: isize) -> Self {
        SliceOrIndex::Index(if index < 0 { isize::MIN } else { index })
    }

    /// Resolves the key against a sequence of `len` items, as CPython does for lists: a
    /// negative index counts from the end; slice bounds are clipped. Fails only for a slice
    /// whose step is zero (`ValueError`) or whose bounds are not integers (`TypeError`).
    #[inline(always)]
    pub fn resolve(&self, len: usize) -> Result<Subscript> {
        // The index inline (the common case, a few instructions); a slice out of line.
        match *self {
            SliceOrIndex::Index(index) => Ok(Subscript::Index(position(index, len))),
            SliceOrIndex::Slice(slice) => resolve_slice(slice, len),
        }
    }
}

/// [`SliceOrIndex::resolve`] of a slice.
#[inline(never)]
fn resolve_slice(slice: &Handle<'_>, len: usize) -> Result<Subscript> {
    let cx = slice.context();
    // The variant is public, so it may hold any object; `HPySlice_Unpack` reads its argument
    // as a slice without checking (and `slice` has no subclasses).
    // SAFETY: `slice` is open; `h_SliceType` is a constant type handle.
    if unsafe { call!(cx, ctx_TypeCheck(slice.as_raw(), cx.table().h_SliceType)) } == 0 {
        return Err(Error::wrong_type("slice", slice));
    }
    let (mut start, mut stop, mut step) = (0, 0, 0);
    // SAFETY: `slice` is an open slice object; the outputs are valid locals.
    let status = unsafe {
        call!(
            cx,
            ctx_Slice_Unpack(slice.as_raw(), &mut start, &mut stop, &mut step)
        )
    };
    if status < 0 {
        return Err(Error::set());
    }
    let len = isize::try_from(len).unwrap_or(isize::MAX);
    let (start, count) = adjust(start, stop, step, len);
    Ok(Subscript::Slice(SliceRange {
        start,
        step,
        len: count,
    }))
}

/// The position of `index` in `len` items, counting a negative index from the end.
#[inline]
fn position(index: isize, len: usize) -> Option<usize> {
    let position = if index < 0 {
        len.checked_sub(index.unsigned_abs())?
    } else {
        index as usize
    };
    (position < len).then_some(position)
}

/// CPython's `PySlice_AdjustIndices`: clips unpacked bounds to `len` items and returns the
/// first position and the number of positions.
fn adjust(mut start: isize, mut stop: isize, step: isize, len: isize) -> (isize, usize) {
    let clip = |bound: &mut isize, low: isize, high: isize| {
        if *bound < 0 {
            *bound += len;
            if *bound < 0 {
                *bound = low;
            }
        } else if *bound >= len {
            *bound = high;
        }
    };
    if step > 0 {
        clip(&mut start, 0, len);
        clip(&mut stop, 0, len);
        let count = if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        (start, count as usize)
    } else {
        clip(&mut start, -1, len - 1);
        clip(&mut stop, -1, len - 1);
        let count = if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        (start, count as usize)
    }
}

impl<'a, 'ctx> FromPy<'a, 'ctx> for SliceOrIndex<'a, 'ctx> {
    #[inline]
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        // An integer first: the common case costs one conversion, inline.
        match isize::from_py(obj) {
            Ok(index) => Ok(SliceOrIndex::Index(index)),
            Err(e) => not_an_index(obj, e),
        }
    }
}

/// [`SliceOrIndex::from_py`] for an object that did not convert to an index (`e` says why):
/// a slice, or the error a list would raise.
#[cold]
#[inline(never)]
fn not_an_index<'a, 'ctx>(obj: &'a Handle<'ctx>, e: Error) -> Result<SliceOrIndex<'a, 'ctx>> {
    let cx = obj.context();
    if obj.is_instance_of(BuiltinType::SliceType) {
        e.clear(cx);
        Ok(SliceOrIndex::Slice(obj))
    } else if e.matches(cx, OverflowError) {
        // As for lists: an index too large for any sequence is out of range.
        e.clear(cx);
        Err(IndexError::new_err(
            "cannot fit 'int' into an index-sized integer",
        ))
    } else if e.matches(cx, TypeError) {
        e.clear(cx);
        Err(Error::wrong_type("integers or slices", obj))
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::{adjust, position};

    /// What Python gives for `list(range(len))[start:stop:step]` as (first, count).
    fn python(
        len: isize,
        start: Option<isize>,
        stop: Option<isize>,
        step: isize,
    ) -> (isize, usize) {
        // PySlice_Unpack's defaults for missing bounds.
        let (start, stop) = if step > 0 {
            (start.unwrap_or(0), stop.unwrap_or(isize::MAX))
        } else {
            (start.unwrap_or(isize::MAX), stop.unwrap_or(isize::MIN))
        };
        adjust(start, stop, step, len)
    }

    #[test]
    fn indices_count_from_the_end_when_negative() {
        assert_eq!(position(0, 3), Some(0));
        assert_eq!(position(2, 3), Some(2));
        assert_eq!(position(3, 3), None);
        assert_eq!(position(-1, 3), Some(2));
        assert_eq!(position(-3, 3), Some(0));
        assert_eq!(position(-4, 3), None);
        assert_eq!(position(isize::MIN, 3), None);
        assert_eq!(position(0, 0), None);
    }

    #[test]
    fn slices_are_clipped_like_lists() {
        // [0, 1, 2, 3, 4][1:3] == [1, 2]
        assert_eq!(python(5, Some(1), Some(3), 1), (1, 2));
        // [0..5][::2] == [0, 2, 4]
        assert_eq!(python(5, None, None, 2), (0, 3));
        // [0..5][::-1] == [4, 3, 2, 1, 0]
        assert_eq!(python(5, None, None, -1), (4, 5));
        // [0..5][-2:] == [3, 4]
        assert_eq!(python(5, Some(-2), None, 1), (3, 2));
        // [0..5][10:20] == []
        assert_eq!(python(5, Some(10), Some(20), 1).1, 0);
        // [0..5][3:1] == []
        assert_eq!(python(5, Some(3), Some(1), 1).1, 0);
        // [0..5][3:0:-2] == [3, 1]
        assert_eq!(python(5, Some(3), Some(0), -2), (3, 2));
        // [0..5][-10:-20:-1] == []
        assert_eq!(python(5, Some(-10), Some(-20), -1).1, 0);
    }
}
