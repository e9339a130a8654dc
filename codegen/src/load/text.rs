//! The values of string, text block and number tokens, by the rules of the
//! IDL specification: escapes (`\n`, `\uXXXX`, escaped line breaks), line
//! endings normalised to `\n`, and the incidental whitespace of text blocks.

use super::lexer::SyntaxError;

/// The value of a quoted string token (`raw` includes the quotes, which
/// start at byte `at` of the file); `plain` when the lexer saw no escape,
/// carriage return or control character in it.
pub(crate) fn quoted(raw: &str, at: usize, plain: bool) -> Result<String, SyntaxError> {
    let inner = &raw[1..raw.len() - 1];
    if plain {
        return Ok(inner.to_owned());
    }
    unescape(inner, at + 1, false, at + 1)
}

/// The value of a text block token (`raw` includes both `"""`).
pub(crate) fn text_block(raw: &str, at: usize, plain: bool) -> Result<String, SyntaxError> {
    let inner = &raw[3..raw.len() - 3];
    let content = inner.trim_start_matches([' ', '\t']);
    let content = match content
        .strip_prefix("\r\n")
        .or_else(|| content.strip_prefix('\n'))
    {
        Some(rest) => rest,
        None => {
            return Err(SyntaxError {
                offset: at,
                message: "a text block must start with a line break after its opening \"\"\""
                    .to_owned(),
            })
        }
    };
    let normalized = normalize_line_endings(content);
    let dedented = dedent(&normalized);
    if plain {
        return Ok(dedented);
    }
    // Escapes are expanded after the indentation is removed, so their
    // positions are no longer those of the file: errors point at the block.
    unescape(&dedented, at, true, at)
}

/// `\r\n` and lone `\r` become `\n`.
fn normalize_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Removes the incidental whitespace of a text block's content (the text
/// after its first line break): the indentation common to all lines that are
/// not blank, and to the closing line, and the trailing spaces of every line.
fn dedent(content: &str) -> String {
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let spaces = line.bytes().take_while(|&b| b == b' ').count();
            if line.is_empty() || (spaces == line.len() && i != last) {
                None
            } else {
                Some(spaces)
            }
        })
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(content.len());
    for (i, line) in lines.iter().enumerate() {
        let start = indent.min(line.len());
        let trimmed = line.trim_end_matches(' ');
        if trimmed.len() > start {
            out.push_str(&trimmed[start..]);
        }
        if i != last {
            out.push('\n');
        }
    }
    out
}

/// Expands escapes and checks that every character may appear unescaped.
/// `base` is the file offset of `text` when the two still line up.
fn unescape(
    text: &str,
    base: usize,
    text_block: bool,
    fallback: usize,
) -> Result<String, SyntaxError> {
    let bytes = text.as_bytes();
    let special = |b: u8| b == b'\\' || b == b'\r' || (b < 0x20 && b != b'\t' && b != b'\n');
    let Some(first) = bytes.iter().position(|&b| special(b)) else {
        return Ok(text.to_owned());
    };
    let error = |i: usize, message: String| SyntaxError {
        offset: if text_block { fallback } else { base + i },
        message,
    };
    let mut out = String::with_capacity(text.len());
    // Unremarkable runs are copied whole; every split is at an ASCII byte.
    let (mut i, mut run) = (first, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !special(b) {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        i += match b {
            b'\r' => {
                out.push('\n');
                if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            b'\\' => escape(text, i, &mut out).map_err(|m| error(i, m))?,
            _ => {
                return Err(error(
                    i,
                    format!("control character U+{b:04X} in a string: escape it"),
                ))
            }
        };
        run = i;
    }
    out.push_str(&text[run..]);
    Ok(out)
}

/// Expands the escape at `text[at]` (a backslash) into `out` and returns
/// its length.
fn escape(text: &str, at: usize, out: &mut String) -> Result<usize, String> {
    let bytes = text.as_bytes();
    let simple = match bytes.get(at + 1) {
        None => return Err("a string cannot end with '\\'".to_owned()),
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'\n') => return Ok(2),
        Some(b'\r') if bytes.get(at + 2) == Some(&b'\n') => return Ok(3),
        Some(b'\r') => return Ok(2),
        Some(b'u') => {
            let (c, len) = unicode_escape(&text[at..])?;
            out.push(c);
            return Ok(len);
        }
        Some(_) => {
            let other = text[at + 1..].chars().next().unwrap_or('?');
            return Err(format!(
                "invalid escape '\\{}' in a string",
                other.escape_debug()
            ));
        }
    };
    out.push(simple);
    Ok(2)
}

/// The character of a `\uXXXX` escape at the start of `text`, and the
/// escape's length, joining a UTF-16 surrogate pair written as two escapes.
fn unicode_escape(text: &str) -> Result<(char, usize), String> {
    let hex = |from: usize| -> Result<u32, String> {
        text.get(from..from + 4)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .ok_or_else(|| "a '\\u' escape needs four hexadecimal digits".to_owned())
    };
    let first = hex(2)?;
    if (0xD800..0xDC00).contains(&first) && text[6..].starts_with("\\u") {
        let second = hex(8)?;
        if (0xDC00..0xE000).contains(&second) {
            let joined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            if let Some(c) = char::from_u32(joined) {
                return Ok((c, 12));
            }
        }
    }
    char::from_u32(first).map(|c| (c, 6)).ok_or_else(|| {
        format!("'\\u{first:04X}' is half of a surrogate pair without its other half")
    })
}

/// The JSON number of a number token, which keeps every digit of it.
pub(crate) fn number(raw: &str, at: usize) -> Result<serde_json::Number, SyntaxError> {
    raw.parse().map_err(|_| SyntaxError {
        offset: at,
        message: format!("{raw} is not a number"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(content: &str) -> String {
        text_block(&format!("\"\"\"{content}\"\"\""), 0, false).expect("valid text block")
    }

    #[test]
    fn every_escape_of_the_specification() {
        let raw = r#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 x\
y""#;
        assert_eq!(
            quoted(raw, 0, false).unwrap(),
            "q\" b\\ s/ \u{8}\u{c}\n\r\t é 😀 xy"
        );
    }

    #[test]
    fn line_endings_become_line_feeds() {
        assert_eq!(quoted("\"a\r\nb\rc\"", 0, false).unwrap(), "a\nb\nc");
    }

    #[test]
    fn bad_escapes_and_control_characters_are_errors_at_their_place() {
        for (raw, offset, message) in [
            (r#""ab\q""#, 3, "invalid escape '\\q' in a string"),
            (
                r#""\u12g4""#,
                1,
                "a '\\u' escape needs four hexadecimal digits",
            ),
            (
                r#""\ud800x""#,
                1,
                "'\\uD800' is half of a surrogate pair without its other half",
            ),
            (
                "\"a\u{1}\"",
                2,
                "control character U+0001 in a string: escape it",
            ),
        ] {
            let e = quoted(raw, 0, false).expect_err(raw);
            assert_eq!((e.offset, e.message.as_str()), (offset, message), "{raw}");
        }
    }

    #[test]
    fn text_blocks_lose_incidental_whitespace() {
        // The specification's examples.
        assert_eq!(
            block("\n    <div>\n        <p>Hello!</p>\n    </div>\n    "),
            "<div>\n    <p>Hello!</p>\n</div>\n"
        );
        assert_eq!(
            block("\n    Foo\n        Baz\n  \n\n    Bar\n    "),
            "Foo\n    Baz\n\n\nBar\n"
        );
        // A closing delimiter left of the content keeps that indentation.
        assert_eq!(
            block("\n           Foo\n               Baz\n           Bar\n       "),
            "    Foo\n        Baz\n    Bar\n"
        );
        // On a line of its own at the very margin, it does not count (as in Smithy).
        assert_eq!(block("\n    Foo\n      Baz\n"), "Foo\n  Baz\n");
        // One to the right of the content does not count.
        assert_eq!(
            block("\n    Foo\n        Baz\n    Bar\n            "),
            "Foo\n    Baz\nBar\n"
        );
        assert_eq!(block("\n    \"hello!\"\n    "), "\"hello!\"\n");
        assert_eq!(block("\n    foo \\\"\"\"\n    baz"), "foo \"\"\"\nbaz");
        assert_eq!(
            block("\n  <div>\n    <p>Hi\\n    bar</p>\n  </div>\n  "),
            "<div>\n  <p>Hi\n    bar</p>\n</div>\n"
        );
        assert_eq!(block("\n    Foo \\\n    Baz \\\n    Bam"), "Foo Baz Bam");
        assert_eq!(block("\n    Foo\n    Baz \\\n    Bam"), "Foo\nBaz Bam");
    }

    #[test]
    fn a_text_block_starts_with_a_line_break() {
        for raw in ["\"\"\"foo\"\"\"", "\"\"\" \"\"\""] {
            let e = text_block(raw, 7, false).expect_err(raw);
            assert_eq!(e.offset, 7);
            assert_eq!(
                e.message,
                "a text block must start with a line break after its opening \"\"\""
            );
        }
    }

    #[test]
    fn numbers_keep_every_digit() {
        assert_eq!(number("12", 0).unwrap().as_i64(), Some(12));
        assert_eq!(number("-3", 0).unwrap().as_i64(), Some(-3));
        assert_eq!(
            number("18446744073709551615", 0).unwrap().as_u64(),
            Some(u64::MAX)
        );
        assert_eq!(number("1.0", 0).unwrap().as_f64(), Some(1.0));
        assert!(number("1.0", 0).unwrap().is_f64());
        assert_eq!(number("1e2", 0).unwrap().as_f64(), Some(100.0));
        for exact in ["0.100000000000000000000001", "-9223372036854775809"] {
            assert_eq!(number(exact, 0).unwrap().to_string(), exact);
        }
        assert_eq!(number("1e999", 0).unwrap().to_string(), "1e+999");
    }
}
