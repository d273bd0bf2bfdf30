// Rule: a type's spec is built from its `MethodsInfo`, so giving a class methods by hand —
// implementing `PyMethods`, which `#[hpy::methods]` implements — needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Victim {
        pub n: i64,
    }

    impl hpy::__private::PyMethods for Victim {
        const METHODS: &'static hpy::__private::MethodsInfo = &hpy::__private::NO_METHODS;
    }
}

fn main() {
    println!("BUG: methods were given to a class without unsafe");
}
