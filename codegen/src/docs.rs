//! Turns the HTML of Smithy `@documentation` traits into Markdown that rustdoc
//! renders without warnings: paragraphs, lists, code spans, links and emphasis
//! survive; brackets, angle brackets and bare URLs are escaped; unknown tags
//! are dropped and their text kept.

/// Converts documentation HTML (or plain text) into rustdoc-safe Markdown.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = Renderer::default();
    for token in tokenize(html) {
        out.token(token);
    }
    out.finish()
}

/// The first sentence of converted Markdown, on one line: up to the first
/// `. ` or the end of the first paragraph.
pub fn summary(markdown: &str) -> String {
    let paragraph = markdown.split("\n\n").next().unwrap_or_default();
    let line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.find(". ") {
        Some(end) => line[..=end].to_owned(),
        None => line,
    }
}

/// `text` as a Markdown code span, with a fence longer than any backtick run inside.
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Open { name: String, href: Option<String> },
    Close(String),
}

/// Splits HTML into text and tags. Anything that does not look like a tag is text.
fn tokenize(html: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            tokens.push(Token::Text(rest));
            break;
        };
        if lt > 0 {
            tokens.push(Token::Text(&rest[..lt]));
        }
        let after = &rest[lt..];
        match parse_tag(after) {
            Some((token, len)) => {
                tokens.push(token);
                rest = &after[len..];
            }
            None => {
                tokens.push(Token::Text("<"));
                rest = &after[1..];
            }
        }
    }
    tokens
}

/// Parses a tag at the start of `s` (which begins with `<`), returning it and its length.
fn parse_tag(s: &str) -> Option<(Token<'_>, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    if name.is_empty() || !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let token = if closing {
        Token::Close(name)
    } else {
        let href = attribute(&inner[name_len..], "href");
        Token::Open { name, href }
    };
    Some((token, end + 1))
}

/// The value of attribute `name` in a tag's attribute text.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))?;
    let value = &attrs[at + name.len() + 1..];
    let value = match value.chars().next()? {
        q @ ('"' | '\'') => value[1..].split(q).next()?,
        _ => value
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()?,
    };
    Some(decode_entities(value.trim()))
}

/// Decodes the character references that model docs use.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = match &after[1..semi] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                num => {
                    let code = match num.strip_prefix("#x").or_else(|| num.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Builds Markdown from tokens: blocks (paragraphs, list items) are lines of
/// inline text; inline text is escaped as it is added.
#[derive(Default)]
struct Renderer {
    /// Finished blocks; an empty string is a paragraph break.
    lines: Vec<String>,
    /// The block being written.
    current: String,
    /// Prefix for the block being written (`- `, `1. `, indentation).
    prefix: String,
    /// Open lists: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<usize>>,
    /// Inside `<code>`: text is collected raw, then fenced.
    code: Option<String>,
    /// Inside `<pre>`: text is kept verbatim.
    pre: Option<String>,
    /// Open links: their href and where their text starts in `current`.
    links: Vec<(Option<String>, usize)>,
}

impl Renderer {
    fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(text) => self.text(text),
            Token::Open { name, href } => self.open(&name, href),
            Token::Close(name) => self.close(&name),
        }
    }

    fn text(&mut self, raw: &str) {
        let text = decode_entities(raw);
        if let Some(pre) = &mut self.pre {
            pre.push_str(&text);
        } else if let Some(code) = &mut self.code {
            code.push_str(&text);
        } else {
            self.inline(&escape(&text));
        }
    }

    /// Appends inline Markdown, folding whitespace.
    fn inline(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.current.ends_with(' ') && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    /// Appends a piece that must not be split or escaped (a code span, a marker).
    fn atom(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn open(&mut self, name: &str, href: Option<String>) {
        match name {
            // A paragraph right after a note's label continues the label's line.
            "p" | "div" if self.current.ends_with(":** ") => {}
            "p" | "div" if !self.lists.is_empty() => self.end_block(false),
            "p" | "div" | "dl" | "dt" => self.end_block(true),
            "dd" => {
                self.end_block(false);
                self.prefix = "  ".repeat(self.lists.len() + 1);
            }
            "br" => self.end_block(false),
            "ul" | "ol" => {
                self.end_block(self.lists.is_empty());
                self.lists.push((name == "ol").then_some(1));
            }
            "li" => {
                self.end_block(false);
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_owned(),
                };
                self.prefix = format!("{}{marker}", "  ".repeat(depth));
            }
            "note" | "important" => {
                self.end_block(true);
                let label = if name == "note" {
                    "**Note:** "
                } else {
                    "**Important:** "
                };
                self.atom(label);
            }
            "code" if self.pre.is_none() && self.code.is_none() => self.code = Some(String::new()),
            "pre" => {
                self.end_block(true);
                self.pre = Some(String::new());
            }
            "b" | "strong" => self.emphasis("**"),
            "i" | "em" => self.emphasis("*"),
            "a" => {
                self.links.push((href, self.current.len()));
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" | "div" if !self.lists.is_empty() => self.end_block(false),
            "p" | "div" | "dl" | "dt" | "dd" | "note" | "important" => self.end_block(true),
            "li" => self.end_block(false),
            "ul" | "ol" => {
                self.end_block(false);
                self.lists.pop();
                self.prefix = "  ".repeat(self.lists.len());
                if self.lists.is_empty() {
                    self.paragraph_break();
                }
            }
            "code" => {
                if let Some(code) = self.code.take() {
                    let folded = code.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !folded.is_empty() {
                        if !self.current.is_empty() && !self.current.ends_with([' ', '(', '*']) {
                            self.current.push(' ');
                        }
                        self.atom(&code_span(&folded));
                    }
                }
            }
            "pre" => {
                if let Some(pre) = self.pre.take() {
                    self.end_block(true);
                    self.lines.push("```text".to_owned());
                    let body = pre.trim_matches('\n');
                    self.lines
                        .extend(body.lines().map(|l| l.trim_end().to_owned()));
                    self.lines.push("```".to_owned());
                    self.paragraph_break();
                }
            }
            "b" | "strong" => self.emphasis("**"),
            "i" | "em" => self.emphasis("*"),
            "a" => self.end_link(),
            _ => {}
        }
    }

    /// Emphasis markers hug the text they wrap.
    fn emphasis(&mut self, marker: &str) {
        if self.code.is_some() || self.pre.is_some() {
            return;
        }
        self.atom(marker);
    }

    fn end_link(&mut self) {
        let Some((href, start)) = self.links.pop() else {
            return;
        };
        let start = start.min(self.current.len());
        let text = self.current[start..].trim().to_owned();
        self.current.truncate(start);
        let link = match href.filter(|h| !h.is_empty() && !h.contains(char::is_whitespace)) {
            Some(href) if text.is_empty() => format!("<{href}>"),
            Some(href) => format!("[{text}]({})", href.replace('(', "%28").replace(')', "%29")),
            None => text,
        };
        self.atom(&link);
    }

    /// Ends the current block; with `blank`, also starts a new paragraph.
    fn end_block(&mut self, blank: bool) {
        // Links left open at a block boundary are closed there.
        while !self.links.is_empty() {
            self.end_link();
        }
        let text = fix_emphasis(self.current.trim());
        self.current.clear();
        if !text.is_empty() {
            self.lines.push(format!("{}{}", self.prefix, text));
            // Further blocks of the same item are indented under it.
            self.prefix = "  ".repeat(self.lists.len());
        }
        if blank {
            self.paragraph_break();
        }
    }

    fn paragraph_break(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn finish(mut self) -> String {
        if let Some(code) = self.code.take() {
            let folded = code.split_whitespace().collect::<Vec<_>>().join(" ");
            if !folded.is_empty() {
                self.atom(&code_span(&folded));
            }
        }
        if let Some(pre) = self.pre.take() {
            self.inline(&escape(&pre));
        }
        self.end_block(false);
        let mut out = String::new();
        for line in &self.lines {
            if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
                continue;
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.trim().to_owned()
    }
}

/// Removes emphasis markers that would render as stray asterisks: `** **`
/// around nothing.
fn fix_emphasis(text: &str) -> String {
    text.replace("****", "").replace("** **", " ")
}

/// Escapes text for Markdown: brackets (intra-doc links), angle brackets
/// (HTML), backslashes, backticks, a leading `#`, and wraps bare URLs.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let (plain, url) = match url_at {
            Some(at) => {
                let end = rest[at..]
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, '<' | '>' | '"' | '[' | ']' | '`')
                    })
                    .map_or(rest.len(), |e| at + e);
                let url = rest[at..end].trim_end_matches(['.', ',', ';', ':', ')', '\'']);
                (&rest[..at], Some(url))
            }
            None => (rest, None),
        };
        for c in plain.chars() {
            match c {
                '[' | ']' | '\\' | '`' | '*' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '#' if out.trim_end().is_empty() => out.push_str("\\#"),
                c => out.push(c),
            }
        }
        match url {
            Some(url) => {
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[plain.len() + url.len()..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, HTML, Markdown)
    const CASES: &[(&str, &str, &str)] = &[
        (
            "plain text",
            "Lists event source mappings.",
            "Lists event source mappings.",
        ),
        ("empty", "", ""),
        ("whitespace folds", "  a\n   b\t c  ", "a b c"),
        ("paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        (
            "code span",
            "<p>Set <code>MaxItems</code> to 10.</p>",
            "Set `MaxItems` to 10.",
        ),
        ("code with backticks", "<code>a`b</code>", "``a`b``"),
        ("code keeps brackets", "<code>[1, 2]</code>", "`[1, 2]`"),
        (
            "bold and italic",
            "<b>Note</b> and <i>this</i>",
            "**Note** and *this*",
        ),
        (
            "link",
            "See <a href=\"https://docs.aws.amazon.com/lambda/\">the guide</a>.",
            "See [the guide](https://docs.aws.amazon.com/lambda/).",
        ),
        (
            "link without text",
            "<a href='https://example.com'></a>",
            "<https://example.com>",
        ),
        ("link without href", "<a>plain</a>", "plain"),
        (
            "bullet list",
            "<p>Kinds:</p><ul><li><p>A</p></li><li>B</li></ul><p>End.</p>",
            "Kinds:\n\n- A\n- B\n\nEnd.",
        ),
        (
            "numbered list",
            "<ol><li>first</li><li>second</li></ol>",
            "1. first\n2. second",
        ),
        (
            "nested list",
            "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>",
            "- a\n  - b\n- c",
        ),
        ("note", "<note><p>Careful.</p></note>", "**Note:** Careful."),
        (
            "important",
            "<important>Read this.</important>",
            "**Important:** Read this.",
        ),
        (
            "entities",
            "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x41;",
            "a &amp; b &lt;c&gt; \"d\" 'e' A",
        ),
        ("unknown entity", "&bogus; stays", "&amp;bogus; stays"),
        ("brackets escaped", "a [b] c", "a \\[b\\] c"),
        (
            "bare url",
            "Go to https://aws.amazon.com/lambda.",
            "Go to <https://aws.amazon.com/lambda>.",
        ),
        ("angle brackets", "a < b > c", "a &lt; b &gt; c"),
        (
            "unknown tags dropped",
            "<fullname>AWS Lambda</fullname>",
            "AWS Lambda",
        ),
        ("leading hash", "# not a heading", "\\# not a heading"),
        (
            "backslash and underscores",
            "a\\b SASL_SCRAM *",
            "a\\\\b SASL_SCRAM \\*",
        ),
        ("line break", "a<br/>b", "a\nb"),
        (
            "pre",
            "<pre>let x = 1;\n  x</pre>",
            "```text\nlet x = 1;\n  x\n```",
        ),
        ("unclosed tags", "<p>a <b>b", "a **b"),
        ("stray angle", "1 > 0 and <3", "1 &gt; 0 and &lt;3"),
        ("truncated tag", "<a href=\"x", "&lt;a href=\"x"),
        ("uppercase tags", "<P>A</P><UL><LI>b</LI></UL>", "A\n\n- b"),
        (
            "definition list",
            "<dl><dt>Term</dt><dd>Meaning</dd></dl>",
            "Term\n\n  Meaning",
        ),
    ];

    #[test]
    fn conversion_table() {
        for (name, html, markdown) in CASES {
            assert_eq!(html_to_markdown(html), *markdown, "case: {name}");
        }
    }

    #[test]
    fn summaries() {
        assert_eq!(summary("First one. Second."), "First one.");
        assert_eq!(
            summary("Only one\nline\n\nNext paragraph."),
            "Only one line"
        );
        assert_eq!(summary(""), "");
    }

    #[test]
    fn code_spans() {
        assert_eq!(code_span("^[a-z]+$"), "`^[a-z]+$`");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }

    #[test]
    fn hostile_input_never_panics_and_leaves_no_bare_brackets() {
        let pieces = [
            "<",
            ">",
            "</",
            "<a",
            "<a href=",
            "\"",
            "'",
            "&",
            "&#",
            "&#x110000;",
            "&#99999999999;",
            "[",
            "]",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<li>",
            "</ul>",
            "<ol>",
            "é",
            "日本",
            "\u{feff}",
            "\n",
            "https://",
            "`",
            "\\",
            "<b>",
            "</i>",
            "</a>",
            "*",
            "#",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut html = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                html.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let md = html_to_markdown(&html);
            // Links, code spans and code blocks are allowed their brackets.
            if ["<a", "<code>", "<pre>", "`"]
                .iter()
                .any(|p| html.contains(p))
            {
                continue;
            }
            let outside_code: String = md.split('`').step_by(2).collect();
            let unescaped = outside_code
                .char_indices()
                .filter(|(i, c)| *c == '[' && !outside_code[..*i].ends_with('\\'))
                .count();
            assert_eq!(unescaped, 0, "{html:?} gave {md:?}");
        }
    }
}
