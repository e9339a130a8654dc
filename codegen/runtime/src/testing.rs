//! What the generated tests share: a serialized request checked against the
//! one the model describes, and responses made from test data.

use std::future::Future;

use base64::Engine as _;
use std::sync::{Arc, Mutex};

use crate::config::retry::RetryConfig;
use crate::config::{Builder, Config, Region};
use crate::credentials::Credentials;
use crate::orchestrator::{Handle, RequestParts};
use crate::transport::{
    BoxFuture, ConnectorError, ConnectorErrorKind, HttpClient, HttpRequest, HttpResponse,
};

/// The idempotency token of the Smithy protocol tests, which the
/// configuration of [`config`] fills in.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// The configuration generated tests use: region `us-east-1`, the example
/// credentials of the SigV4 test suite, no retries, the fixed idempotency
/// token, and requests to `https://{host}`.
pub fn config(host: &str) -> Config {
    config_with(host, Capture::default())
}

fn config_with(host: &str, http: impl HttpClient + 'static) -> Config {
    Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(format!("https://{host}"))
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "test",
        ))
        .retry_config(RetryConfig::disabled())
        .idempotency_token_provider(IDEMPOTENCY_TOKEN)
        .http_client(http)
        .build()
}

/// The request a test expects.
pub struct ExpectedRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path, percent-encoded.
    pub path: &'a str,
    /// Every query parameter, not encoded, in any order.
    pub query: &'a [(&'a str, &'a str)],
    /// Every header the operation sets (bound members and customizations), in any order.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub body: ExpectedBody<'a>,
}

/// The body a test expects.
pub enum ExpectedBody<'a> {
    /// No body.
    Empty,
    /// A JSON document, compared as JSON (key order and spacing aside).
    Json(&'a str),
    /// Exactly these bytes.
    Bytes(&'a [u8]),
    /// A form-encoded body of these pairs (not encoded), in any order.
    Form(&'a [(&'a str, &'a str)]),
    /// An XML document, compared as a tree (see `assert_http_request`).
    Xml(&'a str),
}

/// Panics, naming the part that differs, unless `actual` is the expected request.
pub fn assert_request(actual: &RequestParts, expected: &ExpectedRequest<'_>) {
    assert_eq!(actual.method, expected.method, "the method");
    assert_eq!(actual.path, expected.path, "the path");
    let literal = actual.literal_query.split('&').filter(|p| !p.is_empty());
    let literal = literal.map(|p| p.split_once('=').unwrap_or((p, "")));
    let mut query: Vec<(&str, &str)> = actual
        .query
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_str()))
        .chain(literal)
        .collect();
    let mut wanted = expected.query.to_vec();
    query.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(query, wanted, "the query parameters");
    let lower = |(k, v): (&str, &str)| (k.to_ascii_lowercase(), v.to_owned());
    let mut headers: Vec<_> = actual
        .headers
        .iter()
        .map(|(k, v)| lower((k.as_ref(), v)))
        .collect();
    let mut wanted: Vec<_> = expected
        .headers
        .iter()
        .map(|(k, v)| lower((k, v)))
        .collect();
    // An expected `Content-MD5` or `x-amz-checksum-*` without a value is the
    // checksum of the body actually sent, whose bytes need not be the
    // example's exactly.
    // (An input that sets such a header to nothing sends it so.)
    for (name, value) in wanted.iter_mut().filter(|(_, v)| v.is_empty()) {
        let sent_empty = headers.iter().any(|(n, v)| n == name && v.is_empty());
        if sent_empty {
            continue;
        }
        if let Some(checksum) = body_checksum(name, actual.body.as_deref().unwrap_or_default()) {
            *value = checksum;
        }
    }
    headers.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(headers, wanted, "the headers the operation sets");
    match (&expected.body, &actual.body) {
        (ExpectedBody::Empty, body) => assert_eq!(body.as_deref(), None, "the body"),
        (ExpectedBody::Bytes(bytes), body) => assert_eq!(body.as_deref(), Some(*bytes), "the body"),
        (ExpectedBody::Json(text), Some(body)) => {
            let wanted: serde_json::Value =
                serde_json::from_str(text).expect("the expected body is JSON");
            let actual: serde_json::Value = serde_json::from_slice(body).expect("the body is JSON");
            assert_eq!(actual, wanted, "the JSON body");
        }
        (ExpectedBody::Json(text), None) => panic!("the request has no body; expected {text}"),
        #[cfg(feature = "xml")]
        (ExpectedBody::Xml(text), body) => {
            assert_xml_eq(body.as_deref().unwrap_or_default(), text.as_bytes());
        }
        #[cfg(not(feature = "xml"))]
        (ExpectedBody::Xml(text), _) => panic!("XML bodies need the `xml` feature: {text}"),
        (ExpectedBody::Form(pairs), body) => {
            let mut wanted: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            let mut actual = form_pairs(body.as_deref().unwrap_or_default());
            wanted.sort();
            actual.sort();
            assert_eq!(actual, wanted, "the form body");
        }
    }
}

/// Panics unless `actual` and `wanted` are the same XML document, as
/// [`XmlTree`] compares them.
#[cfg(feature = "xml")]
fn assert_xml_eq(actual: &[u8], wanted: &[u8]) {
    let tree = |bytes: &[u8], what: &str| {
        let root = crate::protocol::xml::parse_document(bytes).unwrap_or_else(|e| {
            panic!(
                "{what} is not XML ({e}): {:?}",
                String::from_utf8_lossy(bytes)
            )
        });
        xml_tree(&root, &[])
    };
    let (wanted, got) = (tree(wanted, "the expected body"), tree(actual, "the body"));
    assert_eq!(
        got, wanted,
        "the XML body (namespaces resolved, sibling order aside)"
    );
}

/// An XML element as protocol tests compare it: its namespace and local
/// name, its attributes (namespace declarations aside, sorted), its text
/// trimmed, and its children sorted (the client's maps have no order).
#[cfg(feature = "xml")]
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct XmlTree {
    namespace: String,
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<XmlTree>,
}

#[cfg(feature = "xml")]
fn xml_tree(element: &crate::protocol::xml::Element, scope: &[(String, String)]) -> XmlTree {
    let mut scope = scope.to_vec();
    let mut attributes = Vec::new();
    for (key, value) in element.attributes() {
        if key == "xmlns" {
            scope.push((String::new(), value.clone()));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            scope.push((prefix.to_owned(), value.clone()));
        } else {
            attributes.push((key.clone(), value.clone()));
        }
    }
    attributes.sort();
    let (prefix, name) = element
        .qualified_name()
        .split_once(':')
        .unwrap_or(("", element.qualified_name()));
    let namespace = scope
        .iter()
        .rev()
        .find(|(p, _)| p == prefix)
        .map(|(_, uri)| uri.clone())
        .unwrap_or_default();
    let mut children: Vec<XmlTree> = element
        .children()
        .iter()
        .map(|c| xml_tree(c, &scope))
        .collect();
    children.sort();
    XmlTree {
        namespace,
        name: name.to_owned(),
        attributes,
        text: element.text().trim().to_owned(),
        children,
    }
}

/// The checksum of `body` that header `name` (lower case) carries, if it
/// is a checksum header.
#[cfg(feature = "checksum")]
fn body_checksum(name: &str, body: &[u8]) -> Option<String> {
    use crate::checksum::{content_md5, Algorithm};
    if name == "content-md5" {
        return Some(content_md5(body));
    }
    let algorithm = Algorithm::from_name(name.strip_prefix("x-amz-checksum-")?)?;
    Some(algorithm.checksum(body))
}

/// Without the `checksum` feature no operation sends a checksum.
#[cfg(not(feature = "checksum"))]
fn body_checksum(_name: &str, _body: &[u8]) -> Option<String> {
    None
}

/// The decoded `key=value` pairs of a form-encoded body.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// A response with this status and headers whose body is given in base64,
/// as the protocol tests give binary bodies.
pub fn base64_response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    let body = base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("the test body is base64");
    response(status, headers, &body)
}

/// CBOR data items equal as values: maps in any key order, floats of any
/// width equal by value (NaN equal to NaN), and a timestamp (tag 1) the
/// same instant whether written as an integer or a float, as the protocol
/// allows both.
#[cfg(feature = "cbor")]
fn cbor_eq(a: &ciborium::Value, b: &ciborium::Value) -> bool {
    use ciborium::Value as V;
    match (a, b) {
        (V::Float(x), V::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| cbor_eq(x, y))
        }
        (V::Map(x), V::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| cbor_eq(k, k2) && cbor_eq(v, v2)))
        }
        (V::Tag(1, x), V::Tag(1, y)) => match (x.as_ref(), y.as_ref()) {
            (V::Integer(i), V::Float(f)) | (V::Float(f), V::Integer(i)) => {
                i128::from(*i) as f64 == *f
            }
            (x, y) => cbor_eq(x, y),
        },
        (V::Tag(t, x), V::Tag(u, y)) => t == u && cbor_eq(x, y),
        _ => a == b,
    }
}

/// A response with this status, these headers and this body.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    let mut response = http::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.to_vec()).expect("a valid response")
}

/// A transport that keeps the request it is given and fails the call.
#[derive(Debug, Default, Clone)]
struct Capture(Arc<Mutex<Option<HttpRequest>>>);

impl HttpClient for Capture {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>> {
        *self.0.lock().expect("not poisoned") = Some(request);
        Box::pin(async {
            Err(ConnectorError::new(
                ConnectorErrorKind::Other,
                "the request was captured",
            ))
        })
    }
}

/// Runs `call` with a client of endpoint `https://{host}` whose transport
/// captures the request instead of sending it, and returns that request.
pub async fn capture_request<F, T>(host: &str, call: impl FnOnce(Arc<Handle>) -> F) -> HttpRequest
where
    F: Future<Output = T>,
{
    capture_request_with(host, |config| config, call).await
}

/// [`capture_request`] with the configuration changed by `configure` (the
/// settings of a test's `vendorParams`).
pub async fn capture_request_with<F, T>(
    host: &str,
    configure: impl FnOnce(Builder) -> Builder,
    call: impl FnOnce(Arc<Handle>) -> F,
) -> HttpRequest
where
    F: Future<Output = T>,
{
    let capture = Capture::default();
    let config = configure(config_with(host, capture.clone()).to_builder()).build();
    let handle = Arc::new(Handle::new(config));
    let _ = call(handle).await;
    let request = capture.0.lock().expect("not poisoned").take();
    request.expect("the client sent no request")
}

/// What a protocol test says the request must be (`smithy.test#httpRequestTests`).
pub struct RequestTest {
    /// The HTTP method.
    pub method: &'static str,
    /// The path, percent-encoded.
    pub uri: &'static str,
    /// The host the request must go to, if the test says.
    pub resolved_host: Option<&'static str>,
    /// `key=value` pairs, as encoded, that must be in the query string.
    pub query_params: &'static [&'static str],
    /// Query parameters that must be absent, by name.
    pub forbid_query_params: &'static [&'static str],
    /// Query parameters that must be present, by name.
    pub require_query_params: &'static [&'static str],
    /// Headers that must have these values.
    pub headers: &'static [(&'static str, &'static str)],
    /// Headers that must be absent.
    pub forbid_headers: &'static [&'static str],
    /// Headers that must be present.
    pub require_headers: &'static [&'static str],
    /// The body, if the test gives one.
    pub body: Option<&'static str>,
    /// The media type the body is compared as.
    pub body_media_type: Option<&'static str>,
}

/// Panics, naming what differs, unless `request` is what the test says.
pub fn assert_http_request(request: &HttpRequest, test: &RequestTest) {
    assert_eq!(request.method().as_str(), test.method, "the method");
    assert_eq!(request.uri().path(), test.uri, "the path");
    if let Some(host) = test.resolved_host {
        assert_eq!(request.uri().host(), Some(host), "the host");
    }
    let query: Vec<&str> = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .collect();
    let key = |pair: &str| pair.split_once('=').map_or(pair, |(k, _)| k).to_owned();
    for wanted in test.query_params {
        assert!(
            query.contains(wanted),
            "query parameter {wanted} is missing from {query:?}"
        );
    }
    for forbidden in test.forbid_query_params {
        assert!(
            !query.iter().any(|p| key(p) == *forbidden),
            "query parameter {forbidden} is forbidden: {query:?}"
        );
    }
    for required in test.require_query_params {
        assert!(
            query.iter().any(|p| key(p) == *required),
            "query parameter {required} is missing: {query:?}"
        );
    }
    let header = |name: &str| -> Option<String> {
        let values: Vec<&str> = request
            .headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    for (name, value) in test.headers {
        assert_eq!(header(name).as_deref(), Some(*value), "header {name}");
    }
    for name in test.forbid_headers {
        assert_eq!(header(name), None, "header {name} is forbidden");
    }
    for name in test.require_headers {
        assert!(header(name).is_some(), "header {name} is missing");
    }
    if let Some(body) = test.body {
        let actual = request.body();
        match test.body_media_type {
            Some(media) if media.contains("json") && !body.is_empty() => {
                let wanted: serde_json::Value =
                    serde_json::from_str(body).expect("the expected body is JSON");
                let actual: serde_json::Value =
                    serde_json::from_slice(actual).unwrap_or_else(|e| {
                        panic!(
                            "the body is not JSON ({e}): {:?}",
                            String::from_utf8_lossy(actual)
                        )
                    });
                assert_eq!(actual, wanted, "the JSON body");
            }
            #[cfg(feature = "cbor")]
            Some(media) if media.contains("cbor") => {
                let decode = |bytes: &[u8], what: &str| -> ciborium::Value {
                    if bytes.is_empty() {
                        return ciborium::Value::Map(Vec::new());
                    }
                    ciborium::from_reader(bytes)
                        .unwrap_or_else(|e| panic!("{what} is not CBOR ({e}): {bytes:02x?}"))
                };
                let wanted = base64::engine::general_purpose::STANDARD
                    .decode(body)
                    .expect("the expected body is base64");
                let (wanted, actual) = (
                    decode(&wanted, "the expected body"),
                    decode(actual, "the body"),
                );
                assert!(
                    cbor_eq(&actual, &wanted),
                    "the CBOR body: {actual:?} is not {wanted:?}"
                );
            }
            #[cfg(feature = "xml")]
            Some(media) if media.contains("xml") && !body.is_empty() => {
                assert_xml_eq(actual, body.as_bytes());
            }
            Some("application/x-www-form-urlencoded") => {
                let mut wanted = form_pairs(body.as_bytes());
                let mut got = form_pairs(actual);
                wanted.sort();
                got.sort();
                assert_eq!(got, wanted, "the form body");
            }
            _ => assert_eq!(String::from_utf8_lossy(actual), body, "the body"),
        }
    }
}

#[cfg(all(test, feature = "cbor"))]
mod tests {
    use ciborium::Value as V;

    use super::cbor_eq;

    #[test]
    fn cbor_values_compare_as_the_protocol_reads_them() {
        let map = |pairs: &[(&str, V)]| {
            V::Map(
                pairs
                    .iter()
                    .map(|(k, v)| (V::Text((*k).to_owned()), v.clone()))
                    .collect(),
            )
        };
        let a = map(&[("a", V::Integer(1.into())), ("b", V::Float(f64::NAN))]);
        let b = map(&[("b", V::Float(f64::NAN)), ("a", V::Integer(1.into()))]);
        assert!(cbor_eq(&a, &b), "key order and NaN");
        let int = V::Tag(1, Box::new(V::Integer(0.into())));
        let float = V::Tag(1, Box::new(V::Float(0.0)));
        assert!(cbor_eq(&int, &float), "a timestamp as integer or float");
        assert!(!cbor_eq(&V::Integer(0.into()), &V::Float(0.0)), "untagged");
        let later = V::Tag(1, Box::new(V::Float(0.5)));
        assert!(!cbor_eq(&int, &later));
    }
}
