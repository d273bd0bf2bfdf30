//! `threads`: `Context::leave_python` seen from Python — other threads run meanwhile, a
//! panic re-enters before it is raised, and a value lent mutably across it stays guarded.
//! Tested by `tests/test_threads.py` in universal and debug mode.

use std::time::{Duration, Instant};

use hpy::prelude::*;

/// Spins for `seconds`, returning how many rounds it made.
fn spin(seconds: f64) -> u64 {
    let until = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    let mut rounds = 0u64;
    while Instant::now() < until {
        rounds = std::hint::black_box(rounds + 1);
    }
    rounds
}

#[hpy::module]
/// Running Rust code outside Python.
mod threads {
    use super::*;

    /// Spins for `seconds` with the interpreter released.
    #[hpy::function]
    fn spin_outside(cx: Context<'_>, seconds: f64) -> u64 {
        cx.leave_python(|| spin(seconds))
    }

    /// Spins for `seconds` holding the interpreter.
    #[hpy::function]
    fn spin_inside(seconds: f64) -> u64 {
        spin(seconds)
    }

    /// Counts the words of `text` outside Python, on `threads` scoped threads.
    #[hpy::function]
    fn count_words_outside(cx: Context<'_>, text: &str, threads: usize) -> usize {
        let words: Vec<&str> = text.split_whitespace().collect();
        let chunk = words.len().div_ceil(threads.max(1)).max(1);
        cx.leave_python(|| {
            std::thread::scope(|s| {
                let parts: Vec<_> = words
                    .chunks(chunk)
                    .map(|part| s.spawn(move || part.len()))
                    .collect();
                parts.into_iter().map(|p| p.join().unwrap()).sum()
            })
        })
    }

    /// Panics with `message` outside Python (on a spawned thread when `on_thread`).
    #[hpy::function]
    fn panic_outside(cx: Context<'_>, message: String, on_thread: bool) {
        cx.leave_python(|| {
            if on_thread {
                let joined = std::thread::spawn(move || panic!("{message}")).join();
                std::panic::resume_unwind(joined.unwrap_err());
            }
            panic!("{message}")
        })
    }

    /// A counter whose `fill` runs outside Python with the value lent mutably.
    #[hpy::class]
    pub struct Accumulator {
        total: u64,
    }

    #[hpy::methods]
    impl Accumulator {
        #[new]
        fn new() -> Self {
            Accumulator { total: 0 }
        }

        /// Adds 1 per spin round for `seconds`, outside Python.
        fn fill(&mut self, cx: Context<'_>, seconds: f64) -> u64 {
            let total = &mut self.total;
            cx.leave_python(|| {
                *total += spin(seconds);
                *total
            })
        }

        #[getter]
        fn total(&self) -> u64 {
            self.total
        }
    }
}
