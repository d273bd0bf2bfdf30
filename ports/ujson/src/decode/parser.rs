//! The recursive-descent parser: JSON text → Python objects, with ujson 6.1.0's grammar,
//! leniencies and error messages.

use hpy::prelude::*;

use super::error::{Failure, Step, messages};
use super::number::{self, expect_word};
use super::objects::Objects;
use super::string::{self, Decoded};
use super::text::Text;

/// ujson's `JSON_MAX_OBJECT_DEPTH`: arrays and objects nest at most this deep. It also
/// bounds the parser's recursion (two small frames a level).
const MAX_DEPTH: u32 = 1024;

/// Decodes one JSON document (ujson's `ujson_loads` after the input is read).
pub(super) fn parse<'ctx>(cx: Context<'ctx>, json: &[u8]) -> Result<Handle<'ctx>> {
    let mut parser = Parser {
        text: Text::new(json),
        objects: Objects::new(cx),
        depth: 0,
        last_was_string: false,
        unhashable_key: None,
        items: Vec::new(),
        code_points: Vec::new(),
    };
    let result = parser.value().and_then(|value| {
        parser.text.skip_whitespace();
        match parser.text.at_end() {
            true => Ok(value),
            false => Err(Failure::Syntax(messages::TRAILING_DATA)),
        }
    });
    // As in ujson, a Python error wins over everything, then a pending key error, then a
    // syntax error.
    match (result, parser.unhashable_key) {
        (Err(Failure::Python(error)), _) => Err(error),
        (_, Some(error)) => Err(error),
        (Err(failure), None) => Err(failure.into_error()),
        (Ok(value), None) => Ok(value),
    }
}

struct Parser<'a, 'ctx> {
    text: Text<'a>,
    objects: Objects<'a, 'ctx>,
    /// How many arrays and objects enclose the current position.
    depth: u32,
    /// Whether the last value decoded was a string, tracked as ujson tracks its `lastType`:
    /// an object key is accepted when this is true after decoding it, so `{["a"]: 1}` gets
    /// past the key check (ujson then fails to hash the list).
    last_was_string: bool,
    /// ujson's error for a key that is a list or a dict: raised at the end, after decoding
    /// the rest of the text, as ujson does.
    unhashable_key: Option<Error>,
    /// The items of the arrays being decoded, innermost last.
    items: Vec<Handle<'ctx>>,
    /// Scratch space for the code points of strings that are not plain ASCII.
    code_points: Vec<u32>,
}

impl<'a, 'ctx> Parser<'a, 'ctx> {
    /// Any value, after optional whitespace.
    fn value(&mut self) -> Step<Handle<'ctx>> {
        self.text.skip_whitespace();
        match self.text.peek() {
            b'"' => self.string(),
            b'0'..=b'9' | b'-' | b'I' | b'N' => self.number(),
            b'[' => self.array(),
            b'{' => self.object(),
            b't' => self.word(b"true", messages::TRUE, Context::True),
            b'f' => self.word(b"false", messages::FALSE, Context::False),
            b'n' => self.word(b"null", messages::NULL, Context::None),
            _ => Err(Failure::Syntax(messages::EXPECTED_VALUE)),
        }
    }

    /// `true`, `false` or `null`.
    #[inline]
    fn word(
        &mut self,
        word: &[u8],
        error: &'static str,
        make: fn(Context<'ctx>) -> Handle<'ctx>,
    ) -> Step<Handle<'ctx>> {
        let pos = self.text.pos();
        expect_word(&mut self.text, pos, word, error).map_err(Failure::Syntax)?;
        self.last_was_string = false;
        Ok(make(self.objects.cx()))
    }

    #[inline]
    fn number(&mut self) -> Step<Handle<'ctx>> {
        let number = number::number(&mut self.text).map_err(Failure::Syntax)?;
        self.last_was_string = false;
        Ok(self.objects.number(number)?)
    }

    #[inline]
    fn string(&mut self) -> Step<Handle<'ctx>> {
        self.last_was_string = false;
        self.decode_string(Objects::ascii)
    }

    /// An object key that is a string (the current byte is its quote): plain ASCII keys
    /// come from the key cache.
    #[inline]
    fn key(&mut self) -> Step<Handle<'ctx>> {
        self.decode_string(Objects::ascii_key)
    }

    /// The string at the current position, plain ASCII made by `ascii`.
    #[inline(always)]
    fn decode_string(
        &mut self,
        ascii: fn(&mut Objects<'a, 'ctx>, &'a [u8]) -> Result<Handle<'ctx>>,
    ) -> Step<Handle<'ctx>> {
        let decoded = string::string(&mut self.text, &mut self.code_points);
        let value = match decoded.map_err(Failure::Syntax)? {
            Decoded::Ascii(text) => ascii(&mut self.objects, text)?,
            Decoded::Utf8(text) => self.objects.utf8(text)?,
            Decoded::CodePoints { max } => self.objects.code_points(&self.code_points, max)?,
        };
        self.last_was_string = true;
        Ok(value)
    }

    /// Enters an array or an object.
    #[inline]
    fn enter(&mut self) -> Step<()> {
        self.depth += 1;
        match self.depth > MAX_DEPTH {
            true => Err(Failure::Syntax(messages::DEPTH_LIMIT)),
            false => Ok(()),
        }
    }

    fn array(&mut self) -> Step<Handle<'ctx>> {
        self.enter()?;
        self.last_was_string = false;
        self.text.advance(1);
        let first = self.items.len();
        loop {
            self.text.skip_whitespace();
            if self.text.peek() == b']' {
                if self.items.len() > first {
                    return Err(Failure::Syntax(messages::ARRAY_EMPTY_SLOT));
                }
                self.text.advance(1);
                self.depth -= 1;
                return Ok(self.objects.list(&[])?);
            }
            let item = self.value()?;
            self.items.push(item);
            self.text.skip_whitespace();
            let separator = self.text.peek();
            self.text.advance(1);
            match separator {
                b',' => {}
                b']' => {
                    self.depth -= 1;
                    let list = self.objects.list(&self.items[first..]);
                    self.items.truncate(first);
                    return Ok(list?);
                }
                _ => return Err(Failure::Syntax(messages::ARRAY_SEPARATOR)),
            }
        }
    }

    fn object(&mut self) -> Step<Handle<'ctx>> {
        self.enter()?;
        let dict = self.objects.dict()?;
        self.text.advance(1);
        let mut empty = true;
        loop {
            self.text.skip_whitespace();
            if self.text.peek() == b'}' {
                if !empty {
                    return Err(Failure::Syntax(messages::OBJECT_VALUE));
                }
                self.text.advance(1);
                self.depth -= 1;
                return Ok(dict);
            }
            self.last_was_string = false;
            let key = match self.text.peek() {
                b'"' => Some(self.key()?),
                _ => {
                    // Anything else ujson decodes first, then checks (see `last_was_string`).
                    let key = self.value()?;
                    if !self.last_was_string {
                        return Err(Failure::Syntax(messages::OBJECT_KEY));
                    }
                    drop(key);
                    None
                }
            };
            self.text.skip_whitespace();
            if self.text.peek() != b':' {
                return Err(Failure::Syntax(messages::OBJECT_COLON));
            }
            self.text.advance(1);
            let value = self.value()?;
            match key {
                Some(key) => dict.set_item(&key, &value)?,
                None => {
                    let error = crate::ujson::JSONDecodeError::new_err(messages::UNHASHABLE_KEY);
                    self.unhashable_key = Some(error);
                }
            }
            empty = false;
            self.text.skip_whitespace();
            let separator = self.text.peek();
            self.text.advance(1);
            match separator {
                b',' => {}
                b'}' => {
                    self.depth -= 1;
                    return Ok(dict);
                }
                _ => return Err(Failure::Syntax(messages::OBJECT_VALUE)),
            }
        }
    }
}
