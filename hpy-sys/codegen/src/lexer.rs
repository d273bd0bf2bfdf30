//! Splits the ABI table into tokens, each with its line number.
//!
//! `//` comments are dropped. `/* ... */` comments are kept as [`Tok::Comment`]
//! tokens, because a block comment right after a `;` is a tag the generator reads
//! (see the parser); everywhere else the parser skips them.

/// One token of the restricted C grammar.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or keyword.
    Ident(String),
    /// An unsigned integer literal, as written (decimal or `0x` hex).
    Int(String),
    /// A string literal, without its quotes.
    Str(String),
    /// One of `{ } ( ) [ ] ; , * = -`.
    Punct(char),
    /// The text of a `/* ... */` comment, whitespace collapsed.
    Comment(String),
}

/// A token and the line (1-based) it starts on.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) | Tok::Int(s) => format!("`{s}`"),
            Tok::Str(s) => format!("string \"{s}\""),
            Tok::Punct(c) => format!("`{c}`"),
            Tok::Comment(_) => "a comment".to_string(),
        }
    }
}

/// Tokenizes the whole table.
pub fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let body_start = i + 2;
            let mut j = body_start;
            while j + 1 < chars.len() && !(chars[j] == '*' && chars[j + 1] == '/') {
                j += 1;
            }
            if j + 1 >= chars.len() {
                return Err(format!("line {start_line}: unterminated `/*` comment"));
            }
            let body: String = chars[body_start..j].iter().collect();
            line += body.matches('\n').count();
            let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
            tokens.push(Token {
                tok: Tok::Comment(text),
                line: start_line,
            });
            i = j + 2;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let j = scan(&chars, i, |c| c.is_ascii_alphanumeric() || c == '_');
            let word = chars[i..j].iter().collect();
            tokens.push(Token {
                tok: Tok::Ident(word),
                line,
            });
            i = j;
        } else if c.is_ascii_digit() {
            let j = scan(&chars, i, |c| c.is_ascii_alphanumeric());
            let word = chars[i..j].iter().collect();
            tokens.push(Token {
                tok: Tok::Int(word),
                line,
            });
            i = j;
        } else if c == '"' {
            let j = scan(&chars, i + 1, |c| c != '"' && c != '\n' && c != '\\');
            if chars.get(j) != Some(&'"') {
                return Err(format!(
                    "line {line}: string literals must be plain ASCII on one line, without escapes"
                ));
            }
            let text = chars[i + 1..j].iter().collect();
            tokens.push(Token {
                tok: Tok::Str(text),
                line,
            });
            i = j + 1;
        } else if "{}()[];,*=-".contains(c) {
            tokens.push(Token {
                tok: Tok::Punct(c),
                line,
            });
            i += 1;
        } else {
            return Err(format!("line {line}: unexpected character `{c}`"));
        }
    }
    Ok(tokens)
}

/// Index of the first char at or after `i` that does not satisfy `keep`.
fn scan(chars: &[char], mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    while i < chars.len() && keep(chars[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_lines_and_comments() {
        let toks = tokenize("int a; /* tag */\n// gone\nchar *b[];").unwrap();
        let kinds: Vec<(Tok, usize)> = toks.into_iter().map(|t| (t.tok, t.line)).collect();
        assert_eq!(kinds[2], (Tok::Punct(';'), 1));
        assert_eq!(kinds[3], (Tok::Comment("tag".into()), 1));
        assert_eq!(kinds[4], (Tok::Ident("char".into()), 3));
        assert_eq!(kinds.len(), 10);
    }

    #[test]
    fn rejects_unknown_characters() {
        let err = tokenize("int a;\n#define X 1").unwrap_err();
        assert_eq!(err, "line 2: unexpected character `#`");
    }
}
