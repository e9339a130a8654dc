//! The XML readers the runtime could read response bodies with, each
//! building the same small tree (element names, text, children) from a
//! byte slice: quick-xml (through the runtime's own reader), roxmltree and
//! xml-rs.

use smithy_lean_runtime::protocol::xml as runtime;

/// A candidate reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The runtime's reader, on `quick-xml` 0.41.
    QuickXml,
    /// `roxmltree` 0.20, with its default limits.
    Roxmltree,
    /// `xml-rs` 0.8, as it comes.
    XmlRs,
}

/// An element as every reader sees it: local name, text, child elements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tree {
    pub name: String,
    pub text: String,
    pub children: Vec<Tree>,
}

impl Reader {
    /// Every candidate, the runtime's first.
    pub const ALL: [Reader; 3] = [Reader::QuickXml, Reader::Roxmltree, Reader::XmlRs];

    /// The reader's name.
    pub fn name(self) -> &'static str {
        match self {
            Reader::QuickXml => "quick-xml",
            Reader::Roxmltree => "roxmltree",
            Reader::XmlRs => "xml-rs",
        }
    }

    /// The candidate named `name`.
    pub fn by_name(name: &str) -> Option<Reader> {
        Reader::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Whether the reader accepts `bytes` as a document (reading it whole,
    /// without building a [`Tree`], whose recursion is this crate's own).
    pub fn accepts(self, bytes: &[u8]) -> Result<(), String> {
        match self {
            Reader::Roxmltree => {
                let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
                roxmltree::Document::parse(text)
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
            Reader::XmlRs => xml::EventReader::new(bytes)
                .into_iter()
                .try_for_each(|event| event.map(drop).map_err(|e| e.to_string())),
            Reader::QuickXml => self.parse(bytes).map(drop),
        }
    }

    /// Reads a whole document into a [`Tree`].
    pub fn parse(self, bytes: &[u8]) -> Result<Tree, String> {
        match self {
            Reader::QuickXml => runtime::parse_document(bytes).map(|root| from_runtime(&root)),
            Reader::Roxmltree => {
                let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
                let document = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
                Ok(from_roxmltree(document.root_element()))
            }
            Reader::XmlRs => from_xml_rs(bytes),
        }
    }
}

fn from_runtime(element: &runtime::Element) -> Tree {
    Tree {
        name: element.name().to_owned(),
        text: element.text().to_owned(),
        children: element.children().iter().map(from_runtime).collect(),
    }
}

fn from_roxmltree(node: roxmltree::Node<'_, '_>) -> Tree {
    let mut tree = Tree {
        name: node.tag_name().name().to_owned(),
        ..Tree::default()
    };
    for child in node.children() {
        if child.is_element() {
            tree.children.push(from_roxmltree(child));
        } else if child.is_text() {
            tree.text.push_str(child.text().unwrap_or_default());
        }
    }
    tree
}

fn from_xml_rs(bytes: &[u8]) -> Result<Tree, String> {
    use xml::reader::XmlEvent;
    let mut open: Vec<Tree> = Vec::new();
    let mut root = None;
    for event in xml::EventReader::new(bytes) {
        match event.map_err(|e| e.to_string())? {
            XmlEvent::StartElement { name, .. } => open.push(Tree {
                name: name.local_name,
                ..Tree::default()
            }),
            XmlEvent::EndElement { .. } => {
                let done = open.pop().ok_or("unbalanced")?;
                match open.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            XmlEvent::Characters(text) | XmlEvent::CData(text) | XmlEvent::Whitespace(text) => {
                if let Some(parent) = open.last_mut() {
                    parent.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    root.ok_or_else(|| "no root element".to_owned())
}

/// A typical list response: `n` items of a few members each.
pub fn page(n: usize) -> Vec<u8> {
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><ListThingsResponse xmlns="https://example.com/doc/2020-01-01/"><ListThingsResult><Things>"#,
    );
    for i in 0..n {
        body.push_str(&format!(
            "<member><Id>arn:aws:example:us-east-1:123456789012:thing/{i:08x}</Id><Name>thing &amp; number {i}</Name>\
             <Size>{}</Size><Enabled>{}</Enabled><Created>2024-01-0{}T12:00:00Z</Created>\
             <Tags><member><Key>team</Key><Value>core-{}</Value></member></Tags></member>",
            i * 1024,
            i % 2 == 0,
            i % 9 + 1,
            i % 5
        ));
    }
    body.push_str("</Things><NextToken>abc</NextToken></ListThingsResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ListThingsResponse>");
    body.into_bytes()
}

/// Malformed and hostile inputs, each of which a reader must refuse (or, for
/// entity definitions, never expand) without crashing: (what, the bytes).
pub fn hostile() -> Vec<(&'static str, Vec<u8>)> {
    let laughs = {
        let mut dtd = String::from(
            r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lollollollollollollollollollol">"#,
        );
        for i in 1..10 {
            let refs = format!("&lol{};", i - 1).repeat(10);
            dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
        }
        dtd.push_str("]><lolz>&lol9;</lolz>");
        dtd.into_bytes()
    };
    vec![
        ("a billion laughs (entities expanding to 3 GB)", laughs),
        (
            "an external entity (file:///etc/passwd)",
            br#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#.to_vec(),
        ),
        ("an undefined entity", b"<a>&nope;</a>".to_vec()),
        ("100 000 nested elements", "<a>".repeat(100_000).into_bytes()),
        ("mismatched tags", b"<a><b></a></b>".to_vec()),
        ("an unclosed root", b"<a><b/>".to_vec()),
        ("two roots", b"<a/><b/>".to_vec()),
        ("text outside the root", b"<a/>text".to_vec()),
        ("invalid UTF-8", b"<a>\xff\xfe</a>".to_vec()),
        ("an empty document", Vec::new()),
        ("a bad character reference", b"<a>&#0;</a>".to_vec()),
        ("an attribute without quotes", b"<a b=c/>".to_vec()),
    ]
}
