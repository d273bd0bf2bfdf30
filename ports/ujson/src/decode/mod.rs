//! JSON text → Python objects (`loads`, `load`). PLACEHOLDER until the decoder lands.

use hpy::exceptions::NotImplementedError;
use hpy::{Handle, Result};

/// `ujson.loads(obj)`.
pub fn loads<'ctx>(obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    let _ = obj;
    Err(NotImplementedError::new_err("the decoder is not written yet"))
}

/// `ujson.load(fp)`.
pub fn load<'ctx>(fp: &Handle<'ctx>) -> Result<Handle<'ctx>> {
    let _ = fp;
    Err(NotImplementedError::new_err("the decoder is not written yet"))
}
