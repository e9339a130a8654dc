//! Request bodies of `aws.protocols#awsQuery`: the input as
//! `application/x-www-form-urlencoded` pairs after `Action` and `Version`.
//! Generated code walks the input and calls [`QueryWriter`] for each value;
//! keys are dotted paths (`ListArg.member.1`, `MapArg.entry.1.key`).

use base64::Engine as _;

use super::xml::{self, Element};
use crate::error::ErrorMeta;
use crate::primitives::{Blob, DateTime, TimestampFormat};
use crate::transport::HttpResponse;

/// An input shape that goes into a query body under a key prefix.
pub trait ToQuery {
    /// Writes the shape's members under `prefix` (empty at the top level).
    fn to_query(&self, writer: &mut QueryWriter, prefix: &str);
}

/// A recursive member is boxed; it writes as what it holds.
impl<T: ToQuery + ?Sized> ToQuery for Box<T> {
    fn to_query(&self, writer: &mut QueryWriter, prefix: &str) {
        (**self).to_query(writer, prefix);
    }
}

/// The pairs of a query body, in the order they were written.
#[derive(Debug, Clone, Default)]
pub struct QueryWriter {
    pairs: Vec<(String, String)>,
    ec2: bool,
}

/// `prefix.name`, or `name` at the top level.
pub fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

impl QueryWriter {
    /// A body that starts with `Action` and `Version`.
    pub fn new(action: &str, version: &str) -> QueryWriter {
        let mut writer = QueryWriter::default();
        writer.string("Action", action);
        writer.string("Version", version);
        writer
    }

    /// An ec2Query body: as [`QueryWriter::new`], but lists are written as
    /// EC2 writes them (see [`QueryWriter::list`]).
    pub fn new_ec2(action: &str, version: &str) -> QueryWriter {
        let mut writer = QueryWriter::new(action, version);
        writer.ec2 = true;
        writer
    }

    /// `key=value` for a string; an empty string is `key=`.
    pub fn string(&mut self, key: &str, value: &str) {
        self.pairs.push((key.to_owned(), value.to_owned()));
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, key: &str, value: bool) {
        self.string(key, if value { "true" } else { "false" });
    }

    /// An integer.
    pub fn integer(&mut self, key: &str, value: impl Into<i64>) {
        self.string(key, &value.into().to_string());
    }

    /// A float, with `NaN`, `Infinity` and `-Infinity` as Smithy spells them.
    pub fn float(&mut self, key: &str, value: impl Into<f64>) {
        self.string(key, &float_text(value.into()));
    }

    /// A blob, base64-encoded.
    pub fn blob(&mut self, key: &str, value: &Blob) {
        self.string(
            key,
            &base64::engine::general_purpose::STANDARD.encode(value.as_ref()),
        );
    }

    /// A timestamp in `format` (awsQuery's default is `date-time`).
    pub fn timestamp(&mut self, key: &str, value: &DateTime, format: TimestampFormat) {
        self.string(key, &value.format(format));
    }

    /// A list: each item under `key.member.N` (`member` being the list's
    /// member name), or `key.N` when the member is `@xmlFlattened`. An empty
    /// list is `key=`, so that the service sees it was set. In ec2Query every
    /// list is `key.N`, and an empty one is left out.
    pub fn list<T>(
        &mut self,
        key: &str,
        member: &str,
        flattened: bool,
        items: &[T],
        mut write: impl FnMut(&mut QueryWriter, &str, &T),
    ) {
        if items.is_empty() {
            if !self.ec2 {
                self.string(key, "");
            }
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let item_key = if flattened || self.ec2 {
                format!("{key}.{}", i + 1)
            } else {
                format!("{key}.{member}.{}", i + 1)
            };
            write(self, &item_key, item);
        }
    }

    /// A map: entries sorted by key, each as `key.entry.N.<key name>` and
    /// `key.entry.N.<value name>`, or without `.entry` when flattened.
    #[allow(clippy::too_many_arguments)]
    pub fn map<'a, K: 'a, V: 'a>(
        &mut self,
        key: &str,
        (key_name, value_name): (&str, &str),
        flattened: bool,
        entries: impl IntoIterator<Item = (&'a K, &'a V)>,
        key_text: impl Fn(&K) -> &str,
        mut write: impl FnMut(&mut QueryWriter, &str, &V),
    ) {
        let mut entries: Vec<(&K, &V)> = entries.into_iter().collect();
        entries.sort_by(|a, b| key_text(a.0).cmp(key_text(b.0)));
        for (i, (k, v)) in entries.into_iter().enumerate() {
            let entry = if flattened {
                format!("{key}.{}", i + 1)
            } else {
                format!("{key}.entry.{}", i + 1)
            };
            self.string(&format!("{entry}.{key_name}"), key_text(k));
            write(self, &format!("{entry}.{value_name}"), v);
        }
    }

    /// The body: `k=v` pairs joined with `&`, keys and values encoded as
    /// RFC 3986 says.
    pub fn finish(self) -> Vec<u8> {
        let mut out = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&super::percent_encode(k));
            out.push('=');
            out.push_str(&super::percent_encode(v));
        }
        out.into_bytes()
    }
}

/// A float as query or XML text.
pub fn float_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// The `<{Operation}Result>` element of a success response, or an empty
/// element when the output has no members to carry.
pub fn result_element(body: &[u8], operation: &str) -> Result<Element, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Element::default());
    }
    let root = xml::parse_document(body)?;
    Ok(root
        .child(&format!("{operation}Result"))
        .cloned()
        .unwrap_or_default())
}

/// The root element of an ec2Query success response, which holds the
/// output's members; an empty element for an empty body.
pub fn ec2_result_element(body: &[u8]) -> Result<Element, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Element::default());
    }
    xml::parse_document(body)
}

/// The `<Error>` of an error response: awsQuery's
/// `<ErrorResponse><Error>`, or ec2Query's `<Response><Errors><Error>`.
fn find_error(root: &Element) -> Option<&Element> {
    if root.name() == "Error" {
        return Some(root);
    }
    root.child("Error").or_else(|| {
        root.child("Errors")
            .and_then(|errors| errors.child("Error"))
    })
}

/// The `<Error>` element of an awsQuery or ec2Query error response.
pub fn error_element(body: &[u8]) -> Result<Element, String> {
    let root = xml::parse_document(body)?;
    find_error(&root)
        .cloned()
        .ok_or_else(|| "the error response has no <Error> element".to_owned())
}

/// Code, message, status and request ID of an awsQuery or ec2Query error
/// response: the `Code` and `Message` of its `<Error>`, and its
/// `<RequestId>` (ec2Query: `<RequestID>`), else the `x-amzn-RequestId`
/// header.
pub fn error_meta(response: &HttpResponse) -> ErrorMeta {
    let root = xml::parse_document(response.body()).ok();
    let error = root.as_ref().and_then(find_error);
    let text = |element: Option<&Element>, name: &str| {
        element
            .and_then(|e| e.child(name))
            .map(|c| c.text().trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    ErrorMeta {
        code: text(error, "Code"),
        message: text(error, "Message"),
        status: response.status().as_u16(),
        request_id: text(root.as_ref(), "RequestId")
            .or_else(|| text(root.as_ref(), "RequestID"))
            .or_else(|| super::request_id(response)),
        shape: None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn error_responses_give_their_code_message_and_request_id() {
        let response = http::Response::builder()
            .status(400)
            .body(
                b"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidGreeting</Code>\
                  <Message>Hi</Message></Error><RequestId>foo-id</RequestId></ErrorResponse>"
                    .to_vec(),
            )
            .expect("a response");
        let meta = error_meta(&response);
        assert_eq!(meta.code.as_deref(), Some("InvalidGreeting"));
        assert_eq!(meta.message.as_deref(), Some("Hi"));
        assert_eq!(meta.request_id.as_deref(), Some("foo-id"));
        assert_eq!(meta.status, 400);
        let garbage = http::Response::builder()
            .status(500)
            .body(b"<html>".to_vec())
            .expect("a response");
        assert_eq!(error_meta(&garbage).code, None);
        let ec2 = http::Response::builder()
            .status(400)
            .body(
                b"<Response><Errors><Error><Code>InvalidGreeting</Code><Message>Hi</Message>\
                  </Error></Errors><RequestID>foo-id</RequestID></Response>"
                    .to_vec(),
            )
            .expect("a response");
        let meta = error_meta(&ec2);
        assert_eq!(meta.code.as_deref(), Some("InvalidGreeting"));
        assert_eq!(meta.request_id.as_deref(), Some("foo-id"));
        assert!(error_element(ec2.body()).is_ok_and(|e| e.child("Message").is_some()));
    }

    #[test]
    fn ec2_lists_are_numbered_under_the_key_and_left_out_when_empty() {
        let mut w = QueryWriter::new_ec2("QueryLists", "2020-01-08");
        w.list("ListArg", "member", false, &["foo", "bar"], |w, k, v| {
            w.string(k, v)
        });
        w.list("Empty", "member", false, &[] as &[&str], |w, k, v| {
            w.string(k, v)
        });
        assert_eq!(
            text(w),
            "Action=QueryLists&Version=2020-01-08&ListArg.1=foo&ListArg.2=bar"
        );
    }

    fn text(writer: QueryWriter) -> String {
        String::from_utf8(writer.finish()).expect("UTF-8")
    }

    #[test]
    fn lists_maps_and_scalars_take_their_dotted_keys() {
        let mut w = QueryWriter::new("QueryLists", "2020-07-02");
        w.list("ListArg", "member", false, &["foo", "bar"], |w, k, v| {
            w.string(k, v)
        });
        w.list("Hi", "item", true, &["A"], |w, k, v| w.string(k, v));
        w.list("Empty", "member", false, &[] as &[&str], |w, k, v| {
            w.string(k, v)
        });
        let map = HashMap::from([("foo".to_owned(), 1), ("bar".to_owned(), 2)]);
        w.map(
            "M",
            ("K", "V"),
            false,
            &map,
            |k| k.as_str(),
            |w, k, v| w.integer(k, *v),
        );
        w.float("F", f64::NEG_INFINITY);
        w.string("S", "a b&c=d/é");
        assert_eq!(
            text(w),
            "Action=QueryLists&Version=2020-07-02&ListArg.member.1=foo&ListArg.member.2=bar\
             &Hi.1=A&Empty=&M.entry.1.K=bar&M.entry.1.V=2&M.entry.2.K=foo&M.entry.2.V=1\
             &F=-Infinity&S=a%20b%26c%3Dd%2F%C3%A9"
        );
    }
}
