//! The HTTP messages a `smithy.api#examples` entry travels as, which the
//! generated example tests compare the client with. The crate's protocol
//! works them out from the model ([`crate::protocol`]).

use serde_json::Value as Json;

/// The idempotency token the generated crate's tests use in place of a random one.
pub const TEST_IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// A request as the service must receive it.
#[derive(Debug, Clone, PartialEq)]
pub struct WireRequest {
    /// `GET`, `POST`...
    pub method: String,
    /// The path, percent-encoded.
    pub path: String,
    /// Query parameters, not encoded, in no particular order.
    pub query: Vec<(String, String)>,
    /// Headers bound to input members.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: WireBody,
}

/// A body, compared as its media type says.
#[derive(Debug, Clone, PartialEq)]
pub enum WireBody {
    /// No body at all.
    Empty,
    /// A JSON document, compared as JSON.
    Json(Json),
    /// Bytes, compared exactly.
    Bytes(Vec<u8>),
    /// A form-encoded body (awsQuery), compared as its pairs in any order.
    Form(Vec<(String, String)>),
    /// An XML document (restXml), compared as a tree.
    Xml(String),
}

/// A response as the service sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct WireResponse {
    /// The status code.
    pub status: u16,
    /// Its headers.
    pub headers: Vec<(String, String)>,
    /// Its body.
    pub body: Vec<u8>,
}
