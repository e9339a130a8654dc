//! Wire protocols: which one a service speaks, chosen from its protocol
//! traits. Each protocol the generator serves gets its own module here.

mod rest_json1;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::error::{Error, Result};
use crate::ir::{Crate, Operation, Value, WireRequest, WireResponse};
use crate::load::ast;
use crate::model::Model;

/// A protocol the generator serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`: HTTP bindings and JSON bodies.
    RestJson1,
}

impl Protocol {
    /// The shape ID of the protocol's trait.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
        }
    }
}

/// `crate::operation::<op>::protocol`: the operation's validation, request
/// serialisation and response parsing in the crate's protocol.
pub fn operation_file(krate: &Crate, op: &Operation) -> TokenStream {
    match krate.protocol {
        Protocol::RestJson1 => rest_json1::operation_file(krate, op),
    }
}

/// The request an example's `input` becomes, for operation `op`.
pub fn example_request(
    protocol: Protocol,
    model: &Model,
    op: &ast::Shape,
    input: &Value,
) -> std::result::Result<WireRequest, String> {
    match protocol {
        Protocol::RestJson1 => rest_json1::wire::request(model, op, input),
    }
}

/// The response an example's output `value` (of structure `target`) comes
/// in with `status`, and the output a client reads back from it.
pub fn example_response(
    protocol: Protocol,
    model: &Model,
    target: &str,
    value: Value,
    status: u16,
) -> (WireResponse, Value) {
    match protocol {
        Protocol::RestJson1 => {
            let response = rest_json1::wire::response(model, target, &value, status);
            (
                response,
                rest_json1::wire::without_empty_payload(model, target, value),
            )
        }
    }
}

/// The response of error `id` with members `value`.
pub fn example_error_response(
    protocol: Protocol,
    model: &Model,
    id: &str,
    value: &Value,
) -> WireResponse {
    match protocol {
        Protocol::RestJson1 => rest_json1::wire::error_response(model, id, value),
    }
}

/// The protocols the generator serves.
const SUPPORTED: &[Protocol] = &[Protocol::RestJson1];

/// Every protocol trait of Smithy and AWS, served or not, so that a service
/// speaking one the generator does not serve is refused by name.
const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
    "smithy.protocols#rpcv2Json",
];

/// The protocol of service `service`: the first protocol trait it carries
/// that the generator serves. A service with none is refused, naming the
/// protocol traits it has and those the generator serves.
pub fn select(service: &str, traits: &BTreeMap<String, serde_json::Value>) -> Result<Protocol> {
    if let Some(p) = SUPPORTED.iter().find(|p| traits.contains_key(p.trait_id())) {
        return Ok(*p);
    }
    let found: Vec<&str> = traits
        .keys()
        .map(String::as_str)
        .filter(|t| PROTOCOL_TRAITS.contains(t))
        .collect();
    Err(Error::UnsupportedProtocol {
        service: service.to_owned(),
        found: if found.is_empty() {
            "no protocol trait".to_owned()
        } else {
            found.join(", ")
        },
        supported: SUPPORTED
            .iter()
            .map(|p| p.trait_id())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits(ids: &[&str]) -> BTreeMap<String, serde_json::Value> {
        ids.iter()
            .map(|id| (id.to_string(), serde_json::Value::Null))
            .collect()
    }

    #[test]
    fn the_served_protocol_is_chosen_and_others_are_named() {
        let both = traits(&["aws.protocols#awsJson1_1", "aws.protocols#restJson1"]);
        assert_eq!(select("a#S", &both).ok(), Some(Protocol::RestJson1));
        let err = select(
            "a#S",
            &traits(&["aws.protocols#awsJson1_1", "smithy.api#title"]),
        );
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err(
                "a#S: no supported protocol: the service has aws.protocols#awsJson1_1; \
                 the generator supports aws.protocols#restJson1"
                    .to_owned()
            )
        );
        let err = select("a#S", &traits(&[])).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.contains("the service has no protocol trait")));
    }
}
