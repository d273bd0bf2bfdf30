//! `hello`: the hpy-rs demo module. Its Python-visible contract is tested by
//! `tests/test_hello.py`, in universal and in debug mode.

use std::collections::BTreeMap;

use hpy::Handle;
use hpy::exceptions::{OverflowError, ZeroDivisionError};

#[hpy::module]
/// A small demo of hpy-rs: functions with defaults, keyword-only arguments, `*args`,
/// `**kwargs`, error handling and panics.
mod hello {
    use super::*;

    /// Add two 64-bit integers.
    #[hpy::function(signature = (a, b = 0))]
    fn add(a: i64, b: i64) -> hpy::Result<i64> {
        a.checked_add(b)
            .ok_or_else(|| OverflowError::new_err("add() result does not fit in 64 bits"))
    }

    /// Greet someone: `greet("Ada")` is `"Hello, Ada!"`.
    #[hpy::function(signature = (name, *, greeting = "Hello"))]
    fn greet(name: &str, greeting: &str) -> String {
        format!("{greeting}, {name}!")
    }

    /// Divide two floats, raising ZeroDivisionError for a zero divisor.
    #[hpy::function]
    fn divide(a: f64, b: f64) -> hpy::Result<f64> {
        if b == 0.0 {
            return Err(ZeroDivisionError::new_err("division by zero"));
        }
        Ok(a / b)
    }

    /// Sum a list of 64-bit integers.
    #[hpy::function]
    fn sum_list(xs: Vec<i64>) -> hpy::Result<i64> {
        xs.iter().try_fold(0i64, |acc, &x| {
            acc.checked_add(x)
                .ok_or_else(|| OverflowError::new_err("sum_list() result does not fit in 64 bits"))
        })
    }

    /// Join strings with a separator.
    #[hpy::function(signature = (*parts, sep = " "))]
    fn join(parts: Vec<&str>, sep: &str) -> String {
        parts.join(sep)
    }

    /// The names of the keyword arguments, sorted.
    #[hpy::function(signature = (**kwargs))]
    fn kwargs_keys<'ctx>(kwargs: BTreeMap<String, &Handle<'ctx>>) -> Vec<String> {
        kwargs.into_keys().collect()
    }

    /// Return the argument itself (the very same object).
    #[hpy::function]
    fn echo<'ctx>(obj: &Handle<'ctx>) -> Handle<'ctx> {
        obj.clone()
    }

    /// Panic in Rust; Python receives a PanicException carrying the message.
    #[hpy::function]
    fn boom() {
        panic!("boom: this panic was raised in Rust");
    }
}
