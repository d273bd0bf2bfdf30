//! `picoarray`: a one-dimensional `float64` array written with hpy-rs — a drop-in for
//! [piconumpy](https://github.com/paugier/piconumpy)'s API (`import picoarray as np`), plus
//! slicing, reductions and the buffer protocol (so `numpy.asarray(a)` shares its memory).
//!
//! Unlike numpy, `a == b` is a plain `bool`: whether both arrays have the same length and
//! elements.

mod small_blocks;

use std::cell::Cell;

use hpy::exceptions::{BufferError, IndexError, ValueError};
use hpy::prelude::*;
use hpy::{Buffer, SliceOrIndex, Subscript};

#[global_allocator]
static ALLOCATOR: small_blocks::SmallBlocks = small_blocks::SmallBlocks;

/// Floats from any iterable of numbers (a `list` or `tuple` of floats goes the fast way).
fn floats(obj: &Handle<'_>) -> Result<Vec<f64>> {
    if obj.is_instance_of(hpy::BuiltinType::ListType)
        || obj.is_instance_of(hpy::BuiltinType::TupleType)
    {
        return Vec::<f64>::from_py(obj);
    }
    if let Some(array) = obj.cast::<picoarray::Array>() {
        return hpy::alloc::collect(array.borrow()?.data.iter().copied());
    }
    let mut data = Vec::new();
    for item in obj.iter()? {
        hpy::alloc::reserve(&mut data, 1)?;
        data.push(f64::from_py(&item?)?);
    }
    Ok(data)
}

/// The right operand of an arithmetic operator: another array or a number. Anything else is a
/// `TypeError`, which the operator slot turns into `NotImplemented`.
enum Operand<'a, 'ctx> {
    Array(&'a Typed<'ctx, picoarray::Array>),
    Scalar(f64),
}

impl<'a, 'ctx> FromPy<'a, 'ctx> for Operand<'a, 'ctx> {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        match obj.cast::<picoarray::Array>() {
            Some(array) => Ok(Operand::Array(array)),
            None => f64::from_py(obj).map(Operand::Scalar),
        }
    }
}

/// What may be assigned to a slice: one number for every position, or as many numbers as
/// positions.
enum Values {
    One(f64),
    Many(Vec<f64>),
}

impl<'a, 'ctx> FromPy<'a, 'ctx> for Values {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        match f64::from_py(obj) {
            Ok(x) => Ok(Values::One(x)),
            Err(e) => {
                e.clear(obj.context());
                floats(obj).map(Values::Many)
            }
        }
    }
}

/// numpy's message for operands of different lengths.
fn shape_mismatch(a: usize, b: usize) -> Error {
    ValueError::new_err(format!(
        "operands could not be broadcast together with shapes ({a},) ({b},) "
    ))
}

/// A size given from Python: negative sizes are a `ValueError` (numpy's wording), not the
/// `OverflowError` of a plain `usize` parameter.
fn checked_size(n: isize, message: &'static str) -> Result<usize> {
    usize::try_from(n).map_err(|_| ValueError::new_err(message))
}

/// numpy's message for a negative size given to a constructor.
const NEGATIVE_SIZE: &str = "negative dimensions are not allowed";

/// Combines `a` with `b` element-wise (`None`: the lengths differ).
fn zip_with(a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64) -> Result<Vec<f64>> {
    if a.len() != b.len() {
        return Err(shape_mismatch(a.len(), b.len()));
    }
    hpy::alloc::collect(a.iter().zip(b).map(|(&x, &y)| f(x, y)))
}

#[hpy::module]
/// A tiny one-dimensional float64 array (piconumpy's API), written in Rust with hpy-rs.
mod picoarray {
    use super::*;

    /// π, as piconumpy exports it.
    #[hpy::constant]
    #[allow(non_upper_case_globals)]
    const pi: f64 = std::f64::consts::PI;

    /// A one-dimensional array of float64.
    #[hpy::class(name = "array")]
    pub struct Array {
        pub(crate) data: Vec<f64>,
        /// Live buffer exports (views): while there are any, the data cannot be reallocated.
        exports: Cell<usize>,
    }

    impl Array {
        pub(crate) fn from_vec(data: Vec<f64>) -> Self {
            Array {
                data,
                exports: Cell::new(0),
            }
        }

        /// `self <op> other`, element-wise.
        fn combine(&self, other: &Operand<'_, '_>, f: impl Fn(f64, f64) -> f64) -> Result<Array> {
            let data = match other {
                Operand::Scalar(y) => hpy::alloc::collect(self.data.iter().map(|&x| f(x, *y)))?,
                Operand::Array(b) => zip_with(&self.data, &b.borrow()?.data, f)?,
            };
            Ok(Array::from_vec(data))
        }

        /// `other <op> self`, element-wise, for the reflected operators (`other` is a number:
        /// two arrays go through the forward operator).
        fn combine_reflected(
            &self,
            other: &Operand<'_, '_>,
            f: impl Fn(f64, f64) -> f64,
        ) -> Result<Array> {
            match other {
                Operand::Scalar(y) => Ok(Array::from_vec(hpy::alloc::collect(
                    self.data.iter().map(|&x| f(*y, x)),
                )?)),
                Operand::Array(b) => {
                    Ok(Array::from_vec(zip_with(&b.borrow()?.data, &self.data, f)?))
                }
            }
        }

        /// `this <op>= other`, in place (`a += a` included).
        fn update<'ctx>(
            this: &Typed<'ctx, Self>,
            other: &Operand<'_, 'ctx>,
            f: impl Fn(f64, f64) -> f64,
        ) -> Result<()> {
            match other {
                Operand::Scalar(y) => {
                    for x in &mut this.borrow_mut()?.data {
                        *x = f(*x, *y);
                    }
                }
                Operand::Array(b) if b.is(this) => {
                    for x in &mut this.borrow_mut()?.data {
                        *x = f(*x, *x);
                    }
                }
                Operand::Array(b) => {
                    let b = b.borrow()?;
                    let mut a = this.borrow_mut()?;
                    if a.data.len() != b.data.len() {
                        return Err(shape_mismatch(a.data.len(), b.data.len()));
                    }
                    for (x, &y) in a.data.iter_mut().zip(&b.data) {
                        *x = f(*x, y);
                    }
                }
            }
            Ok(())
        }

        /// Refuses to reallocate the data while views of it are alive.
        fn check_resizable(&self) -> Result<()> {
            if self.exports.get() > 0 {
                return Err(BufferError::new_err(
                    "Existing exports of data: object cannot be re-sized",
                ));
            }
            Ok(())
        }
    }

    #[hpy::methods]
    impl Array {
        /// An array of the numbers in `data` (any iterable).
        #[new]
        #[hpy(annotations(data = "Iterable[float]"))]
        fn new(data: &Handle<'_>) -> Result<Self> {
            floats(data).map(Array::from_vec)
        }

        /// The number of elements.
        #[getter]
        fn size(&self) -> usize {
            self.data.len()
        }

        /// The elements, as a list of floats.
        #[hpy(annotations(return = "list[float]"))]
        fn tolist<'ctx>(&self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
            cx.to_py(&self.data[..])
        }

        /// A new array with the same elements.
        fn copy(&self) -> Result<Array> {
            hpy::alloc::collect(self.data.iter().copied()).map(Array::from_vec)
        }

        /// The sum of the elements.
        fn sum(&self) -> f64 {
            self.data.iter().sum()
        }

        /// The dot product with another array of the same length.
        fn dot(&self, other: Ref<'_, '_, Array>) -> Result<f64> {
            if self.data.len() != other.data.len() {
                let (a, b) = (self.data.len(), other.data.len());
                return Err(ValueError::new_err(format!(
                    "shapes ({a},) and ({b},) not aligned: {a} (dim 0) != {b} (dim 0)"
                )));
            }
            Ok(self.data.iter().zip(&other.data).map(|(x, y)| x * y).sum())
        }

        /// Appends a number (refused while views of the data are alive).
        fn append(&mut self, x: f64) -> Result<()> {
            self.check_resizable()?;
            hpy::alloc::reserve(&mut self.data, 1)?;
            self.data.push(x);
            Ok(())
        }

        /// Changes the size in place, padding with zeros (refused while views are alive).
        fn resize(&mut self, size: isize) -> Result<()> {
            let size = checked_size(size, "negative dimensions not allowed")?;
            self.check_resizable()?;
            hpy::alloc::resize(&mut self.data, size, 0.0)
        }

        fn __len__(&self) -> usize {
            self.data.len()
        }

        fn __repr__(&self, cx: Context<'_>) -> Result<String> {
            let items = self
                .data
                .iter()
                .map(|&x| cx.to_py(x)?.repr()?.extract())
                .collect::<Result<Vec<String>>>()?;
            Ok(format!("array([{}])", items.join(", ")))
        }

        #[hpy(annotations(return = "float | array"))]
        fn __getitem__<'ctx>(
            &self,
            cx: Context<'ctx>,
            key: SliceOrIndex<'_, 'ctx>,
        ) -> Result<Handle<'ctx>> {
            match key.resolve(self.data.len())? {
                Subscript::Index(Some(i)) => cx.to_py(self.data[i]),
                Subscript::Index(None) => Err(IndexError::new_err("index out of range")),
                Subscript::Slice(range) => {
                    let data = hpy::alloc::collect(range.positions().map(|i| self.data[i]))?;
                    cx.to_py(Array::from_vec(data))
                }
            }
        }

        #[hpy(annotations(values = "float | Iterable[float]"))]
        fn __setitem__(&mut self, key: SliceOrIndex<'_, '_>, values: Values) -> Result<()> {
            match key.resolve(self.data.len())? {
                Subscript::Index(Some(i)) => match values {
                    Values::One(x) => self.data[i] = x,
                    Values::Many(_) => {
                        return Err(ValueError::new_err(
                            "setting an array element with a sequence.",
                        ));
                    }
                },
                Subscript::Index(None) => return Err(IndexError::new_err("index out of range")),
                Subscript::Slice(range) => match values {
                    Values::One(x) => range.positions().for_each(|i| self.data[i] = x),
                    Values::Many(xs) if xs.len() == range.len => {
                        range
                            .positions()
                            .zip(xs)
                            .for_each(|(i, x)| self.data[i] = x);
                    }
                    Values::Many(xs) => {
                        return Err(ValueError::new_err(format!(
                            "could not broadcast input array from shape ({},) into shape ({},)",
                            xs.len(),
                            range.len
                        )));
                    }
                },
            }
            Ok(())
        }

        fn __eq__(&self, other: Ref<'_, '_, Array>) -> bool {
            self.data == other.data
        }

        #[hpy(annotations(other = "array | float"))]
        fn __add__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine(&other, |x, y| x + y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __radd__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine_reflected(&other, |x, y| x + y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __sub__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine(&other, |x, y| x - y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __rsub__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine_reflected(&other, |x, y| x - y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __mul__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine(&other, |x, y| x * y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __rmul__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine_reflected(&other, |x, y| x * y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __truediv__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine(&other, |x, y| x / y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __rtruediv__(&self, other: Operand<'_, '_>) -> Result<Array> {
            self.combine_reflected(&other, |x, y| x / y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __iadd__<'ctx>(this: &Typed<'ctx, Self>, other: Operand<'_, 'ctx>) -> Result<()> {
            Array::update(this, &other, |x, y| x + y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __isub__<'ctx>(this: &Typed<'ctx, Self>, other: Operand<'_, 'ctx>) -> Result<()> {
            Array::update(this, &other, |x, y| x - y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __imul__<'ctx>(this: &Typed<'ctx, Self>, other: Operand<'_, 'ctx>) -> Result<()> {
            Array::update(this, &other, |x, y| x * y)
        }

        #[hpy(annotations(other = "array | float"))]
        fn __itruediv__<'ctx>(this: &Typed<'ctx, Self>, other: Operand<'_, 'ctx>) -> Result<()> {
            Array::update(this, &other, |x, y| x / y)
        }

        fn __neg__(&self) -> Result<Array> {
            hpy::alloc::collect(self.data.iter().map(|x| -x)).map(Array::from_vec)
        }

        fn __pos__(&self) -> Result<Array> {
            self.copy()
        }

        fn __abs__(&self) -> Result<Array> {
            hpy::alloc::collect(self.data.iter().map(|x| x.abs())).map(Array::from_vec)
        }

        fn __getbuffer__(&mut self) -> Buffer {
            self.exports.set(self.exports.get() + 1);
            // SAFETY: the data is never reallocated while `exports > 0` (`check_resizable`),
            // the object outlives the view (the view holds a reference to it), and no method
            // keeps a reference to the data across a call into Python.
            unsafe { Buffer::from_mut_slice(&mut self.data) }
        }

        fn __releasebuffer__(&self) {
            self.exports.set(self.exports.get() - 1);
        }
    }

    /// An array of `size` zeros (piconumpy's `empty`: safe Rust has no uninitialised floats).
    #[hpy::function]
    fn empty(size: isize) -> Result<Array> {
        zeros(size)
    }

    /// An array of `size` zeros.
    #[hpy::function]
    fn zeros(size: isize) -> Result<Array> {
        let size = checked_size(size, NEGATIVE_SIZE)?;
        hpy::alloc::vec_filled(0.0, size).map(Array::from_vec)
    }

    /// An array of `size` ones.
    #[hpy::function]
    fn ones(size: isize) -> Result<Array> {
        let size = checked_size(size, NEGATIVE_SIZE)?;
        hpy::alloc::vec_filled(1.0, size).map(Array::from_vec)
    }

    /// The cosine of a number, or of each element of an array.
    #[hpy::function(annotations(x = "array | float", return = "array | float"))]
    fn cos<'ctx>(cx: Context<'ctx>, x: Operand<'_, 'ctx>) -> Result<Handle<'ctx>> {
        map(cx, x, f64::cos)
    }

    /// The sine of a number, or of each element of an array.
    #[hpy::function(annotations(x = "array | float", return = "array | float"))]
    fn sin<'ctx>(cx: Context<'ctx>, x: Operand<'_, 'ctx>) -> Result<Handle<'ctx>> {
        map(cx, x, f64::sin)
    }

    /// `f` applied to a number, or to each element of an array.
    fn map<'ctx>(
        cx: Context<'ctx>,
        x: Operand<'_, 'ctx>,
        f: fn(f64) -> f64,
    ) -> Result<Handle<'ctx>> {
        match x {
            Operand::Scalar(x) => cx.to_py(f(x)),
            Operand::Array(a) => {
                let data = hpy::alloc::collect(a.borrow()?.data.iter().map(|&x| f(x)))?;
                cx.to_py(Array::from_vec(data))
            }
        }
    }
}
