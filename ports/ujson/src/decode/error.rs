//! How decoding fails: a syntax error of the JSON text (ujson's message, raised as
//! `JSONDecodeError`) or an error Python raised while building the result.

use hpy::Error;

/// Why decoding stopped.
pub(super) enum Failure {
    /// The text is not JSON ujson accepts; the message is ujson 6.1.0's, word for word.
    Syntax(&'static str),
    /// Python raised (memory, an integer past `sys.get_int_max_str_digits()`, …).
    Python(Error),
}

impl From<Error> for Failure {
    #[inline]
    fn from(error: Error) -> Self {
        Failure::Python(error)
    }
}

impl Failure {
    /// The exception to raise.
    pub(super) fn into_error(self) -> Error {
        match self {
            Failure::Syntax(message) => crate::ujson::JSONDecodeError::new_err(message),
            Failure::Python(error) => error,
        }
    }
}

/// A step of the decoder.
pub(super) type Step<T> = core::result::Result<T, Failure>;

/// ujson's messages, in one place (their typos are ujson's: tests compare them).
pub(super) mod messages {
    pub const EXPECTED_VALUE: &str = "Expected object or value";
    pub const TRAILING_DATA: &str = "Trailing data";
    pub const DEPTH_LIMIT: &str = "Reached object decoding depth limit";
    pub const ARRAY_EMPTY_SLOT: &str = "Unexpected character found when decoding array value (1)";
    pub const ARRAY_SEPARATOR: &str = "Unexpected character found when decoding array value (2)";
    pub const OBJECT_VALUE: &str = "Unexpected character in found when decoding object value";
    pub const OBJECT_KEY: &str = "Key name of object must be 'string' when decoding 'object'";
    pub const OBJECT_COLON: &str = "No ':' found when decoding object value";
    /// Raised (after the whole text is read) for a key that decoded to a list or a dict.
    pub const UNHASHABLE_KEY: &str = "Invalid JSON: object keys must be strings";
    pub const TRUE: &str = "Unexpected character found when decoding 'true'";
    pub const FALSE: &str = "Unexpected character found when decoding 'false'";
    pub const NULL: &str = "Unexpected character found when decoding 'null'";
    pub const NAN: &str = "Unexpected character found when decoding 'NaN'";
    pub const INFINITY: &str = "Unexpected character found when decoding 'Infinity'";
    pub const NEG_INFINITY: &str = "Unexpected character found when decoding '-Infinity'";
    pub const UNMATCHED_QUOTE: &str = "Unmatched '\"' when decoding 'string'";
    pub const UTF8_LENGTH: &str = "Invalid UTF-8 sequence length when decoding 'string'";
    pub const UTF8_STRAY_CONTINUATION: &str =
        "Found UTF-8 continuation byte without corresponding start byte when decoding 'string'";
    pub const UTF8_CONTINUATION: &str = "Invalid UTF-8 continuation byte when decoding 'string'";
    pub const UTF8_TOO_LARGE: &str = "Code point > U+10FFFF encountered whilst decoding 'string'";
    pub const UTF8_OVERLONG_2: &str =
        "Overlong 2-byte UTF-8 sequence detected when decoding 'string'";
    pub const UTF8_OVERLONG_3: &str =
        "Overlong 3-byte UTF-8 sequence detected when encoding string";
    pub const UTF8_OVERLONG_4: &str =
        "Overlong 4-byte UTF-8 sequence detected when decoding 'string'";
    pub const ESCAPE_UNTERMINATED: &str = "Unterminated escape sequence when decoding 'string'";
    pub const ESCAPE_UNRECOGNIZED: &str = "Unrecognized escape sequence when decoding 'string'";
    pub const UNICODE_UNTERMINATED: &str =
        "Unterminated unicode escape sequence when decoding 'string'";
    pub const UNICODE_BAD_DIGIT: &str =
        "Unexpected character in unicode escape sequence when decoding 'string'";
}
