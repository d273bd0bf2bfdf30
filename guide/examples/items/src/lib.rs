//! The guide's module items (constants, an init function, the module's doc): `functions.md`
//! includes them, and `tests/test_items.py` checks what the chapter says they do.
#![deny(missing_docs)]

// ANCHOR: items
use hpy::prelude::*;

#[hpy::module]
/// The module's __doc__.
mod items {
    use super::*;

    /// A module attribute.
    #[hpy::constant]
    const __version__: &str = "1.0";

    /// Another, under a name of its own.
    #[hpy::constant(name = "MAX_SIZE")]
    const LIMIT: u32 = 1024;

    /// Run when the module is executed (after the constants are set).
    #[hpy::init]
    fn init<'ctx>(_cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
        module.setattr("answer", 42)
    }
}
// ANCHOR_END: items
