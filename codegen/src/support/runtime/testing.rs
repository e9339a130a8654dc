//! What the generated tests share: a serialized request checked against the
//! one the model describes, and responses made from test data.

use super::orchestrator::RequestParts;
use super::transport::HttpResponse;

/// The request a test expects.
pub(crate) struct ExpectedRequest<'a> {
    pub(crate) method: &'a str,
    /// The path, percent-encoded.
    pub(crate) path: &'a str,
    /// Every query parameter, not encoded, in any order.
    pub(crate) query: &'a [(&'a str, &'a str)],
    /// Every header bound to an input member, in any order.
    pub(crate) headers: &'a [(&'a str, &'a str)],
    pub(crate) body: ExpectedBody<'a>,
}

/// The body a test expects.
pub(crate) enum ExpectedBody<'a> {
    /// No body.
    Empty,
    /// A JSON document, compared as JSON (key order and spacing aside).
    Json(&'a str),
    /// Exactly these bytes.
    Bytes(&'a [u8]),
}

/// Panics, naming the part that differs, unless `actual` is the expected request.
pub(crate) fn assert_request(actual: &RequestParts, expected: &ExpectedRequest<'_>) {
    assert_eq!(actual.method, expected.method, "the method");
    assert_eq!(actual.path, expected.path, "the path");
    let mut query: Vec<(&str, &str)> = actual.query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut wanted = expected.query.to_vec();
    query.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(query, wanted, "the query parameters");
    let lower = |(k, v): (&str, &str)| (k.to_ascii_lowercase(), v.to_owned());
    let mut headers: Vec<_> = actual.headers.iter().map(|(k, v)| lower((k, v))).collect();
    let mut wanted: Vec<_> = expected.headers.iter().map(|(k, v)| lower((k, v))).collect();
    headers.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(headers, wanted, "the headers bound to input members");
    match (&expected.body, &actual.body) {
        (ExpectedBody::Empty, body) => assert_eq!(body.as_deref(), None, "the body"),
        (ExpectedBody::Bytes(bytes), body) => assert_eq!(body.as_deref(), Some(*bytes), "the body"),
        (ExpectedBody::Json(text), Some(body)) => {
            let wanted: serde_json::Value = serde_json::from_str(text).expect("the expected body is JSON");
            let actual: serde_json::Value = serde_json::from_slice(body).expect("the body is JSON");
            assert_eq!(actual, wanted, "the JSON body");
        }
        (ExpectedBody::Json(text), None) => panic!("the request has no body; expected {text}"),
    }
}

/// A response with this status, these headers and this body.
pub(crate) fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    let mut response = http::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.to_vec()).expect("a valid response")
}
