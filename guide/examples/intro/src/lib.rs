//! The guide's first module, whole: `introduction.md` includes it, and `tests/test_intro.py`
//! checks what the chapter says it does.
#![deny(missing_docs)]

// ANCHOR: intro
#[hpy::module]
/// My first module.
mod intro {
    /// Greet someone.
    #[hpy::function(signature = (name, *, greeting = "Hello"))]
    fn greet(name: &str, greeting: &str) -> String {
        format!("{greeting}, {name}!")
    }

    /// A point in the plane.
    #[hpy::class]
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

        /// The distance to the origin.
        fn norm(&self) -> f64 {
            self.x.hypot(self.y)
        }
    }
}
// ANCHOR_END: intro
