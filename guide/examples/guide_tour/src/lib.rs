//! The guide's examples: the chapters show this code through mdBook's `{{#include}}` (between
//! the `ANCHOR` comments), and `tests/test_guide_tour.py` checks what they say about it from
//! Python, in HPy universal and debug mode.
#![deny(missing_docs)]

use std::cell::Cell;
use std::collections::BTreeMap;

use hpy::exceptions::{BufferError, DeprecationWarning, IndexError, KeyError, ValueError};
use hpy::prelude::*;
use hpy::{Buffer, PyIter};

// ANCHOR: rgb
/// An RGB colour, from Python as `"#rrggbb"` or a 3-tuple.
pub struct Rgb(u8, u8, u8);

impl<'a, 'ctx> FromPy<'a, 'ctx> for Rgb {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        if obj.is_instance_of(BuiltinType::UnicodeType) {
            let text: &str = obj.extract()?;
            let hex = text.strip_prefix('#').filter(|h| h.len() == 6);
            let hex = hex.ok_or_else(|| ValueError::new_err(format!("not a colour: {text:?}")))?;
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16);
            return Ok(Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        let (r, g, b) = obj.extract()?;
        Ok(Rgb(r, g, b))
    }
}

impl<'ctx> IntoPy<'ctx> for Rgb {
    fn into_py(self, cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        cx.to_py(format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2))
    }
}
// ANCHOR_END: rgb

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

    // ANCHOR: signatures
    /// `join_words("a", "b", sep="-")`: every positional argument must be a `str`.
    #[hpy::function(signature = (*parts, sep = " "))]
    fn join_words(parts: Vec<&str>, sep: &str) -> String {
        parts.join(sep)
    }

    /// The names of the keyword arguments, sorted.
    #[hpy::function(signature = (**kwargs))]
    fn names<'ctx>(kwargs: BTreeMap<String, &Handle<'ctx>>) -> Vec<String> {
        kwargs.into_keys().collect()
    }

    /// How many of the arguments are None: `&VarArgs` looks at them without converting.
    #[hpy::function(signature = (*args))]
    fn count_none(args: &hpy::VarArgs<'_>) -> usize {
        args.iter().filter(|a| a.is_none()).count()
    }
    // ANCHOR_END: signatures

    // ANCHOR: returning
    /// Return the argument itself.
    #[hpy::function]
    fn echo<'ctx>(obj: &Handle<'ctx>) -> Handle<'ctx> {
        obj.clone()
    }

    /// A list of `n` copies of `item`, built through the context.
    #[hpy::function]
    fn repeat<'ctx>(cx: Context<'ctx>, item: &str, n: usize) -> Result<Handle<'ctx>> {
        cx.to_py(vec![item; n])
    }

    /// math.sqrt, called from Rust.
    #[hpy::function]
    fn py_sqrt<'ctx>(cx: Context<'ctx>, x: f64) -> Result<Handle<'ctx>> {
        let math = cx.import("math")?;
        math.call_method("sqrt", (x,))
    }
    // ANCHOR_END: returning

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

    // ANCHOR: lookups
    /// `mapping[key]`, or `default` if the key is missing.
    #[hpy::function]
    fn get_or<'ctx>(
        cx: Context<'ctx>,
        mapping: &Handle<'ctx>,
        key: &Handle<'ctx>,
        default: &Handle<'ctx>,
    ) -> Result<Handle<'ctx>> {
        match mapping.get_item(key) {
            Err(e) if e.matches(cx, KeyError) => {
                e.clear(cx);
                Ok(default.clone())
            }
            other => other,
        }
    }
    // ANCHOR_END: lookups

    // ANCHOR: warnings
    /// The old name of `total`.
    #[hpy::function]
    fn sum(cx: Context<'_>, values: Vec<i64>) -> Result<i64> {
        cx.warn(DeprecationWarning, "sum() is deprecated, use total()", 1)?;
        Ok(values.iter().sum())
    }
    // ANCHOR_END: warnings

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

    // ANCHOR: receivers
    /// A bank account; Python classes may subclass it.
    #[hpy::class(subclass)]
    pub struct Account {
        balance: i64,
    }

    #[hpy::methods]
    impl Account {
        #[new]
        fn new() -> Self {
            Account { balance: 0 }
        }

        /// The balance.
        #[getter]
        fn balance(&self) -> i64 {
            self.balance
        }

        /// Deposit `amount` and return the account itself, for chaining.
        fn deposit<'ctx>(this: &Typed<'ctx, Self>, amount: i64) -> Result<Typed<'ctx, Self>> {
            this.borrow_mut()?.balance += amount; // the RefMut is dropped at the `;`
            Ok(this.clone())
        }

        /// A new `type(self)()` with the same balance: a subclass stays a subclass.
        fn copy<'ctx>(this: &Typed<'ctx, Self>) -> Result<Handle<'ctx>> {
            let balance = this.borrow()?.balance;
            let copy = this.get_type().call(())?;
            copy.downcast::<Account>()?.borrow_mut()?.balance = balance;
            Ok(copy)
        }
    }
    // ANCHOR_END: receivers

    // ANCHOR: reentrant
    /// A counter whose callbacks may use it.
    #[hpy::class]
    pub struct ReentrantCounter {
        count: u64,
    }

    #[hpy::methods]
    impl ReentrantCounter {
        #[new]
        fn new() -> Self {
            ReentrantCounter { count: 0 }
        }

        /// The current count.
        #[getter]
        fn count(&self) -> u64 {
            self.count
        }

        /// Count `steps` steps, calling `callback(self)` after each one: the callback may use
        /// the counter, since no borrow is held during the call.
        fn run<'ctx>(this: &Typed<'ctx, Self>, callback: &Handle<'ctx>, steps: u64) -> Result<u64> {
            for _ in 0..steps {
                this.borrow_mut()?.count += 1;
                callback.call((this,))?;
            }
            Ok(this.borrow()?.count)
        }
    }
    // ANCHOR_END: reentrant

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

    // ANCHOR: temperature
    /// A temperature in degrees Celsius.
    #[hpy::class(frozen, subclass)]
    pub struct Celsius {
        degrees: f64,
    }

    #[hpy::methods]
    impl Celsius {
        #[new]
        fn new(degrees: f64) -> Self {
            Celsius { degrees }
        }

        /// A class attribute: `Celsius.UNIT`.
        #[classattr]
        const UNIT: &'static str = "°C";

        /// `Celsius.freezing()`, a real `staticmethod`.
        #[staticmethod]
        fn freezing() -> Celsius {
            Celsius { degrees: 0.0 }
        }

        /// `Celsius.from_fahrenheit(f)`: the class (or a subclass) is the first parameter.
        #[classmethod]
        fn from_fahrenheit<'ctx>(cls: &Handle<'ctx>, f: f64) -> Result<Handle<'ctx>> {
            cls.call(((f - 32.0) * 5.0 / 9.0,))
        }

        /// The temperature.
        #[getter]
        fn degrees(&self) -> f64 {
            self.degrees
        }
    }
    // ANCHOR_END: temperature

    // ANCHOR: properties
    /// A person with a name and maybe a nickname.
    #[hpy::class]
    pub struct Person {
        name: String,
        nickname: Option<String>,
    }

    #[hpy::methods]
    impl Person {
        #[new]
        fn new(name: String) -> Self {
            Person {
                name,
                nickname: None,
            }
        }

        /// The full name.
        #[getter]
        fn name(&self) -> &str {
            &self.name
        }

        #[setter]
        fn set_name(&mut self, name: String) {
            self.name = name;
        }

        /// The nickname, if any: `del p.nickname` removes it.
        #[getter]
        fn nickname(&self) -> Option<String> {
            self.nickname.clone()
        }

        #[setter]
        fn set_nickname(&mut self, nickname: Option<String>) {
            self.nickname = nickname;
        }
    }
    // ANCHOR_END: properties

    // ANCHOR: comparisons
    /// A version number, `major.minor.patch`.
    #[hpy::class(frozen)]
    pub struct Version {
        parts: (u32, u32, u32),
    }

    #[hpy::methods]
    impl Version {
        #[new]
        fn new(major: u32, minor: u32, patch: u32) -> Self {
            Version {
                parts: (major, minor, patch),
            }
        }

        /// `==`, `!=`, `<`, `<=`, `>`, `>=` with another Version.
        fn __richcmp__(&self, other: &Version, op: CompareOp) -> bool {
            op.matches(self.parts.cmp(&other.parts))
        }

        fn __hash__(&self) -> isize {
            let (a, b, c) = self.parts;
            ((a as isize) << 40) ^ ((b as isize) << 20) ^ c as isize
        }
    }
    // ANCHOR_END: comparisons

    // ANCHOR: iteration
    /// The squares of the numbers below `n`.
    #[hpy::class(frozen)]
    pub struct Squares {
        n: u64,
    }

    #[hpy::methods]
    impl Squares {
        #[new]
        fn new(n: u64) -> Self {
            Squares { n }
        }

        /// `iter(Squares(4))` gives 0, 1, 4, 9.
        fn __iter__(&self) -> PyIter<impl Iterator<Item = u64> + Send + 'static> {
            PyIter::new((0..self.n).map(|i| i * i))
        }
    }
    // ANCHOR_END: iteration

    // ANCHOR: pickling
    /// A point in the plane that pickles.
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

        /// Rebuilt by calling its type (a subclass stays a subclass) with the coordinates.
        fn __reduce__<'ctx>(this: &Typed<'ctx, Self>) -> Result<(Handle<'ctx>, (f64, f64))> {
            let p = this.borrow()?;
            Ok((this.get_type(), (p.x, p.y)))
        }
    }
    // ANCHOR_END: pickling

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

    // ANCHOR: linked
    /// A linked-list node holding any Python objects.
    #[hpy::class]
    pub struct Node {
        value: Field,
        next: Field,
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

        /// The next node, or None.
        #[getter]
        fn next<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            this.field(|n| &n.next)
        }
    }
    // ANCHOR_END: linked

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

    // ANCHOR: cached
    /// `decimal.Decimal`, looked up once.
    static DECIMAL: Global = Global::new();

    /// Run when the module is executed.
    #[hpy::init]
    fn init<'ctx>(cx: Context<'ctx>, _module: &Handle<'ctx>) -> Result<()> {
        DECIMAL.store(&cx.import("decimal")?.getattr("Decimal")?);
        Ok(())
    }

    /// `decimal.Decimal(text)`.
    #[hpy::function]
    fn to_decimal<'ctx>(cx: Context<'ctx>, text: &str) -> Result<Handle<'ctx>> {
        let decimal = DECIMAL
            .load(cx)
            .expect("stored when the module was executed");
        decimal.call((text,))
    }
    // ANCHOR_END: cached

    // ANCHOR: borrowing
    /// The first word of `text`, without copying the text.
    #[hpy::function]
    fn first_word<'ctx>(text: &Handle<'ctx>) -> Result<String> {
        let s: &str = text.extract()?; // borrows from `text`
        Ok(s.split_whitespace().next().unwrap_or("").to_owned())
    }
    // ANCHOR_END: borrowing

    // ANCHOR: swap
    /// The colour with red and blue swapped.
    #[hpy::function]
    fn swap(colour: Rgb) -> Rgb {
        Rgb(colour.2, colour.1, colour.0)
    }
    // ANCHOR_END: swap

    // ANCHOR: threads
    /// The sum of the squares of `values`, computed with the interpreter released.
    #[hpy::function]
    fn sum_of_squares(cx: Context<'_>, values: Vec<f64>) -> f64 {
        cx.leave_python(|| values.iter().map(|v| v * v).sum())
    }
    // ANCHOR_END: threads

    // ANCHOR: words
    /// The number of words of `text`, counted without the interpreter.
    #[hpy::function]
    fn count<'ctx>(cx: Context<'ctx>, text: &Handle<'ctx>) -> Result<usize> {
        let s: &str = text.extract()?; // borrowed from the str: it may cross
        Ok(cx.leave_python(|| s.split_whitespace().count()))
    }
    // ANCHOR_END: words

    // ANCHOR: callbacks
    /// Calls the function it was created with.
    #[hpy::class]
    pub struct Callback {
        func: Field,
    }

    #[hpy::methods]
    impl Callback {
        #[new]
        fn new<'ctx>(
            init: Construct<'_, 'ctx, Self>,
            func: &Handle<'ctx>,
        ) -> Result<Typed<'ctx, Self>> {
            let cb = init.init(Callback { func: Field::new() })?;
            cb.set_field(|c| &c.func, Some(func))?;
            Ok(cb)
        }

        /// `func(x)`.
        fn fire<'ctx>(this: &Typed<'ctx, Self>, x: i64) -> Result<Handle<'ctx>> {
            let func = this.field(|c| &c.func)?.expect("set by the constructor");
            func.call((x,))
        }
    }
    // ANCHOR_END: callbacks

    // ANCHOR: annotations
    /// The sum of `values`, numbers of any kind.
    #[hpy::function(annotations(values = "Iterable[float | int]", return = "float"))]
    fn total<'ctx>(values: Vec<Handle<'ctx>>) -> Result<f64> {
        values.iter().map(|v| v.extract::<f64>()).sum()
    }
    // ANCHOR_END: annotations

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
