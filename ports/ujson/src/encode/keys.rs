//! Dict keys as C ujson names them (`Dict_convertKey`): a `str` as itself, `bytes` as their
//! contents (whatever `reject_bytes` says), `True`/`False`/`None` as `true`/`false`/`null`,
//! anything else as `str(key)` (so `1` → `"1"`, `1.5` → `"1.5"`, `(1, 2)` → `"(1, 2)"`).

use hpy::{BuiltinType, Handle, Result};

use super::walk::Encoder;
use super::{layout, text};

impl<'ctx> Encoder<'_, '_, 'ctx> {
    /// Appends `"name"` and the key separator for the dict key `key`.
    pub(super) fn key(&mut self, key: &Handle<'ctx>) -> Result<()> {
        let escaper = &self.options.escaper;
        let out = &mut self.out;
        if key.is_instance_of(BuiltinType::UnicodeType) {
            text::with_str_utf8(key, |name| escaper.write(out, name))?;
        } else if key.is_instance_of(BuiltinType::BytesType) {
            escaper.write(out, key.extract::<&[u8]>()?)?;
        } else if key.is_instance_of(BuiltinType::BoolType) {
            let name: &[u8] = if key.is_truthy()? { b"true" } else { b"false" };
            escaper.write(out, name)?;
        } else if key.is_none() {
            escaper.write(out, b"null")?;
        } else {
            let name = key.str()?;
            text::with_str_utf8(&name, |name| escaper.write(out, name))?;
        }
        layout::separator(&mut self.out, &self.options.key_separator);
        Ok(())
    }
}
