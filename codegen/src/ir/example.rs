//! The HTTP messages a `smithy.api#examples` entry travels as, which the
//! generated example tests compare the client with. The crate's protocol
//! works them out from the model ([`crate::protocol`]).

use crate::ir::value::Value;
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

/// `input`, a value of structure `shape`, with the test idempotency token
/// in each `@idempotencyToken` member it leaves unset, as the client fills
/// them in.
pub fn with_test_tokens(shape: &crate::load::ast::Shape, input: &Value) -> Value {
    let mut input = input.clone();
    if let Value::Struct(members) = &mut input {
        for (name, member) in &shape.members {
            let token = member
                .traits
                .contains_key(crate::ir::traits::IDEMPOTENCY_TOKEN);
            if token && !members.iter().any(|(n, _)| n == name) {
                members.push((
                    name.clone(),
                    Value::String(TEST_IDEMPOTENCY_TOKEN.to_owned()),
                ));
            }
        }
    }
    input
}
