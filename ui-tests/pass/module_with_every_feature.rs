// A module using each feature of #[hpy::module] and #[hpy::function] compiles.
use std::collections::HashMap;

use hpy::{Context, Global, Handle, Result};

#[hpy::module(name = "every_feature")]
/// Module docs.
mod module {
    use super::*;

    #[hpy::constant]
    const VERSION: &str = "1.0";

    static CACHE: Global = Global::new();

    #[hpy::init]
    fn init<'ctx>(_cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
        CACHE.store(module);
        Ok(())
    }

    #[hpy::function(signature = (a, /, b, c = 3, *rest, d, e = "e", **extra))]
    fn everything<'ctx>(
        cx: Context<'ctx>,
        a: &Handle<'ctx>,
        b: i64,
        c: i64,
        rest: Vec<&str>,
        d: Option<f64>,
        e: &str,
        extra: HashMap<String, Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        let _ = (b, c, rest, d, e, extra);
        cx.to_py(a)
    }

    #[hpy::function]
    fn nothing() {}

    #[hpy::function(signature = (x, /))]
    fn one(x: i64) -> i64 {
        x
    }
}

fn main() {}
