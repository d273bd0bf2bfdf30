//! `micro_hpyrs`: the hpy-rs variant of the micro-benchmarks. It implements
//! `bench/micro/OPERATIONS.md` the way an hpy-rs user would write it.

use hpy::prelude::*;
use hpy::{VarArgs, VarKwargs};

#[hpy::module]
/// The micro-benchmark operations, written with hpy-rs.
mod micro_hpyrs {
    use super::*;

    /// Returns None.
    #[hpy::function]
    fn noargs() {}

    /// Takes any object; returns None.
    #[hpy::function(signature = (x, /))]
    fn onearg(x: &Handle<'_>) {
        let _ = x;
    }

    /// Takes any positional arguments; returns None.
    #[hpy::function(signature = (*args))]
    fn varargs(args: &VarArgs<'_>) {
        let _ = args;
    }

    /// Takes any positional and keyword arguments; returns None.
    #[hpy::function(signature = (*args, **kwargs))]
    fn varkw(args: &VarArgs<'_>, kwargs: &VarKwargs<'_>) {
        let _ = (args, kwargs);
    }

    /// A new int, 2**40.
    #[hpy::function]
    fn new_int() -> i64 {
        1 << 40
    }

    /// A new tuple, (1, 2).
    #[hpy::function]
    fn new_tuple() -> (i64, i64) {
        (1, 2)
    }

    // ANCHOR: kw4 (shown in the guide, guide/src/porting-c-hpy.md)
    /// The sum of four ints, passed by position or keyword.
    #[hpy::function]
    fn kw4(a: i64, b: i64, c: i64, d: i64) -> i64 {
        a + b + c + d
    }
    // ANCHOR_END: kw4

    // ANCHOR: obj
    /// An immutable object holding one int.
    #[hpy::class(frozen)]
    pub struct Obj {
        /// The int held.
        #[hpy(get)]
        v: i64,
    }

    #[hpy::methods]
    impl Obj {
        #[new]
        fn new() -> Self {
            Obj { v: 1 }
        }

        /// Returns None.
        fn noargs(&self) {}

        /// Takes any object; returns None.
        #[hpy(signature = (x, /))]
        fn onearg(&self, x: &Handle<'_>) {
            let _ = x;
        }

        /// Takes any positional arguments; returns None.
        #[hpy(signature = (*args))]
        fn varargs(&self, args: &VarArgs<'_>) {
            let _ = args;
        }

        /// Returns `v` (a method that reads the object).
        fn getv(&self) -> i64 {
            self.v
        }

        fn __len__(&self) -> usize {
            1
        }

        fn __getitem__(&self, i: isize) -> isize {
            i
        }

        fn __add__(&self, other: &Obj) -> Obj {
            Obj {
                v: self.v + other.v,
            }
        }
    }
    // ANCHOR_END: obj
}
