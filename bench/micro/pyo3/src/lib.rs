//! The PyO3 variant of the micro-benchmark module (see `../OPERATIONS.md`).

/// Micro-benchmark module, PyO3 variant.
#[pyo3::pymodule]
mod micro_pyo3 {
    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyTuple};

    #[pyfunction]
    fn noargs() {}

    #[pyfunction]
    #[pyo3(signature = (x, /))]
    fn onearg(x: &Bound<'_, PyAny>) {
        let _ = x;
    }

    #[pyfunction]
    #[pyo3(signature = (*args))]
    fn varargs(args: &Bound<'_, PyTuple>) {
        let _ = args;
    }

    #[pyfunction]
    #[pyo3(signature = (*args, **kwargs))]
    fn varkw(args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) {
        let _ = (args, kwargs);
    }

    #[pyfunction]
    fn new_int() -> i64 {
        1 << 40
    }

    #[pyfunction]
    fn new_tuple() -> (i64, i64) {
        (1, 2)
    }

    #[pyfunction]
    fn kw4(a: i64, b: i64, c: i64, d: i64) -> i64 {
        a + b + c + d
    }

    #[pyclass(frozen)]
    struct Obj {
        #[pyo3(get)]
        v: i64,
    }

    #[pymethods]
    impl Obj {
        #[new]
        fn new() -> Self {
            Obj { v: 1 }
        }

        fn noargs(&self) {}

        #[pyo3(signature = (x, /))]
        fn onearg(&self, x: &Bound<'_, PyAny>) {
            let _ = x;
        }

        #[pyo3(signature = (*args))]
        fn varargs(&self, args: &Bound<'_, PyTuple>) {
            let _ = args;
        }

        fn getv(&self) -> i64 {
            self.v
        }

        fn __len__(&self) -> usize {
            1
        }

        fn __getitem__(&self, i: isize) -> isize {
            i
        }

        /// A non-`Obj` operand fails extraction, which PyO3 turns into `NotImplemented`.
        fn __add__(&self, other: PyRef<'_, Self>) -> Obj {
            Obj {
                v: self.v + other.v,
            }
        }
    }
}
