//! XML response bodies (`aws.protocols#awsQuery`), on `quick-xml`. A body is
//! read whole into an [`Element`] tree, refusing what a service never sends
//! and an attacker might: document type declarations (so no entity can
//! expand), entities other than XML's five and character references,
//! nesting deeper than 128, and anything that is not well-formed. Generated
//! code then reads each shape from its element with the functions here.

use std::collections::HashMap;
use std::hash::Hash;
use std::str::FromStr;

use base64::Engine as _;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

use crate::primitives::{Blob, DateTime, TimestampFormat};

/// How deep elements may nest before a body is refused.
const MAX_DEPTH: usize = 128;

/// A shape that writes itself as an XML element (restXml bodies).
pub trait ToXml {
    /// Writes the shape as the element `name`, declaring `attributes`
    /// (namespaces a member adds) besides its own.
    fn to_xml(&self, writer: &mut XmlWriter, name: &str, attributes: &[(&str, &str)]);
}

/// A recursive member is boxed; it writes as what it holds.
impl<T: ToXml + ?Sized> ToXml for Box<T> {
    fn to_xml(&self, writer: &mut XmlWriter, name: &str, attributes: &[(&str, &str)]) {
        (**self).to_xml(writer, name, attributes);
    }
}

/// An XML document being written: elements, attributes and text, escaped.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
}

impl XmlWriter {
    /// An empty document.
    pub fn new() -> XmlWriter {
        XmlWriter::default()
    }

    /// `<name a="v"...>`.
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
        self.out.push('>');
    }

    /// The start of a shape's element: `<name` with the `attributes` its
    /// container gives, the shape's `namespace` unless they declare it, and
    /// the shape's own attribute members that are set.
    pub fn start_shape(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        namespace: Option<(&str, &str)>,
        own: &[(&str, Option<String>)],
    ) {
        let namespace = namespace.filter(|(key, _)| !attributes.iter().any(|(k, _)| k == key));
        let own = own
            .iter()
            .filter_map(|(key, value)| Some((*key, value.as_deref()?)));
        let all: Vec<(&str, &str)> = attributes
            .iter()
            .copied()
            .chain(namespace)
            .chain(own)
            .collect();
        self.start(name, &all);
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text, false);
    }

    /// `<name a="v"...>text</name>`.
    pub fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start(name, attributes);
        self.text(text);
        self.end(name);
    }

    /// The document's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// Escapes `&`, `<`, `>` (and, in attributes, quotes); carriage returns and
/// tabs as references, so that a reader's normalization keeps them.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '\t' if attribute => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
}

/// A blob as XML text: base64.
pub fn blob_text(blob: &Blob) -> String {
    base64::engine::general_purpose::STANDARD.encode(blob.as_ref())
}

/// A float as XML text, with `NaN`, `Infinity` and `-Infinity`.
pub fn float_text(value: impl Into<f64>) -> String {
    super::query::float_text(value.into())
}

/// A shape that reads itself from an XML element.
pub trait FromXml: Sized {
    /// Reads the shape from `element` (whose own name is not checked).
    fn from_xml(element: &Element) -> Result<Self, String>;
}

/// An XML element: its name, attributes, child elements and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    /// A nameless element whose one child is `child`: how an output reads a
    /// body that is its one member (S3's `s3UnwrappedXmlOutput`).
    pub fn wrapping(child: Element) -> Element {
        Element {
            children: vec![child],
            ..Element::default()
        }
    }

    /// The element's name as written, prefix included.
    pub fn qualified_name(&self) -> &str {
        &self.name
    }

    /// The attributes, namespace declarations included, as written.
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attributes
    }

    /// The element's name without its namespace prefix.
    pub fn name(&self) -> &str {
        self.name
            .rsplit_once(':')
            .map_or(&self.name, |(_, local)| local)
    }

    /// The child elements, in document order.
    pub fn children(&self) -> &[Element] {
        &self.children
    }

    /// The first child element named `name` (without prefix).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name() == name)
    }

    /// The value of the attribute named `name`, prefix included
    /// (`xsi:type`), with entities resolved.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element's own text (not its children's), entities resolved.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Reads a whole XML document; its root element.
pub fn parse_document(body: &[u8]) -> Result<Element, String> {
    let text =
        std::str::from_utf8(body).map_err(|e| format!("invalid XML body: not UTF-8 ({e})"))?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<Element> = Vec::new();
    let mut root = None;
    let fail = |reader: &quick_xml::Reader<&[u8]>, what: String| {
        format!(
            "invalid XML body at byte {}: {what}",
            reader.error_position()
        )
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| fail(&reader, e.to_string()))?;
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return Err(fail(&reader, "content after the root element".to_owned()));
            }
            Event::Start(start) => {
                if open.len() >= MAX_DEPTH {
                    return Err(fail(
                        &reader,
                        format!("elements nest deeper than {MAX_DEPTH}"),
                    ));
                }
                open.push(element(&start).map_err(|e| fail(&reader, e))?);
            }
            Event::Empty(start) => {
                let element = element(&start).map_err(|e| fail(&reader, e))?;
                close(&mut open, &mut root, element);
            }
            Event::End(_) => {
                let element = open
                    .pop()
                    .ok_or_else(|| fail(&reader, "unexpected end tag".to_owned()))?;
                close(&mut open, &mut root, element);
            }
            Event::Text(text) => {
                let content = text
                    .xml10_content()
                    .map_err(|e| fail(&reader, e.to_string()))?;
                match open.last_mut() {
                    Some(parent) => parent.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err(fail(&reader, "text outside the root element".to_owned())),
                }
            }
            Event::CData(data) => {
                let content = data.decode().map_err(|e| fail(&reader, e.to_string()))?;
                match open.last_mut() {
                    Some(parent) => parent.text.push_str(&content),
                    None => return Err(fail(&reader, "CDATA outside the root element".to_owned())),
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference
                    .resolve_char_ref()
                    .map_err(|e| fail(&reader, e.to_string()))?
                {
                    Some(c) => c.to_string(),
                    None => {
                        let name = reference
                            .decode()
                            .map_err(|e| fail(&reader, e.to_string()))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| fail(&reader, format!("unknown entity &{name};")))?
                            .to_owned()
                    }
                };
                match open.last_mut() {
                    Some(parent) => parent.text.push_str(&resolved),
                    None => {
                        return Err(fail(
                            &reader,
                            "a reference outside the root element".to_owned(),
                        ))
                    }
                }
            }
            Event::DocType(_) => {
                return Err(fail(
                    &reader,
                    "document type declarations are not accepted".to_owned(),
                ))
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !open.is_empty() {
        return Err(format!(
            "invalid XML body: it ends inside <{}>",
            open.last().map_or("", |e| e.name.as_str())
        ));
    }
    root.ok_or_else(|| "invalid XML body: no root element".to_owned())
}

/// The root of a body, or an empty element when the body is empty (an
/// output whose members all travel elsewhere, or are unset).
pub fn root_or_empty(body: &[u8]) -> Result<Element, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(Element::default())
    } else {
        parse_document(body)
    }
}

fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = std::str::from_utf8(start.name().as_ref())
        .map_err(|e| e.to_string())?
        .to_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| e.to_string())?;
        let key = std::str::from_utf8(attribute.key.as_ref())
            .map_err(|e| e.to_string())?
            .to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

fn close(open: &mut [Element], root: &mut Option<Element>, element: Element) {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// The attribute `name` of `element` as an element of its own, so that the
/// readers below read attributes as they read elements.
pub fn attribute_element(element: &Element, name: &str) -> Option<Element> {
    element.attribute(name).map(|value| Element {
        name: name.to_owned(),
        text: value.to_owned(),
        ..Element::default()
    })
}

/// A string member: the element's text as it is.
pub fn string(element: &Element) -> Result<String, String> {
    Ok(element.text.clone())
}

/// `true` or `false`.
pub fn boolean(element: &Element) -> Result<bool, String> {
    match element.text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(format!("<{}>: {other:?} is not a boolean", element.name)),
    }
}

/// An integer of type `T`.
pub fn integer<T: FromStr>(element: &Element) -> Result<T, String> {
    let text = element.text.trim();
    text.parse()
        .map_err(|_| format!("<{}>: {text:?} is not an integer in range", element.name))
}

/// A float, with `NaN`, `Infinity` and `-Infinity` as Smithy spells them.
pub fn float<T: FromStr + From<f32>>(element: &Element) -> Result<T, String> {
    let text = element.text.trim();
    match text {
        "NaN" => Ok(T::from(f32::NAN)),
        "Infinity" => Ok(T::from(f32::INFINITY)),
        "-Infinity" => Ok(T::from(f32::NEG_INFINITY)),
        _ => text
            .parse()
            .map_err(|_| format!("<{}>: {text:?} is not a number", element.name)),
    }
}

/// A base64-encoded blob.
pub fn blob(element: &Element) -> Result<Blob, String> {
    base64::engine::general_purpose::STANDARD
        .decode(element.text.trim())
        .map(Blob::new)
        .map_err(|e| format!("<{}>: not base64 ({e})", element.name))
}

/// A timestamp in `format`.
pub fn timestamp(element: &Element, format: TimestampFormat) -> Result<DateTime, String> {
    let text = element.text.trim();
    DateTime::parse(text, format)
        .ok_or_else(|| format!("<{}>: {text:?} is not a {format:?} timestamp", element.name))
}

/// A wrapped list: the children named `member` of `element`, each read by `item`.
pub fn list<T>(
    element: &Element,
    member: &str,
    item: impl Fn(&Element) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    element
        .children
        .iter()
        .filter(|c| c.name() == member)
        .map(item)
        .collect()
}

/// One entry of a map: its `key` and `value` children.
pub fn map_entry<K, V>(
    entry: &Element,
    (key, value): (&str, &str),
    read_key: impl Fn(&Element) -> Result<K, String>,
    read_value: impl Fn(&Element) -> Result<V, String>,
) -> Result<(K, V), String> {
    let k = entry
        .child(key)
        .ok_or_else(|| format!("<{}>: a map entry without <{key}>", entry.name))?;
    let v = entry
        .child(value)
        .ok_or_else(|| format!("<{}>: a map entry without <{value}>", entry.name))?;
    Ok((read_key(k)?, read_value(v)?))
}

/// A wrapped map: the `entry` children of `element`.
pub fn map<K: Eq + Hash, V>(
    element: &Element,
    names: (&str, &str),
    read_key: impl Fn(&Element) -> Result<K, String>,
    read_value: impl Fn(&Element) -> Result<V, String>,
) -> Result<HashMap<K, V>, String> {
    element
        .children
        .iter()
        .filter(|c| c.name() == "entry")
        .map(|entry| map_entry(entry, names, &read_key, &read_value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_and_attributes_are_read() {
        let root = parse_document(
            br#"<?xml version="1.0"?><A xmlns="https://x" b="1 &amp; 2"><ns:C>x &lt; y &#x41;<![CDATA[<z>]]></ns:C><D/></A>"#,
        )
        .expect("well-formed");
        assert_eq!(root.name(), "A");
        assert_eq!(root.attribute("b"), Some("1 & 2"));
        assert_eq!(root.child("C").map(Element::text), Some("x < y A<z>"));
        assert_eq!(root.child("D").map(Element::text), Some(""));
    }

    #[test]
    fn a_shape_declares_its_namespace_unless_its_container_did() {
        let mut w = XmlWriter::new();
        w.start_shape(
            "a",
            &[("xmlns", "http://outer")],
            Some(("xmlns", "http://own")),
            &[("t", Some("1".to_owned())), ("u", None)],
        );
        w.end("a");
        assert_eq!(
            String::from_utf8(w.finish()).expect("UTF-8"),
            r#"<a xmlns="http://outer" t="1"></a>"#
        );
        let mut w = XmlWriter::new();
        w.start_shape("a", &[], Some(("xmlns", "http://own")), &[]);
        w.end("a");
        assert_eq!(
            String::from_utf8(w.finish()).expect("UTF-8"),
            r#"<a xmlns="http://own"></a>"#
        );
    }

    #[test]
    fn what_the_writer_writes_reads_back() {
        let mut w = XmlWriter::new();
        w.start("a", &[("xmlns", "http://x"), ("t", "\"q\" & <r>\r")]);
        w.element("b", &[], "1 < 2 & 3 > 2\r\n");
        w.end("a");
        let root = parse_document(&w.finish()).expect("well-formed");
        assert_eq!(root.attribute("t"), Some("\"q\" & <r>\r"));
        assert_eq!(
            root.child("b").map(Element::text),
            Some("1 < 2 & 3 > 2\r\n")
        );
    }

    #[test]
    fn malformed_and_hostile_bodies_are_refused() {
        let refused = |body: &[u8]| parse_document(body).expect_err("refused");
        let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>"#;
        assert!(
            refused(laughs).contains("document type"),
            "{}",
            refused(laughs)
        );
        assert!(refused(b"<a>&foo;</a>").contains("unknown entity"));
        assert!(refused(b"<a><b></a>").contains("invalid XML"));
        assert!(refused(b"<a>").contains("ends inside"));
        assert!(refused(b"").contains("no root"));
        assert!(refused(b"<a/><b/>").contains("after the root"));
        assert!(refused(b"<a>\xff</a>").contains("UTF-8"));
        let deep = "<a>".repeat(10_000);
        assert!(refused(deep.as_bytes()).contains("deeper than 128"));
    }

    #[test]
    fn scalars_lists_and_maps_are_read() {
        let root = parse_document(
            b"<r><n> 42 </n><f>-Infinity</f><t>true</t><l><member>a</member><member>b</member></l>\
              <m><entry><key>k</key><value>v</value></entry></m><b>aGk=</b></r>",
        )
        .expect("well-formed");
        let child = |name| root.child(name).expect("present");
        assert_eq!(integer::<i32>(child("n")), Ok(42));
        assert_eq!(float::<f64>(child("f")), Ok(f64::NEG_INFINITY));
        assert_eq!(boolean(child("t")), Ok(true));
        assert_eq!(
            list(child("l"), "member", string),
            Ok(vec!["a".to_owned(), "b".to_owned()])
        );
        let map = map(child("m"), ("key", "value"), string, string).expect("a map");
        assert_eq!(map.get("k").map(String::as_str), Some("v"));
        assert_eq!(blob(child("b")).map(|b| b.into_inner()), Ok(b"hi".to_vec()));
        assert!(integer::<i8>(child("n")).is_ok());
        assert!(integer::<i32>(child("t")).is_err());
    }
}
