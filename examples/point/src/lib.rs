//! `point`: Rust structs as Python types. Its Python-visible contract is tested by
//! `tests/test_*.py`, in universal and in debug mode.

use std::sync::atomic::{AtomicUsize, Ordering};

use hpy::exceptions::{OverflowError, ValueError};
use hpy::prelude::*;

/// How many `Node`s have been destroyed (their `Drop` ran).
static DESTROYED_NODES: AtomicUsize = AtomicUsize::new(0);

#[hpy::module]
/// Points, linked nodes and counters: Rust structs as Python types.
mod point {
    use super::*;

    /// Raised for malformed input to `Point`.
    #[hpy::exception(base = ValueError)]
    pub struct PointError;

    /// A point in the plane.
    #[hpy::class(subclass)]
    pub struct Point {
        x: f64,
        y: f64,
    }

    #[hpy::methods]
    impl Point {
        #[new]
        fn new(x: f64, y: f64) -> Self {
            Point { x, y }
        }

        /// The x coordinate.
        #[getter]
        fn x(&self) -> f64 {
            self.x
        }

        #[setter]
        fn set_x(&mut self, x: f64) {
            self.x = x;
        }

        /// The y coordinate.
        #[getter]
        fn y(&self) -> f64 {
            self.y
        }

        #[setter]
        fn set_y(&mut self, y: f64) {
            self.y = y;
        }

        /// The distance to the origin.
        fn norm(&self) -> f64 {
            self.x.hypot(self.y)
        }

        /// A point from a 2-tuple (or any sequence of two numbers).
        #[classmethod]
        #[hpy(annotations(t = "Sequence[float]", return = "Point"))]
        fn from_tuple<'ctx>(cls: &Handle<'ctx>, t: &Handle<'ctx>) -> Result<Handle<'ctx>> {
            let n = t.len()?;
            if n != 2 {
                return Err(PointError::new_err(format!(
                    "expected 2 coordinates, got {n}"
                )));
            }
            cls.call((t.get_item_index(0)?, t.get_item_index(1)?))
        }

        /// The point (0, 0).
        #[staticmethod]
        fn origin() -> Point {
            Point { x: 0.0, y: 0.0 }
        }

        /// Pickling and copying: rebuilt by calling its type (a subclass stays a subclass)
        /// with the coordinates, with every pickle protocol.
        fn __reduce__<'ctx>(this: &Typed<'ctx, Self>) -> Result<(Handle<'ctx>, (f64, f64))> {
            let p = this.borrow()?;
            Ok((this.get_type(), (p.x, p.y)))
        }

        fn __add__(&self, other: Ref<'_, '_, Point>) -> Point {
            Point {
                x: self.x + other.x,
                y: self.y + other.y,
            }
        }

        fn __eq__(&self, other: Ref<'_, '_, Point>) -> bool {
            self.x == other.x && self.y == other.y
        }

        fn __hash__(&self, cx: Context<'_>) -> Result<isize> {
            // The hash of the tuple of coordinates: equal points hash equally (0.0 == -0.0).
            cx.to_py((self.x, self.y))?.hash()
        }

        fn __repr__(&self, cx: Context<'_>) -> Result<String> {
            let (x, y) = (cx.to_py(self.x)?.repr()?, cx.to_py(self.y)?.repr()?);
            Ok(format!("Point({x}, {y})"))
        }
    }

    /// A linked-list node holding any Python objects, in `Field`s.
    #[hpy::class(subclass)]
    pub struct Node {
        value: Field,
        next: Field,
    }

    impl Drop for Node {
        fn drop(&mut self) {
            DESTROYED_NODES.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[hpy::methods]
    impl Node {
        #[new]
        #[hpy(signature = (value, next = None))]
        fn new<'ctx>(
            init: Construct<'_, 'ctx, Self>,
            value: &Handle<'ctx>,
            next: Option<&Handle<'ctx>>,
        ) -> Result<Typed<'ctx, Self>> {
            let node = init.init(Node {
                value: Field::new(),
                next: Field::new(),
            })?;
            node.set_field(|n| &n.value, Some(value))?;
            node.set_field(|n| &n.next, next)?;
            Ok(node)
        }

        /// The object this node holds.
        #[getter]
        fn value<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            this.field(|n| &n.value)
        }

        #[setter]
        fn set_value<'ctx>(this: &Typed<'ctx, Self>, value: &Handle<'ctx>) -> Result<()> {
            this.set_field(|n| &n.value, Some(value))
        }

        /// The next node (or None).
        #[getter]
        fn next<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            this.field(|n| &n.next)
        }

        #[setter]
        fn set_next<'ctx>(this: &Typed<'ctx, Self>, next: Option<&Handle<'ctx>>) -> Result<()> {
            this.set_field(|n| &n.next, next)
        }
    }

    /// A counter mutated through `&mut self`.
    #[hpy::class]
    pub struct Counter {
        value: i64,
    }

    #[hpy::methods]
    impl Counter {
        #[new]
        fn new() -> Self {
            Counter { value: 0 }
        }

        /// Adds `n` (default 1).
        #[hpy(signature = (n = 1))]
        fn incr(&mut self, n: i64) -> Result<()> {
            self.value = self
                .value
                .checked_add(n)
                .ok_or_else(|| OverflowError::new_err("Counter overflowed 64 bits"))?;
            Ok(())
        }

        /// The current count.
        #[getter]
        fn value(&self) -> i64 {
            self.value
        }

        fn __iadd__(&mut self, n: i64) -> Result<()> {
            self.incr(n)
        }

        fn __len__(&self) -> Result<usize> {
            usize::try_from(self.value)
                .map_err(|_| ValueError::new_err("__len__() should return >= 0"))
        }
    }

    /// Kept by `set_default` / `get_default`.
    static DEFAULT: Global = Global::new();

    /// Keeps `obj` as the default (in a `Global`).
    #[hpy::function]
    fn set_default(obj: &Handle<'_>) {
        DEFAULT.store(obj);
    }

    /// The default, or None if none was set.
    #[hpy::function]
    fn get_default(cx: Context<'_>) -> Handle<'_> {
        DEFAULT.load(cx).unwrap_or_else(|| cx.None())
    }

    /// How many `Node`s have been destroyed so far.
    #[hpy::function]
    fn destroyed_nodes() -> usize {
        DESTROYED_NODES.load(Ordering::Relaxed)
    }
}
