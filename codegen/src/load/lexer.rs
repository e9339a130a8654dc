//! Splits Smithy IDL text into tokens.
//!
//! Whitespace, commas and comments are not tokens: each token records whether
//! a line break (or a comment, which ends with one) or any space came before
//! it, which is all the grammar's `SP` and `BR` need. Documentation comments
//! (`///`) right before a token are kept for the parser to attach to the
//! shape or member that starts there. Strings and numbers are only delimited
//! here; [`super::text`] decodes them.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Eof,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Colon,
    /// `:=`, inline operation input and output.
    Walrus,
    Equals,
    At,
    Dollar,
    /// An identifier or a shape ID: letters, digits and `_ . # $`.
    Ident,
    /// A quoted string, quotes included.
    Str,
    /// A text block, its `"""` delimiters included.
    TextBlock,
    Number,
}

/// One token: its kind, byte range and the trivia before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// A newline or comment came between the previous token and this one.
    pub line_break_before: bool,
    /// Anything (space, comma, newline, comment) came before this token.
    pub space_before: bool,
    /// A string or text block without escapes, carriage returns or control
    /// characters: its text is its value (after a text block's dedent).
    pub plain: bool,
}

/// A syntax error: the byte offset where it is, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// The bytes that continue an identifier or shape ID.
static IDENT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'#' | b'$');
        b += 1;
    }
    table
};

/// Classes of bytes inside strings.
const NORMAL: u8 = 0;
const QUOTE: u8 = 1;
const BACKSLASH: u8 = 2;
/// A carriage return or a control character other than tab and line feed.
const SPECIAL: u8 = 3;

static STRING: [u8; 256] = {
    let mut table = [NORMAL; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = SPECIAL;
        b += 1;
    }
    table[b'\t' as usize] = NORMAL;
    table[b'\n' as usize] = NORMAL;
    table[b'"' as usize] = QUOTE;
    table[b'\\' as usize] = BACKSLASH;
    table
};

/// The tokenizer: call [`Lexer::next`] until it returns [`Kind::Eof`].
pub(crate) struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Byte ranges of the documentation comment lines before the last token.
    docs: Vec<(usize, usize)>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Lexer<'a> {
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer {
            text,
            bytes: text.as_bytes(),
            pos,
            docs: Vec::new(),
        }
    }

    /// The documentation comment lines (without `///` and one leading space)
    /// that came right before the last token returned.
    pub fn docs(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.docs.iter().map(|&(start, end)| &self.text[start..end])
    }

    /// Where the first of those lines starts (its `///`).
    pub fn docs_start(&self) -> Option<usize> {
        let &(start, _) = self.docs.first()?;
        Some(self.text[..start].rfind("///").unwrap_or(start))
    }

    pub fn next(&mut self) -> Result<Token, SyntaxError> {
        let (line_break_before, space_before) = self.skip_trivia();
        let start = self.pos;
        let Some(&byte) = self.bytes.get(start) else {
            return Ok(Token {
                kind: Kind::Eof,
                start,
                end: start,
                line_break_before,
                space_before,
                plain: false,
            });
        };
        let mut plain = false;
        let (kind, end) = match byte {
            b'{' => (Kind::LBrace, start + 1),
            b'}' => (Kind::RBrace, start + 1),
            b'[' => (Kind::LBracket, start + 1),
            b']' => (Kind::RBracket, start + 1),
            b'(' => (Kind::LParen, start + 1),
            b')' => (Kind::RParen, start + 1),
            b'=' => (Kind::Equals, start + 1),
            b'@' => (Kind::At, start + 1),
            b'$' => (Kind::Dollar, start + 1),
            b':' if self.bytes.get(start + 1) == Some(&b'=') => (Kind::Walrus, start + 2),
            b':' => (Kind::Colon, start + 1),
            b'"' if self.bytes[start..].starts_with(b"\"\"\"") => {
                let (end, is_plain) = self.quoted_end(start, 3)?;
                plain = is_plain;
                (Kind::TextBlock, end)
            }
            b'"' => {
                let (end, is_plain) = self.quoted_end(start, 1)?;
                plain = is_plain;
                (Kind::Str, end)
            }
            b'-' | b'0'..=b'9' => (Kind::Number, self.number_end(start)?),
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => (Kind::Ident, self.ident_end(start)),
            _ => return Err(self.unexpected(start)),
        };
        self.pos = end;
        Ok(Token {
            kind,
            start,
            end,
            line_break_before,
            space_before,
            plain,
        })
    }

    /// Skips spaces, tabs, commas, newlines and comments, collecting
    /// documentation comment lines. A lone `/` is left for [`Lexer::next`]
    /// to report.
    fn skip_trivia(&mut self) -> (bool, bool) {
        if !self.docs.is_empty() {
            self.docs.clear();
        }
        let start = self.pos;
        let mut line_break = false;
        while let Some(&byte) = self.bytes.get(self.pos) {
            match byte {
                b' ' | b'\t' | b',' => self.pos += 1,
                b'\n' | b'\r' => {
                    line_break = true;
                    self.pos += 1;
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    line_break = true;
                    self.comment();
                }
                _ => break,
            }
        }
        (line_break, self.pos > start)
    }

    /// Skips a comment (at `//`), keeping a documentation comment's line.
    fn comment(&mut self) {
        let doc = self.bytes.get(self.pos + 2) == Some(&b'/');
        let mut content = self.pos + if doc { 3 } else { 2 };
        let end = memchr::memchr(b'\n', &self.bytes[content.min(self.bytes.len())..])
            .map_or(self.bytes.len(), |at| content + at);
        if doc {
            if self.bytes.get(content) == Some(&b' ') {
                content += 1;
            }
            let line_end = if end > content && self.bytes[end - 1] == b'\r' {
                end - 1
            } else {
                end
            };
            self.docs.push((content, line_end.max(content)));
        }
        self.pos = end;
    }

    /// The end of a string (`quotes` 1) or text block (`quotes` 3) opening
    /// at `start` (after its closing quotes), and whether it is plain.
    fn quoted_end(&self, start: usize, quotes: usize) -> Result<(usize, bool), SyntaxError> {
        let mut at = start + quotes;
        let mut plain = true;
        // Jump from quote or backslash to the next; between them, look for
        // carriage returns and control characters without branching.
        while let Some(next) = memchr::memchr2(b'"', b'\\', &self.bytes[at.min(self.bytes.len())..])
        {
            let run = &self.bytes[at..at + next];
            plain &= !run
                .iter()
                .fold(false, |seen, &b| seen | (STRING[usize::from(b)] == SPECIAL));
            at += next;
            if self.bytes[at] == b'\\' {
                plain = false;
                at += 2;
            } else if quotes == 1 || self.bytes[at..].starts_with(b"\"\"\"") {
                return Ok((at + quotes, plain));
            } else {
                at += 1;
            }
        }
        let message = if quotes == 1 {
            "unclosed string: no closing '\"'"
        } else {
            "unclosed text block: no closing '\"\"\"'"
        };
        Err(SyntaxError {
            offset: start,
            message: message.to_owned(),
        })
    }

    /// The end of a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number_end(&self, start: usize) -> Result<usize, SyntaxError> {
        let digits = |from: usize| {
            self.bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let invalid = |at: usize, what: &str| SyntaxError {
            offset: at,
            message: format!("invalid number: {what}"),
        };
        let mut at = start;
        if self.bytes[at] == b'-' {
            at += 1;
        }
        match digits(at) {
            0 => return Err(invalid(start, "expected a digit after '-'")),
            n if n > 1 && self.bytes[at] == b'0' => {
                return Err(invalid(start, "a number cannot start with 0"))
            }
            n => at += n,
        }
        if self.bytes.get(at) == Some(&b'.') {
            match digits(at + 1) {
                0 => return Err(invalid(at, "expected a digit after '.'")),
                n => at += 1 + n,
            }
        }
        if matches!(self.bytes.get(at), Some(b'e' | b'E')) {
            let mut exponent = at + 1;
            if matches!(self.bytes.get(exponent), Some(b'+' | b'-')) {
                exponent += 1;
            }
            match digits(exponent) {
                0 => return Err(invalid(at, "expected a digit in the exponent")),
                n => at = exponent + n,
            }
        }
        Ok(at)
    }

    fn ident_end(&self, start: usize) -> usize {
        start
            + self.bytes[start..]
                .iter()
                .take_while(|&&b| IDENT[usize::from(b)])
                .count()
    }

    fn unexpected(&self, at: usize) -> SyntaxError {
        if self.bytes.get(at) == Some(&b'/') {
            return SyntaxError {
                offset: at,
                message: "unexpected '/': comments start with '//'".to_owned(),
            };
        }
        let c = self.text[at..].chars().next().unwrap_or('?');
        let shown = if c.is_control() || c.is_whitespace() {
            format!("U+{:04X}", u32::from(c))
        } else {
            format!("'{c}'")
        };
        SyntaxError {
            offset: at,
            message: format!("unexpected character {shown}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str, bool)> {
        let mut lexer = Lexer::new(text);
        let mut out = Vec::new();
        loop {
            let t = lexer.next().expect("valid");
            if t.kind == Kind::Eof {
                return out;
            }
            out.push((t.kind, &text[t.start..t.end], t.line_break_before));
        }
    }

    #[test]
    fn punctuation_identifiers_and_shape_ids() {
        use Kind::*;
        assert_eq!(
            kinds("a: smithy.api#String$m := {}, [](@)=$x"),
            [
                (Ident, "a", false),
                (Colon, ":", false),
                (Ident, "smithy.api#String$m", false),
                (Walrus, ":=", false),
                (LBrace, "{", false),
                (RBrace, "}", false),
                (LBracket, "[", false),
                (RBracket, "]", false),
                (LParen, "(", false),
                (At, "@", false),
                (RParen, ")", false),
                (Equals, "=", false),
                (Dollar, "$", false),
                (Ident, "x", false),
            ]
        );
    }

    #[test]
    fn comments_are_line_breaks_and_doc_comments_are_kept() {
        let text = "a // note\n/// Doc one\n///two\n// plain\nb";
        let mut lexer = Lexer::new(text);
        assert_eq!(lexer.next().unwrap().kind, Kind::Ident);
        let b = lexer.next().unwrap();
        assert!(b.line_break_before);
        assert_eq!(lexer.docs().collect::<Vec<_>>(), ["Doc one", "two"]);
        assert_eq!(lexer.docs_start(), text.find("///"));
        lexer.next().unwrap();
        assert_eq!(lexer.docs_start(), None);
    }

    #[test]
    fn strings_text_blocks_and_numbers_are_delimited() {
        use Kind::*;
        assert_eq!(
            kinds(r#""a\"b" """x"y""" -1.5e+3 0"#),
            [
                (Str, r#""a\"b""#, false),
                (TextBlock, r#""""x"y""""#, false),
                (Number, "-1.5e+3", false),
                (Number, "0", false),
            ]
        );
    }

    #[test]
    fn malformed_tokens_say_what_is_wrong() {
        for (text, offset, message) in [
            ("\"abc", 0, "unclosed string: no closing '\"'"),
            (
                "\"\"\"\nabc\"\"",
                0,
                "unclosed text block: no closing '\"\"\"'",
            ),
            ("- 1", 0, "invalid number: expected a digit after '-'"),
            ("01", 0, "invalid number: a number cannot start with 0"),
            ("1.e5", 1, "invalid number: expected a digit after '.'"),
            ("1e", 1, "invalid number: expected a digit in the exponent"),
            ("a / b", 2, "unexpected '/': comments start with '//'"),
            ("a ~", 2, "unexpected character '~'"),
            ("\u{7}", 0, "unexpected character U+0007"),
        ] {
            let mut lexer = Lexer::new(text);
            let error = loop {
                match lexer.next() {
                    Ok(t) if t.kind == Kind::Eof => panic!("{text:?} lexed"),
                    Ok(_) => {}
                    Err(e) => break e,
                }
            };
            assert_eq!(
                (error.offset, error.message.as_str()),
                (offset, message),
                "{text:?}"
            );
        }
    }
}
