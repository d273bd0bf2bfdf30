// Must compile: method and property names that could collide with the names the macros
// generate, raw identifiers, and `Self` in parameter types, defaults and associated paths.
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Thing {
        x: i64,
    }

    pub trait Kind {
        type Item;
        const DEFAULT: i64;
    }

    impl Kind for Thing {
        type Item = i64;
        const DEFAULT: i64 = 3;
    }

    #[hpy::methods]
    impl Thing {
        const STEP: i64 = 2;

        #[new]
        #[hpy(signature = (x = Self::STEP * <Self as Kind>::DEFAULT))]
        fn new(x: i64) -> Self {
            Self { x }
        }

        #[getter]
        fn x(&self) -> i64 {
            self.x
        }

        #[getter]
        fn tramp_x(&self) -> i64 {
            self.x
        }

        #[getter]
        fn get_tramp(&self) -> i64 {
            self.x
        }

        fn r#type(&self) -> &'static str {
            "thing"
        }

        fn r#match(&self, other: <Self as Kind>::Item) -> bool {
            self.x == other
        }

        fn combine(&self, other: Ref<'_, '_, Self>, scale: Option<<Thing as Kind>::Item>) -> i64 {
            self.x + other.x * scale.unwrap_or(1)
        }

        #[staticmethod]
        #[hpy(signature = (n = Self::STEP))]
        fn make(n: i64) -> Self {
            Self { x: n }
        }
    }
}

fn main() {}
