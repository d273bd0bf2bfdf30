//! The guide's examples: the chapters show this code through mdBook's `{{#include}}` (between
//! the `ANCHOR` comments), and `tests/test_guide_tour.py` checks what they say about it from
//! Python, in HPy universal and debug mode.
#![deny(missing_docs)]

use std::cell::Cell;

use hpy::Buffer;
use hpy::exceptions::{BufferError, IndexError, ValueError};
use hpy::prelude::*;

#[hpy::module]
/// The guide's examples.
mod guide_tour {
    use super::*;

    // ANCHOR: functions
    /// Scale every number of `values` by `factor`, capped at `cap` if given.
    #[hpy::function(signature = (values, /, factor = 1.0, *, cap = None))]
    fn scale(values: Vec<f64>, factor: f64, cap: Option<f64>) -> Vec<f64> {
        let cap = cap.unwrap_or(f64::INFINITY);
        values.iter().map(|v| (v * factor).min(cap)).collect()
    }
    // ANCHOR_END: functions

    // ANCHOR: errors
    /// Raised for a malformed port number.
    #[hpy::exception(base = ValueError)]
    pub struct PortError;

    /// Parse a TCP port number.
    #[hpy::function]
    fn parse_port(text: &str) -> Result<u16> {
        let port: u16 = text
            .trim()
            .parse()
            .map_err(|e| PortError::new_err(format!("bad port {text:?}: {e}")))?;
        if port == 0 {
            return Err(PortError::new_err("port 0 is reserved"));
        }
        Ok(port)
    }

    /// Panic: Python receives a `PanicException` with the panic's message.
    #[hpy::function]
    fn explode() {
        panic!("explode() was called");
    }
    // ANCHOR_END: errors

    // ANCHOR: counter
    /// A counter that calls back into Python.
    #[hpy::class]
    pub struct Counter {
        count: u64,
    }

    #[hpy::methods]
    impl Counter {
        #[new]
        #[hpy(signature = (start = 0))]
        fn new(start: u64) -> Self {
            Counter { count: start }
        }

        /// The current count.
        #[getter]
        fn count(&self) -> u64 {
            self.count
        }

        #[setter]
        fn set_count(&mut self, count: u64) {
            self.count = count;
        }

        /// Count `steps` steps, calling `callback(count)` after each one.
        fn run<'ctx>(&mut self, callback: &Handle<'ctx>, steps: u64) -> Result<u64> {
            for _ in 0..steps {
                self.count += 1;
                // The object stays lent mutably during the call: if the callback reads
                // `counter.count`, that read raises RuntimeError("Already mutably borrowed").
                callback.call((self.count,))?;
            }
            Ok(self.count)
        }
    }
    // ANCHOR_END: counter

    // ANCHOR: frozen
    /// An immutable amount of money, in cents.
    #[hpy::class(frozen)]
    pub struct Money {
        /// The amount in cents (read straight from the object by CPython).
        #[hpy(get)]
        cents: i64,
    }

    #[hpy::methods]
    impl Money {
        #[new]
        fn new(cents: i64) -> Self {
            Money { cents }
        }

        fn __add__(&self, other: &Money) -> Result<Money> {
            let cents = self.cents.checked_add(other.cents);
            cents
                .map(|cents| Money { cents })
                .ok_or_else(|| OverflowError::new_err("too much money"))
        }

        fn __eq__(&self, other: &Money) -> bool {
            self.cents == other.cents
        }

        fn __hash__(&self) -> isize {
            self.cents as isize
        }

        fn __repr__(&self) -> String {
            format!("Money({})", self.cents)
        }
    }
    // ANCHOR_END: frozen

    // ANCHOR: stack
    /// A last-in, first-out stack of any Python objects, each kept in a `Field`.
    #[hpy::class]
    pub struct Stack {
        items: Vec<Field>,
    }

    #[hpy::methods]
    impl Stack {
        #[new]
        fn new() -> Self {
            Stack { items: Vec::new() }
        }

        /// Put `item` on top.
        fn push<'ctx>(this: &Typed<'ctx, Self>, item: &Handle<'ctx>) -> Result<()> {
            let top = {
                let mut stack = this.borrow_mut()?;
                stack.items.push(Field::new());
                stack.items.len() - 1
            };
            this.set_field_at(|s| &s.items, top, Some(item))
        }

        /// Remove and return the top item (`IndexError` if there is none).
        fn pop<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            let Some(top) = this.borrow()?.items.len().checked_sub(1) else {
                return Err(IndexError::new_err("pop from an empty stack"));
            };
            let item = this.take_field_at(|s| &s.items, top)?;
            this.borrow_mut()?.items.pop();
            Ok(item)
        }

        fn __len__(&self) -> usize {
            self.items.len()
        }

        /// `stack[i]`, from the bottom; an integer index makes this the sequence protocol,
        /// which also makes the stack iterable.
        fn __getitem__<'ctx>(
            this: &Typed<'ctx, Self>,
            index: isize,
        ) -> Result<Option<Handle<'ctx>>> {
            let len = this.borrow()?.items.len();
            let index = if index < 0 {
                index + len as isize
            } else {
                index
            };
            if index < 0 || index as usize >= len {
                return Err(IndexError::new_err("stack index out of range"));
            }
            this.field_at(|s| &s.items, index as usize)
        }
    }
    // ANCHOR_END: stack

    // ANCHOR: global
    /// The default separator, settable from Python.
    static SEPARATOR: Global = Global::new();

    /// Set the separator `join` uses.
    #[hpy::function]
    fn set_separator(separator: &Handle<'_>) {
        SEPARATOR.store(separator);
    }

    /// Join strings with the stored separator (`", "` until one is set).
    #[hpy::function]
    fn join<'ctx>(cx: Context<'ctx>, parts: Vec<String>) -> Result<String> {
        let separator = match SEPARATOR.load(cx) {
            Some(handle) => handle.extract::<String>()?,
            None => ", ".to_string(),
        };
        Ok(parts.join(&separator))
    }
    // ANCHOR_END: global

    // ANCHOR: threads
    /// The sum of the squares of `values`, computed with the interpreter released.
    #[hpy::function]
    fn sum_of_squares(cx: Context<'_>, values: Vec<f64>) -> f64 {
        cx.leave_python(|| values.iter().map(|v| v * v).sum())
    }
    // ANCHOR_END: threads

    // ANCHOR: buffer
    /// A growable matrix of float64 with `cols` columns, shared with numpy without copying.
    #[hpy::class]
    pub struct Matrix {
        cols: usize,
        data: Vec<f64>,
        /// Live buffer exports: while there are any, `data` must not move.
        exports: Cell<usize>,
    }

    #[hpy::methods]
    impl Matrix {
        #[new]
        fn new(cols: usize) -> Result<Self> {
            if cols == 0 {
                return Err(ValueError::new_err("a matrix needs at least one column"));
            }
            Ok(Matrix {
                cols,
                data: Vec::new(),
                exports: Cell::new(0),
            })
        }

        /// Append a row of `cols` numbers.
        fn push_row(&mut self, row: Vec<f64>) -> Result<()> {
            if self.exports.get() > 0 {
                return Err(BufferError::new_err("the matrix is exported: cannot grow"));
            }
            if row.len() != self.cols {
                return Err(ValueError::new_err(format!(
                    "expected {} numbers",
                    self.cols
                )));
            }
            hpy::alloc::reserve(&mut self.data, row.len())?;
            self.data.extend(row);
            Ok(())
        }

        /// A writable 2-D view: `numpy.asarray(m)` shares the matrix's memory.
        fn __getbuffer__(&mut self) -> Result<Buffer> {
            let shape = [self.data.len() / self.cols, self.cols];
            // SAFETY: `data` is not reallocated while `exports > 0` (`push_row` refuses), the
            // object outlives the view (the view holds a reference to it), and no method keeps
            // a reference into `data` across a call into Python.
            let buffer = unsafe { Buffer::from_mut_slice(&mut self.data) }.reshape(&shape)?;
            self.exports.set(self.exports.get() + 1);
            Ok(buffer)
        }

        fn __releasebuffer__(&self) {
            self.exports.set(self.exports.get() - 1);
        }
    }
    // ANCHOR_END: buffer

    // ANCHOR: consume
    /// The mean of a float64 array (numpy's, or anything with `tobytes()`), read as one copy.
    #[hpy::function]
    fn mean<'ctx>(array: &Handle<'ctx>) -> Result<f64> {
        let bytes = array.call_method("tobytes", ())?;
        let bytes: &[u8] = bytes.extract()?;
        if bytes.is_empty() || !bytes.len().is_multiple_of(8) {
            return Err(ValueError::new_err("expected a non-empty float64 array"));
        }
        let values = bytes.chunks_exact(8).map(|chunk| {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            f64::from_ne_bytes(word)
        });
        Ok(values.sum::<f64>() / (bytes.len() / 8) as f64)
    }
    // ANCHOR_END: consume
}
