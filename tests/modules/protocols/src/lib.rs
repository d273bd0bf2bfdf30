//! `protocols`: every slot `#[hpy::methods]` can fill, the borrow flag under conflicting
//! borrows, buffer exports, and `Field`s in collections. Tested by `tests/test_*.py` in
//! universal and debug mode.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use hpy::exceptions::{BufferError, IndexError, KeyError, OverflowError, ZeroDivisionError};
use hpy::prelude::*;
use hpy::{Buffer, CompareOp};

/// How many `Bag`s have been destroyed.
static DESTROYED_BAGS: AtomicUsize = AtomicUsize::new(0);

/// A global declared outside the module, so never registered.
static STRAY: Global = Global::new();

/// An operand of `Num`'s operators: a `Num` or an `int`.
struct Operand(i64);

impl<'a, 'ctx> FromPy<'a, 'ctx> for Operand {
    fn from_py(obj: &'a Handle<'ctx>) -> Result<Self> {
        match obj.cast::<protocols::Num>() {
            Some(num) => Ok(Operand(num.get()?.v)),
            None => obj.extract().map(Operand),
        }
    }
}

/// What `Acc.describe` returns: the total, then every argument (`**extra` sorted).
type Described = (i64, i64, i64, Vec<i64>, i64, i64, Vec<(String, i64)>);

/// `a % m` as Python computes it: the result takes the sign of `m`.
fn python_mod(a: i128, m: i128) -> i128 {
    let r = a % m;
    if r != 0 && (r < 0) != (m < 0) {
        r + m
    } else {
        r
    }
}

/// What `Acc += x` adds: an `int`, or another `Acc`'s total (read through a shared borrow,
/// so `a += a` is a borrow conflict).
enum Addend<'h, 'ctx> {
    Int(i64),
    Acc(Ref<'h, 'ctx, protocols::Acc>),
}

impl<'h, 'ctx> FromPy<'h, 'ctx> for Addend<'h, 'ctx> {
    fn from_py(obj: &'h Handle<'ctx>) -> Result<Self> {
        match obj.cast::<protocols::Acc>() {
            Some(acc) => acc.borrow().map(Addend::Acc),
            None => obj.extract().map(Addend::Int),
        }
    }
}

fn checked(v: Option<i64>) -> Result<protocols::Num> {
    v.map(|v| protocols::Num { v })
        .ok_or_else(|| OverflowError::new_err("Num overflowed 64 bits"))
}

#[hpy::module]
/// Every protocol a type can implement.
mod protocols {
    use super::*;

    /// An immutable integer with the whole number protocol.
    #[hpy::class(frozen)]
    pub struct Num {
        pub(super) v: i64,
    }

    #[hpy::methods]
    impl Num {
        #[new]
        fn new(v: i64) -> Self {
            Num { v }
        }

        /// The value.
        #[getter]
        fn v(&self) -> i64 {
            self.v
        }

        /// `Num(0)`, as a class attribute.
        #[classattr]
        #[hpy(name = "ZERO")]
        fn zero() -> Num {
            Num { v: 0 }
        }

        /// A constant class attribute.
        #[classattr]
        const KIND: &'static str = "integer";

        fn __repr__(&self) -> String {
            format!("Num({})", self.v)
        }

        fn __str__(&self) -> String {
            self.v.to_string()
        }

        fn __hash__(&self) -> i64 {
            self.v
        }

        fn __bool__(&self) -> bool {
            self.v != 0
        }

        fn __richcmp__(&self, other: Operand, op: CompareOp) -> bool {
            op.matches(self.v.cmp(&other.0))
        }

        fn __add__(&self, other: Operand) -> Result<Num> {
            checked(self.v.checked_add(other.0))
        }

        fn __radd__(&self, other: i64) -> Result<Num> {
            checked(other.checked_add(self.v))
        }

        fn __sub__(&self, other: Operand) -> Result<Num> {
            checked(self.v.checked_sub(other.0))
        }

        fn __rsub__(&self, other: i64) -> Result<Num> {
            checked(other.checked_sub(self.v))
        }

        fn __mul__(&self, other: Operand) -> Result<Num> {
            checked(self.v.checked_mul(other.0))
        }

        fn __rmul__(&self, other: i64) -> Result<Num> {
            checked(other.checked_mul(self.v))
        }

        /// `a @ b`: the product, as a plain `int`.
        fn __matmul__(&self, other: Operand) -> i128 {
            i128::from(self.v) * i128::from(other.0)
        }

        fn __truediv__(&self, other: Operand) -> Result<f64> {
            if other.0 == 0 {
                return Err(ZeroDivisionError::new_err("division by zero"));
            }
            Ok(self.v as f64 / other.0 as f64)
        }

        fn __floordiv__(&self, other: Operand) -> Result<Num> {
            self.divmod(other.0).map(|(q, _)| q)
        }

        fn __mod__(&self, other: Operand) -> Result<Num> {
            self.divmod(other.0).map(|(_, r)| r)
        }

        fn __divmod__(&self, other: Operand) -> Result<(Num, Num)> {
            self.divmod(other.0)
        }

        fn __rdivmod__(&self, other: i64) -> Result<(Num, Num)> {
            Num { v: other }.divmod(self.v)
        }

        fn __pow__(&self, exp: u32, modulo: Option<i64>) -> Result<Num> {
            match modulo {
                None => checked(self.v.checked_pow(exp)),
                Some(0) => Err(hpy::exceptions::ValueError::new_err(
                    "pow() 3rd argument cannot be 0",
                )),
                Some(m) => {
                    let m = i128::from(m);
                    let mut result: i128 = 1;
                    for _ in 0..exp {
                        result = python_mod(result * i128::from(self.v), m);
                    }
                    Ok(Num {
                        v: python_mod(result, m) as i64,
                    })
                }
            }
        }

        fn __rpow__(&self, base: i64) -> Result<Num> {
            let exp = u32::try_from(self.v)
                .map_err(|_| hpy::exceptions::ValueError::new_err("negative exponent"))?;
            checked(base.checked_pow(exp))
        }

        fn __lshift__(&self, n: u32) -> Result<Num> {
            checked(self.v.checked_shl(n).filter(|r| r >> n == self.v))
        }

        fn __rshift__(&self, n: u32) -> Num {
            Num {
                v: self.v >> n.min(63),
            }
        }

        fn __and__(&self, other: Operand) -> Num {
            Num {
                v: self.v & other.0,
            }
        }

        fn __or__(&self, other: Operand) -> Num {
            Num {
                v: self.v | other.0,
            }
        }

        fn __xor__(&self, other: Operand) -> Num {
            Num {
                v: self.v ^ other.0,
            }
        }

        fn __neg__(&self) -> Result<Num> {
            checked(self.v.checked_neg())
        }

        /// `+n` is `n` itself.
        fn __pos__<'ctx>(this: &Typed<'ctx, Self>) -> Handle<'ctx> {
            Handle::clone(this)
        }

        fn __abs__(&self) -> Result<Num> {
            checked(self.v.checked_abs())
        }

        fn __invert__(&self) -> Num {
            Num { v: !self.v }
        }

        fn __int__(&self) -> i64 {
            self.v
        }

        fn __float__(&self) -> f64 {
            self.v as f64
        }

        fn __index__(&self) -> i64 {
            self.v
        }
    }

    impl Num {
        /// Python's floor division and modulo.
        fn divmod(&self, d: i64) -> Result<(Num, Num)> {
            if d == 0 {
                return Err(ZeroDivisionError::new_err(
                    "integer division or modulo by zero",
                ));
            }
            let r = python_mod(i128::from(self.v), i128::from(d));
            let q = (i128::from(self.v) - r) / i128::from(d);
            Ok((Num { v: q as i64 }, Num { v: r as i64 }))
        }
    }

    /// A frozen 2-D vector whose operators take and return the class itself, in each form an
    /// operand of the own class can take (`&Self`, `&Typed<Self>`, `Ref<Self>`).
    #[hpy::class(frozen, subclass)]
    pub struct Vec2 {
        #[hpy(get)]
        x: i64,
        #[hpy(get)]
        y: i64,
    }

    #[hpy::methods]
    impl Vec2 {
        #[new]
        fn new(x: i64, y: i64) -> Self {
            Vec2 { x, y }
        }

        fn __add__(&self, other: &Self) -> Self {
            Vec2 {
                x: self.x + other.x,
                y: self.y + other.y,
            }
        }

        fn __sub__(&self, other: &Typed<'_, Self>) -> Result<Self> {
            let other = other.get()?;
            Ok(Vec2 {
                x: self.x.checked_sub(other.x).ok_or_else(overflow)?,
                y: self.y.checked_sub(other.y).ok_or_else(overflow)?,
            })
        }

        /// The dot product.
        fn __matmul__(&self, other: Ref<'_, '_, Self>) -> i64 {
            self.x * other.x + self.y * other.y
        }

        /// `k * v`.
        fn __rmul__(&self, k: i64) -> Self {
            Vec2 {
                x: k * self.x,
                y: k * self.y,
            }
        }
    }

    fn overflow() -> Error {
        OverflowError::new_err("Vec2 overflowed 64 bits")
    }

    /// A mutable accumulator: in-place operators, `__call__`, and the borrow flag.
    #[hpy::class]
    pub struct Acc {
        total: i64,
    }

    #[hpy::methods]
    impl Acc {
        #[new]
        #[hpy(signature = (total = 0))]
        fn new(total: i64) -> Self {
            Acc { total }
        }

        /// The running total.
        #[getter]
        fn total(&self) -> i64 {
            self.total
        }

        #[setter]
        fn set_total(&mut self, total: Option<i64>) {
            self.total = total.unwrap_or(0);
        }

        fn __iadd__(&mut self, addend: Addend<'_, '_>) -> Result<()> {
            let n = match addend {
                Addend::Int(n) => n,
                Addend::Acc(other) => other.total,
            };
            self.total = self
                .total
                .checked_add(n)
                .ok_or_else(|| OverflowError::new_err("Acc overflowed 64 bits"))?;
            Ok(())
        }

        fn __isub__(&mut self, n: i64) {
            self.total = self.total.wrapping_sub(n);
        }

        /// `a *= n` returns a new object instead of mutating (an in-place operator may).
        fn __imul__(&self, n: i64) -> Acc {
            Acc {
                total: self.total.wrapping_mul(n),
            }
        }

        fn __ipow__(&mut self, exp: u32) {
            self.total = self.total.wrapping_pow(exp);
        }

        /// `a |= b` borrows `b` while `self` is lent mutably: `a |= a` must raise.
        fn __ior__(&mut self, other: Ref<'_, '_, Acc>) {
            self.total |= other.total;
        }

        /// Adds another accumulator's total (`a.absorb(a)` raises).
        fn absorb(&mut self, other: Ref<'_, '_, Acc>) {
            self.total += other.total;
        }

        /// Borrows the value twice through this one handle, `first` then `second` (each
        /// "shared" or "mutable"): a conflict raises, as through two handles.
        fn borrow_twice(this: &Typed<'_, Self>, first: &str, second: &str) -> Result<i64> {
            match (first, second) {
                ("shared", "shared") => {
                    let (a, b) = (this.borrow()?, this.borrow()?);
                    Ok(a.total + b.total)
                }
                ("shared", "mutable") => {
                    let a = this.borrow()?;
                    let mut b = this.borrow_mut()?;
                    b.total += a.total;
                    Ok(b.total)
                }
                ("mutable", "shared") => {
                    let mut a = this.borrow_mut()?;
                    let b = this.borrow()?;
                    a.total += b.total;
                    Ok(a.total)
                }
                ("mutable", "mutable") => {
                    let mut a = this.borrow_mut()?;
                    let mut b = this.borrow_mut()?;
                    a.total += 1;
                    b.total += 1;
                    Ok(a.total)
                }
                _ => Err(ValueError::new_err("shared or mutable")),
            }
        }

        /// Swaps totals, borrowing both mutably (`a.swap(a)`: two handles to one object, which
        /// only the run-time check can catch).
        fn swap<'ctx>(this: &Typed<'ctx, Self>, other: &Typed<'ctx, Self>) -> Result<()> {
            let mut a = this.borrow_mut()?;
            let mut b = other.borrow_mut()?;
            core::mem::swap(&mut a.total, &mut b.total);
            Ok(())
        }

        /// Calls `f()` while `self` is lent mutably.
        fn while_mutating<'ctx>(&mut self, f: &Handle<'ctx>) -> Result<Handle<'ctx>> {
            self.total += 1;
            f.call(())
        }

        /// Calls `f()` while `self` is lent shared.
        fn while_reading<'ctx>(&self, f: &Handle<'ctx>) -> Result<Handle<'ctx>> {
            f.call(())
        }

        /// Panics (the panic becomes a Python exception; the borrow is released).
        fn explode(&mut self) {
            panic!("exploded while mutably borrowed");
        }

        /// Adds `n * times` and returns the total.
        #[hpy(signature = (n, *, times = 1))]
        fn __call__(&mut self, n: i64, times: i64) -> i64 {
            self.total += n * times;
            self.total
        }

        /// Every signature feature of a function, on a method.
        #[hpy(signature = (a, /, b = 2, *rest, c, d = 4, **extra))]
        fn describe(
            &self,
            a: i64,
            b: i64,
            rest: Vec<i64>,
            c: i64,
            d: i64,
            extra: HashMap<String, i64>,
        ) -> Described {
            let mut extra: Vec<(String, i64)> = extra.into_iter().collect();
            extra.sort();
            (self.total, a, b, rest, c, d, extra)
        }

        /// `callback()`, then `(total, args, kwargs)`: every keyword goes to `**kwargs` (in the
        /// CPython ABI the method takes CPython's tuple and keyword dict), which is looked at
        /// only after `callback` ran.
        #[hpy(signature = (callback, /, *args, **kwargs))]
        fn forward<'ctx>(
            &self,
            callback: &Handle<'ctx>,
            args: Vec<Handle<'ctx>>,
            kwargs: &hpy::VarKwargs<'ctx>,
        ) -> Result<(i64, Vec<Handle<'ctx>>, Handle<'ctx>)> {
            callback.call(())?;
            Ok((self.total, args, kwargs.to_dict()?))
        }

        /// `**kwargs` of a static method, as a dict.
        #[staticmethod]
        #[hpy(signature = (**kwargs))]
        fn static_kwargs<'ctx>(kwargs: Handle<'ctx>) -> Handle<'ctx> {
            kwargs
        }

        /// `(cls, kwargs)` of a class method.
        #[classmethod]
        #[hpy(signature = (cls, /, **kwargs))]
        fn class_kwargs<'ctx>(
            cls: &Handle<'ctx>,
            kwargs: Handle<'ctx>,
        ) -> (Handle<'ctx>, Handle<'ctx>) {
            (cls.clone(), kwargs)
        }
    }

    /// A sequence of ints: the sequence protocol (and iteration through it).
    #[hpy::class]
    pub struct Seq {
        items: Vec<i64>,
    }

    #[hpy::methods]
    impl Seq {
        #[new]
        #[hpy(signature = (*items))]
        fn new(items: Vec<i64>) -> Self {
            Seq { items }
        }

        fn __len__(&self) -> usize {
            self.items.len()
        }

        fn __getitem__(&self, index: usize) -> Result<i64> {
            self.items
                .get(index)
                .copied()
                .ok_or_else(|| IndexError::new_err("Seq index out of range"))
        }

        fn __setitem__(&mut self, index: usize, value: i64) -> Result<()> {
            let slot = self
                .items
                .get_mut(index)
                .ok_or_else(|| IndexError::new_err("Seq assignment index out of range"))?;
            *slot = value;
            Ok(())
        }

        fn __delitem__(&mut self, index: usize) -> Result<()> {
            if index >= self.items.len() {
                return Err(IndexError::new_err("Seq assignment index out of range"));
            }
            self.items.remove(index);
            Ok(())
        }

        fn __contains__(&self, value: i64) -> bool {
            self.items.contains(&value)
        }
    }

    /// A str -> int mapping: the mapping protocol, without deletion.
    #[hpy::class]
    pub struct Table {
        entries: HashMap<String, i64>,
    }

    #[hpy::methods]
    impl Table {
        #[new]
        fn new() -> Self {
            Table {
                entries: HashMap::new(),
            }
        }

        fn __getitem__(&self, key: &str) -> Result<i64> {
            self.entries
                .get(key)
                .copied()
                .ok_or_else(|| KeyError::new_err(key.to_owned()))
        }

        fn __setitem__(&mut self, key: String, value: i64) {
            self.entries.insert(key, value);
        }

        fn __len__(&self) -> usize {
            self.entries.len()
        }

        fn __contains__(&self, key: &str) -> bool {
            self.entries.contains_key(key)
        }
    }

    /// A mutable class whose `__new__` tests replace from Python (which CPython allows for a
    /// heap type): the objects that makes hold no value.
    #[hpy::class]
    pub struct Hollow {
        items: Vec<String>,
        link: Field,
    }

    #[hpy::methods]
    impl Hollow {
        #[new]
        fn new() -> Self {
            Hollow {
                items: vec!["x".to_owned()],
                link: Field::new(),
            }
        }

        /// The first item.
        fn first(&self) -> String {
            self.items[0].clone()
        }

        /// Appends an item.
        fn push(&mut self, item: String) {
            self.items.push(item);
        }

        fn __len__(&self) -> usize {
            self.items.len()
        }

        /// The object in the field.
        #[getter]
        fn link<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            this.field(|h| &h.link)
        }
    }

    /// A frozen class, replaced `__new__` and all, like [`Hollow`].
    #[hpy::class(frozen)]
    pub struct HollowFrozen {
        name: String,
        /// Read straight from the object by CPython.
        #[hpy(get)]
        size: i64,
    }

    #[hpy::methods]
    impl HollowFrozen {
        #[new]
        fn new() -> Self {
            HollowFrozen {
                name: "frozen".to_owned(),
                size: 1,
            }
        }

        /// The name.
        fn name(&self) -> String {
            self.name.clone()
        }

        fn __eq__(&self, other: &Self) -> bool {
            self.name == other.name
        }
    }

    /// A `Field` of its own, and one inside a member whose type does not implement
    /// `Traverse` (so the type's traversal does not visit it).
    #[hpy::class]
    pub struct Stray {
        own: Field,
        hidden: super::Hidden,
    }

    #[hpy::methods]
    impl Stray {
        #[new]
        fn new() -> Self {
            Stray {
                own: Field::new(),
                hidden: super::Hidden::default(),
            }
        }

        /// Stores `obj` through a selector of the field `which` names: "own", "hidden" (not
        /// visited by the traversal) or "leaked" (a `&'static Field` outside any object).
        fn store<'ctx>(this: &Typed<'ctx, Self>, which: &str, obj: &Handle<'ctx>) -> Result<()> {
            match which {
                "own" => this.set_field(|s| &s.own, Some(obj)),
                "hidden" => this.set_field(|s| &s.hidden.field, Some(obj)),
                "leaked" => this.set_field(|_| Box::leak(Box::new(Field::new())), Some(obj)),
                _ => Err(ValueError::new_err("own, hidden or leaked")),
            }
        }

        /// Loads the field `which` names, as `store`.
        fn load<'ctx>(this: &Typed<'ctx, Self>, which: &str) -> Result<Option<Handle<'ctx>>> {
            match which {
                "own" => this.field(|s| &s.own),
                "hidden" => this.field(|s| &s.hidden.field),
                "leaked" => this.field(|_| Box::leak(Box::new(Field::new()))),
                _ => Err(ValueError::new_err("own, hidden or leaked")),
            }
        }
    }

    /// A linked node for the deallocation-depth tests (whose `__del__` a test removes).
    #[hpy::class]
    pub struct Chain {
        value: Field,
        next: Field,
    }

    #[hpy::methods]
    impl Chain {
        #[new]
        #[hpy(signature = (value, next = None))]
        fn new<'ctx>(
            init: Construct<'_, 'ctx, Self>,
            value: &Handle<'ctx>,
            next: Option<&Handle<'ctx>>,
        ) -> Result<Typed<'ctx, Self>> {
            let node = init.init(Chain {
                value: Field::new(),
                next: Field::new(),
            })?;
            node.set_field(|n| &n.value, Some(value))?;
            node.set_field(|n| &n.next, next)?;
            Ok(node)
        }
    }

    /// A member whose traversal a trait of this module answers (see [`super::Hijack`]).
    #[hpy::class]
    pub struct Spoofed {
        own: Field,
        inner: super::Hijacked,
    }

    #[hpy::methods]
    impl Spoofed {
        #[new]
        fn new() -> Self {
            Spoofed {
                own: Field::new(),
                inner: super::Hijacked::default(),
            }
        }

        /// Stores `obj` in the field of the hijacked member.
        fn store<'ctx>(this: &Typed<'ctx, Self>, obj: &Handle<'ctx>) -> Result<()> {
            this.set_field(|s| &s.inner.field, Some(obj))
        }

        /// Stores `obj` in the type's own field.
        fn store_own<'ctx>(this: &Typed<'ctx, Self>, obj: &Handle<'ctx>) -> Result<()> {
            this.set_field(|s| &s.own, Some(obj))
        }
    }

    /// Only a field the traversal does not visit: the type holds no fields (not GC-tracked).
    #[hpy::class]
    pub struct Unseen {
        hidden: super::Hidden,
    }

    #[hpy::methods]
    impl Unseen {
        #[new]
        fn new() -> Self {
            Unseen {
                hidden: super::Hidden::default(),
            }
        }

        /// Stores `obj` in the hidden field.
        fn store<'ctx>(this: &Typed<'ctx, Self>, obj: &Handle<'ctx>) -> Result<()> {
            this.set_field(|u| &u.hidden.field, Some(obj))
        }
    }

    /// Objects kept in a `Vec<Field>`, an `Option<Field>` and a `[Field; 2]`.
    #[hpy::class(subclass)]
    pub struct Bag {
        items: Vec<Field>,
        extra: Option<Field>,
        pair: [Field; 2],
    }

    impl Drop for Bag {
        fn drop(&mut self) {
            DESTROYED_BAGS.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[hpy::methods]
    impl Bag {
        #[new]
        fn new() -> Self {
            Bag {
                items: Vec::new(),
                extra: None,
                pair: [Field::new(), Field::new()],
            }
        }

        /// Appends `obj`.
        fn append<'ctx>(this: &Typed<'ctx, Self>, obj: &Handle<'ctx>) -> Result<()> {
            let index = {
                let mut bag = this.borrow_mut()?;
                bag.items.push(Field::new());
                bag.items.len() - 1
            };
            this.set_field_at(|bag| &bag.items, index, Some(obj))
        }

        /// Drops the last field without emptying it first (a leak the library reports).
        fn drop_last_leaking(&mut self) {
            self.items.pop();
        }

        /// Removes and returns the last object.
        fn pop<'ctx>(this: &Typed<'ctx, Self>) -> Result<Handle<'ctx>> {
            let len = this.borrow()?.items.len();
            let index = len
                .checked_sub(1)
                .ok_or_else(|| IndexError::new_err("pop from empty Bag"))?;
            // Empty the field before dropping it, or its reference would never be released.
            let obj = this.take_field_at(|bag| &bag.items, index)?;
            this.borrow_mut()?.items.pop();
            Ok(obj.expect("every item is set"))
        }

        fn __len__(&self) -> usize {
            self.items.len()
        }

        fn __getitem__<'ctx>(this: &Typed<'ctx, Self>, index: usize) -> Result<Handle<'ctx>> {
            this.field_at(|bag| &bag.items, index)
                .map_err(|_| IndexError::new_err("Bag index out of range"))?
                .ok_or_else(|| IndexError::new_err("Bag index out of range"))
        }

        /// An optional extra object.
        #[getter]
        fn extra<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            if this.borrow()?.extra.is_none() {
                return Ok(None);
            }
            this.field(|bag| bag.extra.as_ref().expect("checked"))
        }

        #[setter]
        fn set_extra<'ctx>(this: &Typed<'ctx, Self>, value: Option<&Handle<'ctx>>) -> Result<()> {
            if this.borrow()?.extra.is_none() {
                this.borrow_mut()?.extra = Some(Field::new());
            }
            this.set_field(|bag| bag.extra.as_ref().expect("just set"), value)
        }

        /// The two objects of the pair (None where unset).
        #[getter]
        fn pair<'ctx>(
            this: &Typed<'ctx, Self>,
        ) -> Result<(Option<Handle<'ctx>>, Option<Handle<'ctx>>)> {
            Ok((
                this.field_at(|bag| &bag.pair, 0)?,
                this.field_at(|bag| &bag.pair, 1)?,
            ))
        }

        #[setter]
        fn set_pair<'ctx>(
            this: &Typed<'ctx, Self>,
            pair: (Handle<'ctx>, Handle<'ctx>),
        ) -> Result<()> {
            this.set_field_at(|bag| &bag.pair, 0, Some(&pair.0))?;
            this.set_field_at(|bag| &bag.pair, 1, Some(&pair.1))
        }
    }

    /// Fields inside nested values that derive `Traverse`.
    #[hpy::class]
    pub struct Nest {
        inner: Inner,
        choice: Choice,
    }

    /// A struct holding fields, visited through its derived `Traverse`.
    #[derive(hpy::Traverse)]
    struct Inner {
        first: Field,
        second: Option<Field>,
        count: i64,
    }

    /// An enum holding fields in some variants.
    #[derive(hpy::Traverse)]
    enum Choice {
        Nothing,
        One(Field),
        Named { it: Field, label: String },
    }

    #[hpy::methods]
    impl Nest {
        /// Holds `a` and `b` in `inner`, and `c` (if given) in `choice` (`One` or, with a
        /// label, `Named`).
        #[new]
        #[hpy(signature = (a, b, c = None, label = None))]
        fn new<'ctx>(
            init: Construct<'_, 'ctx, Self>,
            a: &Handle<'ctx>,
            b: &Handle<'ctx>,
            c: Option<&Handle<'ctx>>,
            label: Option<String>,
        ) -> Result<Typed<'ctx, Self>> {
            let choice = match (c, label) {
                (None, _) => Choice::Nothing,
                (Some(_), None) => Choice::One(Field::new()),
                (Some(_), Some(label)) => Choice::Named {
                    it: Field::new(),
                    label,
                },
            };
            let nest = init.init(Nest {
                inner: Inner {
                    first: Field::new(),
                    second: Some(Field::new()),
                    count: 2,
                },
                choice,
            })?;
            nest.set_field(|n| &n.inner.first, Some(a))?;
            nest.set_field(|n| n.inner.second.as_ref().expect("set above"), Some(b))?;
            if c.is_some() {
                nest.set_field(Nest::choice_field, c)?;
            }
            Ok(nest)
        }

        /// The objects held, in order.
        fn held<'ctx>(this: &Typed<'ctx, Self>) -> Result<Vec<Option<Handle<'ctx>>>> {
            let mut held = vec![
                this.field(|n| &n.inner.first)?,
                this.field(|n| n.inner.second.as_ref().expect("always set"))?,
            ];
            if !matches!(this.borrow()?.choice, Choice::Nothing) {
                held.push(this.field(Nest::choice_field)?);
            }
            Ok(held)
        }

        /// The label of a `Named` choice, and the count.
        fn describe(&self) -> (Option<String>, i64) {
            let label = match &self.choice {
                Choice::Named { label, .. } => Some(label.clone()),
                Choice::Nothing | Choice::One(_) => None,
            };
            (label, self.inner.count)
        }
    }

    impl Nest {
        /// The field of a `One` or `Named` choice.
        fn choice_field(&self) -> &Field {
            match &self.choice {
                Choice::One(it) | Choice::Named { it, .. } => it,
                Choice::Nothing => unreachable!("callers check for a field"),
            }
        }
    }

    /// Float samples exported through the buffer protocol (writable unless `readonly`).
    #[hpy::class]
    pub struct Samples {
        data: Vec<f64>,
        exports: Cell<usize>,
        readonly: bool,
    }

    #[hpy::methods]
    impl Samples {
        #[new]
        #[hpy(signature = (n, *, readonly = false))]
        fn new(n: usize, readonly: bool) -> Self {
            Samples {
                data: (0..n).map(|i| i as f64).collect(),
                exports: Cell::new(0),
                readonly,
            }
        }

        fn __getbuffer__(&mut self) -> Buffer {
            self.exports.set(self.exports.get() + 1);
            // SAFETY: `data` is never resized or replaced while `exports > 0` (see `push`), and
            // no method holds a reference to it while calling into Python.
            unsafe {
                if self.readonly {
                    Buffer::from_slice(&self.data)
                } else {
                    Buffer::from_mut_slice(&mut self.data)
                }
            }
        }

        /// Takes `&self`, so a view can also be released while a method reads the samples.
        fn __releasebuffer__(&self) {
            self.exports.set(self.exports.get() - 1);
        }

        /// How many views are alive.
        #[getter]
        fn exports(&self) -> usize {
            self.exports.get()
        }

        /// Appends a sample; refused while the data is exported (like `bytearray`).
        fn push(&mut self, value: f64) -> Result<()> {
            if self.exports.get() > 0 {
                return Err(BufferError::new_err(
                    "Existing exports of data: object cannot be re-sized",
                ));
            }
            self.data.push(value);
            Ok(())
        }

        /// The sum of the samples.
        fn sum(&self) -> f64 {
            self.data.iter().sum()
        }
    }

    /// A read-only matrix of `i32`, exported 2-D in row-major (C) or column-major (Fortran)
    /// order.
    #[hpy::class(frozen)]
    pub struct Grid {
        data: Vec<i32>,
        rows: usize,
        cols: usize,
        fortran: bool,
    }

    #[hpy::methods]
    impl Grid {
        /// `rows` x `cols`, element (i, j) = 10 * i + j, stored in C or Fortran order.
        #[new]
        #[hpy(signature = (rows, cols, *, fortran = false))]
        fn new(rows: usize, cols: usize, fortran: bool) -> Self {
            let mut data = vec![0; rows * cols];
            for i in 0..rows {
                for j in 0..cols {
                    let at = if fortran { j * rows + i } else { i * cols + j };
                    data[at] = (10 * i + j) as i32;
                }
            }
            Grid {
                data,
                rows,
                cols,
                fortran,
            }
        }

        fn __getbuffer__(&self) -> Result<Buffer> {
            let item = size_of::<i32>() as isize;
            let strides = if self.fortran {
                vec![item, item * self.rows as isize]
            } else {
                vec![item * self.cols as isize, item]
            };
            // SAFETY: a frozen value never changes, and the object (so `data`) outlives the
            // view; the strides address exactly the `rows * cols` elements of `data`.
            unsafe {
                Buffer::from_raw_parts(
                    self.data.as_ptr().cast_mut().cast(),
                    c"i",
                    size_of::<i32>(),
                    vec![self.rows, self.cols],
                    strides,
                    true,
                )
            }
        }
    }

    /// Bytes reshaped: a C-contiguous 3-D export of a `Vec<u8>`.
    #[hpy::class(frozen)]
    pub struct Cube {
        data: Vec<u8>,
    }

    #[hpy::methods]
    impl Cube {
        #[new]
        fn new() -> Self {
            Cube {
                data: (0..24).collect(),
            }
        }

        fn __getbuffer__(&self) -> Result<Buffer> {
            // SAFETY: a frozen value never changes; the object outlives the view.
            unsafe { Buffer::from_slice(&self.data) }.reshape(&[2, 3, 4])
        }
    }

    /// A member whose traversal panics — breaking `Traverse`'s contract on purpose, to show
    /// that `tp_traverse` reports the panic instead of unwinding into the GC.
    struct Tripwire {
        field: Field,
    }

    // SAFETY: visits its one field once. (Its panic breaks the contract's "must not panic" on
    // purpose: the guard in `tp_traverse` is what is tested.)
    unsafe impl hpy::Traverse for Tripwire {
        unsafe fn traverse(&self, _visitor: &mut hpy::Visitor<'_>) -> core::ffi::c_int {
            let _ = &self.field;
            panic!("boom in traverse");
        }
    }

    /// An object whose traversal panics.
    #[hpy::class]
    pub struct Unruly {
        wire: Tripwire,
    }

    #[hpy::methods]
    impl Unruly {
        #[new]
        fn new() -> Self {
            Unruly {
                wire: Tripwire {
                    field: Field::new(),
                },
            }
        }
    }

    /// Its `Drop` panics: `tp_destroy` must report it, not abort or unwind into the runtime.
    #[hpy::class]
    pub struct Grenade {
        armed: bool,
        /// Panic with a payload whose own `Drop` panics, rather than with a message.
        foreign_payload: bool,
    }

    impl Drop for Grenade {
        fn drop(&mut self) {
            if self.foreign_payload {
                std::panic::panic_any(super::PanicsWhenDropped);
            }
            if self.armed {
                panic!("boom in Drop");
            }
        }
    }

    #[hpy::methods]
    impl Grenade {
        #[new]
        #[hpy(signature = (foreign_payload = false))]
        fn new(foreign_payload: bool) -> Self {
            Grenade {
                armed: true,
                foreign_payload,
            }
        }
    }

    /// Only Rust creates these (no `#[new]`).
    #[hpy::class]
    pub struct Sealed {
        id: i64,
    }

    #[hpy::methods]
    impl Sealed {
        /// The id given by `make_sealed`.
        #[getter]
        fn id(&self) -> i64 {
            self.id
        }
    }

    /// A `Sealed` with the given id.
    #[hpy::function]
    fn make_sealed(id: i64) -> Sealed {
        Sealed { id }
    }

    /// A type whose Python name differs from its Rust name.
    #[hpy::class(name = "Renamed")]
    pub struct InternalName {
        n: i64,
    }

    #[hpy::methods]
    impl InternalName {
        #[new]
        fn new(n: i64) -> Self {
            InternalName { n }
        }

        /// Adds `k`.
        fn plus(&self, k: i64) -> i64 {
            self.n + k
        }
    }

    /// Every type an `#[hpy(get)]` field can have, with fields that are not members in
    /// between (so that offsets are not trivially 0).
    #[hpy::class(frozen, subclass)]
    pub struct Members {
        /// A signed byte.
        #[hpy(get)]
        i8_: i8,
        label: String,
        #[hpy(get)]
        u8_: u8,
        #[hpy(get)]
        i16_: i16,
        #[hpy(get)]
        u16_: u16,
        #[hpy(get)]
        i32_: i32,
        #[hpy(get)]
        u32_: u32,
        #[hpy(get)]
        i64_: i64,
        #[hpy(get)]
        u64_: u64,
        #[hpy(get)]
        isize_: isize,
        #[hpy(get)]
        usize_: usize,
        #[hpy(get)]
        f32_: f32,
        flag: bool,
        #[hpy(get)]
        f64_: f64,
        #[hpy(get)]
        bool_: bool,
        #[hpy(get)]
        r#type: u8,
    }

    #[hpy::methods]
    impl Members {
        /// Every member at its type's maximum (`high`) or minimum.
        #[new]
        fn new(high: bool) -> Self {
            macro_rules! pick {
                ($t:ty) => {
                    if high { <$t>::MAX } else { <$t>::MIN }
                };
            }
            Members {
                i8_: pick!(i8),
                label: "not a member".into(),
                u8_: pick!(u8),
                i16_: pick!(i16),
                u16_: pick!(u16),
                i32_: pick!(i32),
                u32_: pick!(u32),
                i64_: pick!(i64),
                u64_: pick!(u64),
                isize_: pick!(isize),
                usize_: pick!(usize),
                f32_: if high { 1.5 } else { -2.25 },
                flag: !high,
                f64_: if high { 1e300 } else { -1e-300 },
                bool_: high,
                r#type: 7,
            }
        }

        /// The fields that are not members, read through a method.
        fn others(&self) -> (String, bool) {
            (self.label.clone(), self.flag)
        }
    }

    /// The total of an `Acc`: a typed argument of a function.
    #[hpy::function]
    fn total_of(acc: Ref<'_, '_, Acc>) -> i64 {
        acc.total
    }

    /// The value of a frozen `Num`, borrowed without a flag.
    #[hpy::function]
    fn value_of(num: &Num) -> i64 {
        num.v
    }

    /// Stores into a global the module does not register (which must fail loudly).
    #[hpy::function]
    fn store_stray(obj: &Handle<'_>) {
        STRAY.store(obj);
    }

    /// Whether this library was built with debug assertions (an unoptimised build, whose
    /// stack frames are larger).
    #[hpy::function]
    fn built_with_debug_assertions() -> bool {
        cfg!(debug_assertions)
    }

    /// How many `Bag`s have been destroyed so far.
    #[hpy::function]
    fn destroyed_bags() -> usize {
        DESTROYED_BAGS.load(Ordering::Relaxed)
    }
}

/// A panic payload whose `Drop` panics: `tp_destroy` must never drop it.
struct PanicsWhenDropped;

impl Drop for PanicsWhenDropped {
    fn drop(&mut self) {
        panic!("a panic payload was dropped");
    }
}

/// A `Field` inside a type that does not implement `Traverse`: no traversal visits it.
#[derive(Default)]
struct Hidden {
    field: Field,
}

/// A `Field` in a type that does not implement `Traverse`, whose probe [`Hijack`] answers.
#[derive(Default)]
struct Hijacked {
    field: Field,
}

/// Wins the generated traversal's method resolution for `Hijacked` members (a safe trait of
/// the module): it cannot visit (that is `unsafe`), only claim a result, which is ignored.
trait Hijack {
    fn visit_member(&self, visitor: &mut hpy::Visitor<'_>) -> core::ffi::c_int;
}

impl Hijack for hpy::__private::FieldsProbe<'_, Hijacked> {
    fn visit_member(&self, _visitor: &mut hpy::Visitor<'_>) -> core::ffi::c_int {
        1
    }
}
