//! A hand-written parser for the table's restricted C grammar (described at the
//! top of `hpy-sys/abi/hpy-0.9.0-universal.abi`). Anything outside the grammar is
//! an error that names the line.

use crate::ast::{CType, ConstValue, Decl, FnSig, Item, Member, Param, Trampoline};
use crate::lexer::{Tok, Token, tokenize};

/// Words that may start or continue a built-in multi-word type name.
const TYPE_WORDS: &[&str] = &["unsigned", "signed", "long", "int", "short", "char"];

/// Words that cannot be used as names.
const RESERVED: &[&str] = &["const", "typedef", "struct", "union", "enum"];

/// Parses the whole table.
pub fn parse(src: &str) -> Result<Vec<Item>, String> {
    let tokens = tokenize(src)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        last_line: 0,
    };
    let mut items = Vec::new();
    while p.peek().is_some() {
        items.push(p.item()?);
    }
    Ok(items)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// Line of the last consumed token; 0 before the first.
    last_line: usize,
}

impl Parser {
    /// Skips comments and returns the next token without consuming it.
    fn peek(&mut self) -> Option<&Token> {
        while matches!(
            self.tokens.get(self.pos),
            Some(Token {
                tok: Tok::Comment(_),
                ..
            })
        ) {
            self.pos += 1;
        }
        self.tokens.get(self.pos)
    }

    /// Consumes and returns the next token, whatever it is.
    fn next(&mut self, what: &str) -> Result<Token, String> {
        match self.peek().cloned() {
            Some(t) => {
                self.bump();
                Ok(t)
            }
            None => self.error(what),
        }
    }

    fn line(&mut self) -> usize {
        let last = self.last_line;
        self.peek().map_or(last, |t| t.line)
    }

    /// "expected X": at the line of the unexpected token, or at the end of the
    /// previous line when the token starts a new one (a missing `;`).
    fn error<T>(&mut self, what: &str) -> Result<T, String> {
        let last = self.last_line;
        match self.peek() {
            None => Err(format!(
                "line {last}: expected {what}, found the end of the table"
            )),
            Some(t) if last > 0 && t.line > last => Err(format!(
                "line {last}: expected {what} at the end of the line, found {} on line {}",
                t.tok.describe(),
                t.line
            )),
            Some(t) => Err(format!(
                "line {}: expected {what}, found {}",
                t.line,
                t.tok.describe()
            )),
        }
    }

    fn is_punct(&mut self, c: char) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
    }

    fn is_word(&mut self, w: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Ident(s), .. }) if s == w)
    }

    /// Consumes the next token (known to exist: the caller has peeked at it).
    fn bump(&mut self) {
        if let Some(t) = self.peek() {
            self.last_line = t.line;
            self.pos += 1;
        }
    }

    fn eat_punct(&mut self, c: char) -> bool {
        let found = self.is_punct(c);
        if found {
            self.bump();
        }
        found
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let found = self.is_word(w);
        if found {
            self.bump();
        }
        found
    }

    fn expect_punct(&mut self, c: char) -> Result<(), String> {
        if self.eat_punct(c) {
            Ok(())
        } else {
            self.error(&format!("`{c}`"))
        }
    }

    fn name(&mut self, what: &str) -> Result<String, String> {
        match self.peek() {
            Some(Token {
                tok: Tok::Ident(s), ..
            }) if !RESERVED.contains(&s.as_str()) => {
                let s = s.clone();
                self.bump();
                Ok(s)
            }
            _ => self.error(what),
        }
    }

    /// After a `;`: the text of a `/* ... */` comment that starts on the same line.
    fn trailing_note(&mut self) -> Option<String> {
        match self.tokens.get(self.pos) {
            Some(Token {
                tok: Tok::Comment(text),
                line,
            }) if *line == self.last_line => {
                let text = text.clone();
                self.pos += 1;
                Some(text)
            }
            _ => None,
        }
    }

    fn item(&mut self) -> Result<Item, String> {
        if self.eat_word("typedef") {
            if self.eat_word("struct") {
                self.typedef_struct()
            } else if self.eat_word("enum") {
                self.typedef_enum()
            } else {
                let decl = self.decl(false)?;
                self.expect_punct(';')?;
                Ok(Item::Typedef(decl))
            }
        } else if self.is_word("const") {
            self.constant()
        } else if self.eat_word("struct") {
            let line = self.line();
            let c_tag = self.name("a struct tag")?;
            let members = self.struct_body()?;
            self.expect_punct(';')?;
            Ok(Item::StructBody {
                c_tag,
                members,
                line,
            })
        } else if self.eat_word("trampoline") {
            self.trampoline()
        } else {
            self.error("`typedef`, `const`, `struct` or `trampoline`")
        }
    }

    /// After `trampoline`: `<ret> SIG(<params>);`.
    fn trampoline(&mut self) -> Result<Item, String> {
        let line = self.line();
        let ret = self.pointed_type()?;
        let signature = self.name("the signature's enumerator")?;
        let params = self.params()?;
        self.expect_punct(';')?;
        Ok(Item::Trampoline(Trampoline {
            signature,
            sig: FnSig { ret, params },
            line,
        }))
    }

    /// After `typedef struct`.
    fn typedef_struct(&mut self) -> Result<Item, String> {
        let line = self.line();
        let c_tag = if self.is_punct('{') {
            None
        } else {
            Some(self.name("a struct tag or `{`")?)
        };
        if let (Some(c_tag), false) = (&c_tag, self.is_punct('{')) {
            let name = self.name("the typedef name")?;
            self.expect_punct(';')?;
            return Ok(Item::ForwardStruct {
                name,
                c_tag: c_tag.clone(),
                line,
            });
        }
        let members = self.struct_body()?;
        let name = self.name("the typedef name")?;
        self.expect_punct(';')?;
        let note = self.trailing_note();
        Ok(Item::Struct {
            name,
            c_tag,
            members,
            note,
            line,
        })
    }

    /// `{ members }`
    fn struct_body(&mut self) -> Result<Vec<Member>, String> {
        self.expect_punct('{')?;
        let mut members = Vec::new();
        while !self.eat_punct('}') {
            if self.eat_word("union") {
                let line = self.line();
                self.expect_punct('{')?;
                let mut fields = Vec::new();
                while !self.eat_punct('}') {
                    fields.push(self.decl(false)?);
                    self.expect_punct(';')?;
                }
                self.expect_punct(';')?;
                members.push(Member::Union { fields, line });
            } else {
                let decl = self.decl(false)?;
                self.expect_punct(';')?;
                let note = self.trailing_note();
                members.push(Member::Field { decl, note });
            }
        }
        Ok(members)
    }

    /// After `typedef enum`.
    fn typedef_enum(&mut self) -> Result<Item, String> {
        let line = self.line();
        self.expect_punct('{')?;
        let mut values = Vec::new();
        let mut next_value = 0;
        while !self.eat_punct('}') {
            let name = self.name("an enumerator")?;
            if self.eat_punct('=') {
                next_value = self.integer()?.1;
            }
            values.push((name, next_value));
            next_value += 1;
            if !self.eat_punct(',') && !self.is_punct('}') {
                return self.error("`,` or `}`");
            }
        }
        let name = self.name("the enum's typedef name")?;
        self.expect_punct(';')?;
        Ok(Item::Enum { name, values, line })
    }

    /// `const <type> NAME = 1;`, `const <enum> NAME = ENUMERATOR;` or
    /// `const char NAME[] = "text";`
    fn constant(&mut self) -> Result<Item, String> {
        let decl = self.decl(false)?;
        self.expect_punct('=')?;
        let item = match &decl.ty {
            CType::Array(of)
                if **of
                    == (CType::Named {
                        name: "char".into(),
                        is_const: true,
                    }) =>
            {
                let Token {
                    tok: Tok::Str(value),
                    ..
                } = self.next("a string literal")?
                else {
                    return Err(format!("line {}: expected a string literal", decl.line));
                };
                Item::StrConst {
                    name: decl.name,
                    value,
                    line: decl.line,
                }
            }
            CType::Named { is_const: true, .. } => {
                let value = match self.peek() {
                    Some(Token {
                        tok: Tok::Ident(_), ..
                    }) => ConstValue::Enumerator(self.name("an enumerator")?),
                    _ => ConstValue::Literal(self.integer()?.0),
                };
                Item::IntConst { decl, value }
            }
            _ => {
                return Err(format!(
                    "line {}: a constant is `const <integer type> NAME = <integer>;`, `const <enum> NAME = <enumerator>;` or `const char NAME[] = \"...\";`",
                    decl.line
                ));
            }
        };
        self.expect_punct(';')?;
        Ok(item)
    }

    /// An integer literal with an optional `-`: its text and value.
    fn integer(&mut self) -> Result<(String, i64), String> {
        let negative = self.eat_punct('-');
        let tok = self.next("an integer")?;
        let Tok::Int(text) = &tok.tok else {
            return Err(format!(
                "line {}: expected an integer, found {}",
                tok.line,
                tok.tok.describe()
            ));
        };
        let parsed = match text.strip_prefix("0x") {
            Some(hex) => i64::from_str_radix(hex, 16),
            None => text.parse::<i64>(),
        };
        let value =
            parsed.map_err(|_| format!("line {}: bad integer literal `{text}`", tok.line))?;
        let sign = if negative { "-" } else { "" };
        Ok((
            format!("{sign}{text}"),
            if negative { -value } else { value },
        ))
    }

    /// A declaration: `<base type> <pointers> <declarator>`. With `abstract_ok` (a
    /// parameter) the name may be missing.
    fn decl(&mut self, abstract_ok: bool) -> Result<Decl, String> {
        let line = self.line();
        let mut ty = self.pointed_type()?;
        if self.eat_punct('(') {
            // `ret (*name)(params)`: a function pointer.
            self.expect_punct('*')?;
            let name = self.name("the function pointer's name")?;
            self.expect_punct(')')?;
            let params = self.params()?;
            let sig = FnSig { ret: ty, params };
            let ty = CType::Pointer {
                to: Box::new(CType::Function(Box::new(sig))),
                is_const: false,
            };
            return Ok(Decl { name, ty, line });
        }
        let name =
            if abstract_ok && (self.is_punct(',') || self.is_punct(')') || self.is_punct('[')) {
                String::new()
            } else {
                self.name("a declarator name")?
            };
        if self.eat_punct('[') {
            self.expect_punct(']')?;
            ty = CType::Array(Box::new(ty));
        }
        Ok(Decl { name, ty, line })
    }

    /// `[const] <base type>`, then any number of `*` or `* const`.
    fn pointed_type(&mut self) -> Result<CType, String> {
        let is_const = self.eat_word("const");
        let name = self.base_type_name()?;
        let mut ty = CType::Named { name, is_const };
        while self.eat_punct('*') {
            let is_const = self.eat_word("const");
            ty = CType::Pointer {
                to: Box::new(ty),
                is_const,
            };
        }
        Ok(ty)
    }

    /// `int`, `unsigned long`, `HPy`, ...
    fn base_type_name(&mut self) -> Result<String, String> {
        let mut words = Vec::new();
        while let Some(Token {
            tok: Tok::Ident(w), ..
        }) = self.peek()
        {
            if !TYPE_WORDS.contains(&w.as_str()) {
                break;
            }
            words.push(w.clone());
            self.bump();
        }
        if words.is_empty() {
            words.push(self.name("a type name")?);
        }
        Ok(words.join(" "))
    }

    /// `( <param>, ... )`, the `(` included.
    fn params(&mut self) -> Result<Vec<Param>, String> {
        self.expect_punct('(')?;
        let mut params = Vec::new();
        if self.eat_punct(')') {
            return Ok(params);
        }
        loop {
            let decl = self.decl(true)?;
            let name = if decl.name.is_empty() {
                None
            } else {
                Some(decl.name)
            };
            params.push(Param { name, ty: decl.ty });
            if self.eat_punct(')') {
                return Ok(params);
            }
            if !self.eat_punct(',') {
                return self.error("`,` or `)`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_context_like_struct() {
        let src = "typedef struct _HPyContext_s HPyContext;\n\
                   struct _HPyContext_s {\n\
                   const char *name; // comment\n\
                   HPy h_None; /* constant */\n\
                   void *(*ctx_AsStruct)(HPyContext *ctx, HPy h);\n\
                   HPy (*ctx_Tuple_FromArray)(HPyContext *ctx, HPy items[], HPy_ssize_t n);\n\
                   };";
        let items = parse(src).unwrap();
        assert!(matches!(&items[0], Item::ForwardStruct { name, .. } if name == "HPyContext"));
        let Item::StructBody { members, .. } = &items[1] else {
            panic!()
        };
        let Member::Field { decl, note } = &members[1] else {
            panic!()
        };
        assert_eq!(
            (decl.name.as_str(), note.as_deref()),
            ("h_None", Some("constant"))
        );
        let Member::Field { decl, note: None } = &members[2] else {
            panic!()
        };
        assert_eq!(
            decl.c_source(),
            "void *(*ctx_AsStruct)(HPyContext *ctx, HPy h)"
        );
        let Member::Field { decl, .. } = &members[3] else {
            panic!()
        };
        assert_eq!(
            decl.c_source(),
            "HPy (*ctx_Tuple_FromArray)(HPyContext *ctx, HPy items[], HPy_ssize_t n)"
        );
    }

    #[test]
    fn parses_enums_constants_and_unions() {
        let src = "typedef enum { A = -1, B, C = 0x10, } E;\n\
                   const unsigned long F = 0x400;\n\
                   const char T[] = \"hpy0\";\n\
                   typedef struct { int kind; union { int a; long b; }; } U;\n\
                   const E G = C;";
        let items = parse(src).unwrap();
        let Item::Enum { values, .. } = &items[0] else {
            panic!()
        };
        assert_eq!(
            values,
            &[("A".into(), -1), ("B".into(), 0), ("C".into(), 16)]
        );
        let Item::IntConst { decl, value } = &items[1] else {
            panic!()
        };
        assert_eq!(
            (decl.ty.declare("").as_str(), value),
            ("const unsigned long", &ConstValue::Literal("0x400".into()))
        );
        assert!(matches!(&items[2], Item::StrConst { value, .. } if value == "hpy0"));
        let Item::Struct { members, .. } = &items[3] else {
            panic!()
        };
        assert!(matches!(&members[1], Member::Union { fields, .. } if fields.len() == 2));
        let Item::IntConst { decl, value } = &items[4] else {
            panic!()
        };
        assert_eq!(
            (decl.name.as_str(), value),
            ("G", &ConstValue::Enumerator("C".into()))
        );
    }

    #[test]
    fn parses_trampolines() {
        let items = parse(
            "trampoline cpy_PyObject *S_ONE(cpy_PyObject *spec, Def *def);\n\
                           trampoline void S_TWO(void *arg0);",
        )
        .unwrap();
        let Item::Trampoline(one) = &items[0] else {
            panic!()
        };
        assert_eq!(one.signature, "S_ONE");
        assert_eq!(
            one.pointer_type().declare(""),
            "cpy_PyObject *(*)(cpy_PyObject *spec, Def *def)"
        );
        let Item::Trampoline(two) = &items[1] else {
            panic!()
        };
        assert_eq!(
            (two.line, two.pointer_type().declare("")),
            (2, "void (*)(void *arg0)".to_string())
        );
        let err = parse("trampoline int (*S)(void);").unwrap_err();
        assert_eq!(
            err,
            "line 1: expected the signature's enumerator, found `(`"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("typedef int A;\ntypedef struct { int a } B;").unwrap_err();
        assert_eq!(err, "line 2: expected `;`, found `}`");
        let err = parse("typedef struct {\n  int a\n  int b;\n} B;").unwrap_err();
        assert_eq!(
            err,
            "line 2: expected `;` at the end of the line, found `int` on line 3"
        );
        let err = parse("typedef enum { A = x } E;").unwrap_err();
        assert_eq!(err, "line 1: expected an integer, found `x`");
        let err = parse("typedef struct { int a;").unwrap_err();
        assert_eq!(
            err,
            "line 1: expected a type name, found the end of the table"
        );
    }
}
