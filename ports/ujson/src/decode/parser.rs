//! The parser: JSON text → Python objects, with ujson 6.1.0's grammar, leniencies and error
//! messages. It keeps the arrays and objects it is inside on a stack of its own (`Frame`s, on
//! the heap), not in recursive calls: nesting never costs the thread's stack, which a Python
//! thread may have made small (`threading.stack_size`).

use hpy::prelude::*;

use super::error::{Failure, Step, messages};
use super::number::{self, expect_word};
use super::objects::Objects;
use super::string::{self, Decoded};
use super::text::Text;

/// ujson's `JSON_MAX_OBJECT_DEPTH`: arrays and objects nest at most this deep.
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
    let result = parser.document().and_then(|value| {
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

/// An array or an object the parser is inside.
enum Frame<'ctx> {
    /// An array whose items so far are `Parser::items[first..]`.
    Array { first: usize },
    /// An object, and what the value being decoded is for.
    Object {
        dict: Handle<'ctx>,
        state: ObjectState<'ctx>,
    },
}

/// What an object's next value is.
enum ObjectState<'ctx> {
    /// A key that is no string: ujson decodes it as a value, then checks it (see
    /// `Parser::last_was_string`).
    Key,
    /// The value of `key` (`None`: a key ujson refuses when the text is read to its end).
    Value(Option<Handle<'ctx>>),
}

impl<'a, 'ctx> Parser<'a, 'ctx> {
    /// The document's value: values are started one after another, and each finished value
    /// goes to the array or object it is in, which may finish it in turn.
    fn document(&mut self) -> Step<Handle<'ctx>> {
        let mut frames: Vec<Frame<'ctx>> = Vec::new();
        loop {
            let Some(mut value) = self.start(&mut frames)? else {
                continue; // an array or object was opened: its first item or key is next
            };
            loop {
                let Some(frame) = frames.last_mut() else {
                    return Ok(value);
                };
                match self.give(frame, value)? {
                    Given::Next => break,
                    Given::Closed => value = self.close(&mut frames)?,
                }
            }
        }
    }

    /// Starts a value after optional whitespace: a scalar is returned; an array or object is
    /// returned when empty, else pushed (`None`: what follows belongs to it).
    fn start(&mut self, frames: &mut Vec<Frame<'ctx>>) -> Step<Option<Handle<'ctx>>> {
        self.text.skip_whitespace();
        let value = match self.text.peek() {
            b'"' => self.string()?,
            b'0'..=b'9' | b'-' | b'I' | b'N' => self.number()?,
            b'[' => {
                self.enter()?;
                self.last_was_string = false;
                self.text.advance(1);
                self.text.skip_whitespace();
                if self.text.peek() == b']' {
                    self.text.advance(1);
                    self.depth -= 1;
                    return Ok(Some(self.objects.list(&[])?));
                }
                frames.push(Frame::Array {
                    first: self.items.len(),
                });
                return Ok(None);
            }
            b'{' => {
                self.enter()?;
                let dict = self.objects.dict()?;
                self.text.advance(1);
                self.text.skip_whitespace();
                if self.text.peek() == b'}' {
                    self.text.advance(1);
                    self.depth -= 1;
                    return Ok(Some(dict));
                }
                let state = self.object_key()?;
                frames.push(Frame::Object { dict, state });
                return Ok(None);
            }
            b't' => self.word(b"true", messages::TRUE, Context::True)?,
            b'f' => self.word(b"false", messages::FALSE, Context::False)?,
            b'n' => self.word(b"null", messages::NULL, Context::None)?,
            _ => return Err(Failure::Syntax(messages::EXPECTED_VALUE)),
        };
        Ok(Some(value))
    }

    /// Gives the finished `value` to `frame`, then reads the separator after it.
    fn give(&mut self, frame: &mut Frame<'ctx>, value: Handle<'ctx>) -> Step<Given> {
        match frame {
            Frame::Array { .. } => {
                self.items.push(value);
                match self.separator() {
                    b',' => {
                        self.text.skip_whitespace();
                        match self.text.peek() {
                            b']' => Err(Failure::Syntax(messages::ARRAY_EMPTY_SLOT)),
                            _ => Ok(Given::Next),
                        }
                    }
                    b']' => Ok(Given::Closed),
                    _ => Err(Failure::Syntax(messages::ARRAY_SEPARATOR)),
                }
            }
            Frame::Object {
                state: state @ ObjectState::Key,
                ..
            } => {
                if !self.last_was_string {
                    return Err(Failure::Syntax(messages::OBJECT_KEY));
                }
                drop(value);
                self.colon()?;
                *state = ObjectState::Value(None);
                Ok(Given::Next)
            }
            Frame::Object {
                dict,
                state: ObjectState::Value(key),
            } => {
                match key.take() {
                    Some(key) => dict.set_item(&key, &value)?,
                    None => {
                        let error =
                            crate::ujson::JSONDecodeError::new_err(messages::UNHASHABLE_KEY);
                        self.unhashable_key = Some(error);
                    }
                }
                match self.separator() {
                    b',' => {
                        self.text.skip_whitespace();
                        if self.text.peek() == b'}' {
                            return Err(Failure::Syntax(messages::OBJECT_VALUE));
                        }
                        let next = self.object_key()?;
                        if let Frame::Object { state, .. } = frame {
                            *state = next;
                        }
                        Ok(Given::Next)
                    }
                    b'}' => Ok(Given::Closed),
                    _ => Err(Failure::Syntax(messages::OBJECT_VALUE)),
                }
            }
        }
    }

    /// Pops the innermost array or object, finished: the value it makes.
    fn close(&mut self, frames: &mut Vec<Frame<'ctx>>) -> Step<Handle<'ctx>> {
        self.depth -= 1;
        match frames.pop().expect("a frame was just given its last value") {
            Frame::Array { first } => {
                let list = self.objects.list(&self.items[first..]);
                self.items.truncate(first);
                Ok(list?)
            }
            Frame::Object { dict, .. } => Ok(dict),
        }
    }

    /// An object's key, at its first byte: a string key and its `:` are read; any other key
    /// is decoded as a value next (`ObjectState::Key`).
    fn object_key(&mut self) -> Step<ObjectState<'ctx>> {
        self.last_was_string = false;
        if self.text.peek() != b'"' {
            return Ok(ObjectState::Key);
        }
        let key = self.key()?;
        self.colon()?;
        Ok(ObjectState::Value(Some(key)))
    }

    /// The byte after a value and optional whitespace (`,`, or the closing bracket if all is
    /// well), consumed.
    fn separator(&mut self) -> u8 {
        self.text.skip_whitespace();
        let separator = self.text.peek();
        self.text.advance(1);
        separator
    }

    /// The `:` after an object key, after optional whitespace.
    fn colon(&mut self) -> Step<()> {
        self.text.skip_whitespace();
        if self.text.peek() != b':' {
            return Err(Failure::Syntax(messages::OBJECT_COLON));
        }
        self.text.advance(1);
        Ok(())
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
}

/// What the separator after a value said.
enum Given {
    /// Another item or key follows.
    Next,
    /// The array or object ended.
    Closed,
}
