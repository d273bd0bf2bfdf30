//! A minimal JSON parser (RFC 8259): enough for cargo's messages and the interpreter's answers.

use std::fmt;

/// How deeply arrays and objects may nest before the input is rejected.
const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Objects keep their members in input order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (the last one, if repeated); `None` for other values.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements of an array.
    pub(crate) fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The strings of an array of strings (non-strings are skipped).
    pub(crate) fn strings(&self) -> impl Iterator<Item = &str> {
        self.as_array()
            .unwrap_or_default()
            .iter()
            .filter_map(Value::as_str)
    }
}

/// Why the input is not JSON.
#[derive(Debug, PartialEq)]
pub(crate) struct ParseError {
    offset: usize,
    message: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

/// Parses one JSON value, surrounded by optional whitespace.
pub(crate) fn parse(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser { text, pos: 0 };
    parser.skip_whitespace();
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos != text.len() {
        return Err(parser.error("trailing characters after the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> ParseError {
        ParseError {
            offset: self.pos,
            message,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), ParseError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("arrays and objects nest too deeply"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, ParseError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1; // `{`
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b':', "expected `:`")?;
            self.skip_whitespace();
            members.push((key, self.value(depth + 1)?));
            self.skip_whitespace();
            match self.bump() {
                Some(b',') => {}
                Some(b'}') => return Ok(Value::Object(members)),
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.bump() {
                Some(b',') => {}
                Some(b']') => return Ok(Value::Array(items)),
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1; // `"`
        let mut out = String::new();
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The run ends before an ASCII byte (or at the end), so it is a whole-char slice.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, ParseError> {
        let c = match self.bump() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(),
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        Ok(c)
    }

    /// The rest of `\uXXXX`, joining a UTF-16 surrogate pair `\uD83D\uDE00` into one char.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.text[self.pos..].starts_with("\\u") {
                    return Err(self.error("unpaired surrogate in a \\u escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("unpaired surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("unpaired surrogate in a \\u escape")),
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("expected 4 hex digits after \\u"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.require_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.require_digits()?;
        }
        let number = self.text[start..self.pos]
            .parse()
            .map_err(|_| self.error("invalid number"))?;
        Ok(Value::Number(number))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn require_digits(&mut self) -> Result<(), ParseError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("expected a digit"));
        }
        self.digits();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("null"), Ok(Value::Null));
        assert_eq!(parse(" true "), Ok(Value::Bool(true)));
        assert_eq!(parse("false"), Ok(Value::Bool(false)));
        assert_eq!(parse("0"), Ok(Value::Number(0.0)));
        assert_eq!(parse("-12.5e2"), Ok(Value::Number(-1250.0)));
        assert_eq!(parse("1E-2"), Ok(Value::Number(0.01)));
        assert_eq!(parse("\"\""), Ok(s("")));
    }

    #[test]
    fn nested_values_and_lookups() {
        let v =
            parse(r#" {"a": [1, {"b": null}, []], "c": {}, "name": "x", "name": "y"} "#).unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Value::Array(vec![
                Value::Number(1.0),
                Value::Object(vec![("b".into(), Value::Null)]),
                Value::Array(vec![]),
            ]))
        );
        assert_eq!(v.get("c"), Some(&Value::Object(vec![])));
        assert_eq!(v.get("name").and_then(Value::as_str), Some("y"));
        assert_eq!(v.get("missing"), None);
        assert_eq!(s("x").get("a"), None);
        assert_eq!(v.get("c").and_then(Value::as_array), None);
    }

    #[test]
    fn strings_of_an_array() {
        let v = parse(r#"["lib", 3, "cdylib"]"#).unwrap();
        assert_eq!(v.strings().collect::<Vec<_>>(), ["lib", "cdylib"]);
        assert_eq!(Value::Null.strings().count(), 0);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            parse(r#""q\" b\\ s\/ \b\f\n\r\t end""#),
            Ok(s("q\" b\\ s/ \u{8}\u{c}\n\r\t end"))
        );
        assert_eq!(parse(r#""C:\\Users\\x""#), Ok(s("C:\\Users\\x")));
    }

    #[test]
    fn unicode() {
        assert_eq!(parse(r#""\u00e9\u4e2D""#), Ok(s("é中")));
        assert_eq!(parse(r#""\ud83d\ude00!""#), Ok(s("😀!")));
        assert_eq!(parse("\"raw é 中 😀\""), Ok(s("raw é 中 😀")));
        assert_eq!(parse(r#""\u0000""#), Ok(s("\0")));
    }

    #[test]
    fn errors() {
        assert_eq!(err(""), "unexpected end of input at byte 0");
        assert_eq!(err("[1,]"), "expected a value at byte 3");
        assert_eq!(err("[1 2]"), "expected `,` or `]` at byte 4");
        assert_eq!(err("{\"a\" 1}"), "expected `:` at byte 5");
        assert_eq!(err("{1: 2}"), "expected a string key at byte 1");
        assert_eq!(err("{\"a\": 1"), "expected `,` or `}` at byte 7");
        assert_eq!(err("\"abc"), "unterminated string at byte 4");
        assert_eq!(err("\"a\nb\""), "control character in a string at byte 2");
        assert_eq!(err(r#""\x""#), "invalid escape at byte 2");
        assert_eq!(
            err(r#""\u12g4""#),
            "expected 4 hex digits after \\u at byte 5"
        );
        assert_eq!(
            err(r#""\ud83d""#),
            "unpaired surrogate in a \\u escape at byte 7"
        );
        assert_eq!(
            err(r#""\ud83d\u0041""#),
            "unpaired surrogate in a \\u escape at byte 13"
        );
        assert_eq!(
            err(r#""\ude00""#),
            "unpaired surrogate in a \\u escape at byte 7"
        );
        assert_eq!(err("01"), "trailing characters after the value at byte 1");
        assert_eq!(err("-"), "expected a digit at byte 1");
        assert_eq!(err("1."), "expected a digit at byte 2");
        assert_eq!(err("1e+"), "expected a digit at byte 3");
        assert_eq!(err("tru"), "expected a value at byte 0");
        assert_eq!(err("nul"), "expected a value at byte 0");
        assert_eq!(
            err("{} {}"),
            "trailing characters after the value at byte 3"
        );
        assert_eq!(
            err(&"[".repeat(200)),
            "arrays and objects nest too deeply at byte 129"
        );
    }
}
