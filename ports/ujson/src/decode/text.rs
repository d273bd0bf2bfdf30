//! The JSON text as ujson reads it: bytes followed by a NUL.
//!
//! ujson's C decoder walks a NUL-terminated buffer and stops at the first NUL it meets,
//! wherever it is; [`Text::at`] reads `0` past the end so the decoder sees the same thing
//! without copying the input.

/// The input and a position in it.
pub(super) struct Text<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Text<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Text { bytes, pos: 0 }
    }

    /// The whole input.
    #[inline(always)]
    pub(super) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The byte at `pos`, `0` past the end.
    #[inline(always)]
    pub(super) fn at(&self, pos: usize) -> u8 {
        self.bytes.get(pos).copied().unwrap_or(0)
    }

    /// The current byte, `0` past the end.
    #[inline(always)]
    pub(super) fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    #[inline(always)]
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    #[inline(always)]
    pub(super) fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    #[inline(always)]
    pub(super) fn advance(&mut self, n: usize) {
        self.pos += n;
    }

    /// Skips JSON whitespace (space, tab, CR, LF).
    #[inline(always)]
    pub(super) fn skip_whitespace(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\r' | b'\n') {
            self.pos += 1;
        }
    }

    /// Whether every byte has been read.
    pub(super) fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}
