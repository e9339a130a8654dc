//! Wire protocols: which one a service speaks, chosen from its protocol
//! traits. Each protocol the generator serves gets its own module here.

pub(crate) mod aws_query;
mod rest_json1;
mod rest_xml;
mod rpc;
mod shared;
mod xml_body;

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
    /// `aws.protocols#awsJson1_0`: `POST /` with `X-Amz-Target`, JSON bodies.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`: as 1.0, with its own content type.
    AwsJson1_1,
    /// `smithy.protocols#rpcv2Json`: `POST /service/{S}/operation/{O}`, JSON bodies.
    RpcV2Json,
    /// `smithy.protocols#rpcv2Cbor`: `POST /service/{S}/operation/{O}`, CBOR bodies.
    RpcV2Cbor,
    /// `aws.protocols#awsQuery`: form-encoded `POST /` with `Action` and
    /// `Version`, XML responses.
    AwsQuery,
    /// `aws.protocols#ec2Query`: awsQuery's requests with EC2's key names
    /// and lists, responses without a result wrapper, EC2's error form.
    Ec2Query,
    /// `aws.protocols#restXml`: HTTP bindings and XML bodies.
    RestXml,
}

impl Protocol {
    /// The shape ID of the protocol's trait.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::RpcV2Json => "smithy.protocols#rpcv2Json",
            Protocol::RpcV2Cbor => "smithy.protocols#rpcv2Cbor",
            Protocol::AwsQuery => "aws.protocols#awsQuery",
            Protocol::Ec2Query => "aws.protocols#ec2Query",
            Protocol::RestXml => "aws.protocols#restXml",
        }
    }

    /// Whether bodies are XML, read through the generated `FromXml` impls
    /// (and, for awsQuery, written through `ToQuery`) rather than serde.
    pub fn xml(self) -> bool {
        matches!(
            self,
            Protocol::AwsQuery | Protocol::Ec2Query | Protocol::RestXml
        )
    }

    /// Whether the HTTP binding traits (`@http`, `@httpHeader`...) place
    /// members; the RPC protocols ignore them.
    pub fn http_bindings(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }

    /// Whether `@jsonName` renames body members (restJson1 only).
    pub fn json_names(self) -> bool {
        self == Protocol::RestJson1
    }

    /// Whether `@timestampFormat` changes how body timestamps travel; the
    /// RPC v2 protocols always use epoch seconds.
    pub fn timestamp_formats(self) -> bool {
        !matches!(self, Protocol::RpcV2Json | Protocol::RpcV2Cbor)
    }

    /// Why the client cannot keep `bigInteger` and `bigDecimal` values whole
    /// in this protocol, or `None` when it can: rpcv2Json writes them as
    /// strings. The other JSON protocols write JSON numbers, and rpcv2Cbor
    /// bignums and decimal fractions, which the runtime does not decode yet.
    pub fn big_numbers_refused(self) -> Option<&'static str> {
        match self {
            Protocol::RpcV2Json => None,
            Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Some(
                "writes numbers of arbitrary precision as JSON numbers that this client \
                 cannot keep whole",
            ),
            Protocol::RpcV2Cbor => Some(
                "writes numbers of arbitrary precision as CBOR bignums and decimal fractions \
                 (tags 2 to 4) that this client does not decode yet",
            ),
            Protocol::AwsQuery | Protocol::Ec2Query | Protocol::RestXml => Some(
                "writes numbers of arbitrary precision as text that this client does not read \
                 or write yet",
            ),
        }
    }
}

/// The runtime function that reads an error response's code and message
/// in the crate's protocol (`ServiceInfo::error_meta`).
pub fn error_meta_fn(krate: &Crate) -> TokenStream {
    match krate.protocol {
        Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1
            if krate.query_compatible =>
        {
            quote::quote!(::smithy_lean_runtime::protocol::query_compatible_error_meta)
        }
        Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            quote::quote!(::smithy_lean_runtime::protocol::error_meta)
        }
        Protocol::RpcV2Json => {
            quote::quote!(::smithy_lean_runtime::protocol::rpc_v2_json_error_meta)
        }
        Protocol::RpcV2Cbor => quote::quote!(::smithy_lean_runtime::protocol::cbor::error_meta),
        Protocol::AwsQuery | Protocol::Ec2Query | Protocol::RestXml => {
            quote::quote!(::smithy_lean_runtime::protocol::query::error_meta)
        }
    }
}

/// What a type's file carries for the crate's protocol besides the type:
/// the awsQuery `ToQuery` and `FromXml` impls.
pub fn type_impls(krate: &Crate, ty: &crate::ir::TypeDef) -> TokenStream {
    match krate.protocol {
        Protocol::AwsQuery | Protocol::Ec2Query => aws_query::type_impls(krate, ty),
        Protocol::RestXml => rest_xml::type_impls(krate, ty),
        _ => TokenStream::new(),
    }
}

/// `crate::operation::<op>::protocol`: the operation's validation, request
/// serialisation and response parsing in the crate's protocol.
pub fn operation_file(krate: &Crate, op: &Operation) -> TokenStream {
    match krate.protocol {
        Protocol::RestJson1 => rest_json1::operation_file(krate, op),
        Protocol::AwsQuery | Protocol::Ec2Query => aws_query::operation_file(krate, op),
        Protocol::RestXml => rest_xml::operation_file(krate, op),
        _ => rpc::operation_file(krate, op),
    }
}

/// Why the examples of `protocol`'s operations cannot become tests, if they
/// cannot: their wire form is not written yet.
pub fn examples_unsupported(protocol: Protocol) -> Option<&'static str> {
    match protocol {
        Protocol::RpcV2Cbor => Some("the wire form of CBOR examples is not written yet"),
        _ => None,
    }
}

/// The request an example's `input` becomes, for operation `op` (named `op_name`).
pub fn example_request(
    protocol: Protocol,
    model: &Model,
    op: &ast::Shape,
    op_name: &str,
    input: &Value,
) -> std::result::Result<WireRequest, String> {
    match protocol {
        Protocol::RestJson1 => rest_json1::wire::request(model, op, input, false),
        Protocol::AwsQuery | Protocol::Ec2Query => {
            aws_query::wire::request(protocol, model, op, op_name, input)
        }
        Protocol::RestXml => rest_json1::wire::request(model, op, input, true),
        _ => rpc::wire::request(protocol, model, op, op_name, input),
    }
}

/// The response an example's output `value` (of structure `target`) comes
/// in with `status`, and the output a client reads back from it.
pub fn example_response(
    protocol: Protocol,
    model: &Model,
    (op_name, unwrapped): (&str, bool),
    target: &str,
    value: Value,
    status: u16,
) -> (WireResponse, Value) {
    match protocol {
        Protocol::RestJson1 | Protocol::RestXml => {
            let xml = protocol == Protocol::RestXml;
            let response = rest_json1::wire::response(model, target, &value, status, xml);
            let response = if unwrapped {
                rest_json1::wire::unwrapped(model, target, &value, response)
            } else {
                response
            };
            (
                response,
                rest_json1::wire::without_empty_payload(model, target, value),
            )
        }
        Protocol::AwsQuery | Protocol::Ec2Query => (
            aws_query::wire::response(protocol, model, op_name, target, &value),
            value,
        ),
        _ => (rpc::wire::response(protocol, model, target, &value), value),
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
        Protocol::RestJson1 => rest_json1::wire::error_response(model, id, value, false),
        Protocol::RestXml => rest_json1::wire::error_response(model, id, value, true),
        Protocol::AwsQuery | Protocol::Ec2Query => {
            aws_query::wire::error_response(protocol, model, id, value)
        }
        _ => rpc::wire::error_response(protocol, model, id, value),
    }
}

/// The protocols the generator serves.
const SUPPORTED: &[Protocol] = &[
    Protocol::AwsJson1_0,
    Protocol::AwsJson1_1,
    Protocol::AwsQuery,
    Protocol::Ec2Query,
    Protocol::RestJson1,
    Protocol::RestXml,
    Protocol::RpcV2Cbor,
    Protocol::RpcV2Json,
];

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

/// `aws.protocols#awsQueryCompatible`: the service moved from awsQuery and
/// keeps its error codes in `x-amzn-query-error`.
pub const QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";

/// The protocol of service `service`: the one `requested` names (a trait
/// ID, or its name without the namespace), which the service must carry;
/// else the first protocol trait it carries, in the model's order of its
/// traits, that the generator serves. A service with none is refused,
/// naming the protocol traits it has (those of Smithy and AWS, and any the
/// model defines, which `defined` tells) and those the generator serves.
pub fn select(
    service: &str,
    traits: &BTreeMap<String, serde_json::Value>,
    requested: Option<&str>,
    defined: &dyn Fn(&str) -> bool,
) -> Result<Protocol> {
    let found: Vec<&str> = traits
        .keys()
        .map(String::as_str)
        .filter(|t| PROTOCOL_TRAITS.contains(t) || defined(t))
        .collect();
    let supported = || {
        SUPPORTED
            .iter()
            .map(|p| p.trait_id())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let has = |found: &[&str]| {
        if found.is_empty() {
            "no protocol trait".to_owned()
        } else {
            found.join(", ")
        }
    };
    if let Some(name) = requested {
        let named = SUPPORTED.iter().find(|p| {
            let id = p.trait_id();
            id == name || id.split_once('#').is_some_and(|(_, local)| local == name)
        });
        return match named {
            Some(p) if found.contains(&p.trait_id()) => Ok(*p),
            Some(p) => Err(Error::ProtocolNotOnService {
                service: service.to_owned(),
                requested: p.trait_id().to_owned(),
                found: has(&found),
            }),
            None => Err(Error::UnknownProtocol {
                requested: name.to_owned(),
                supported: supported(),
            }),
        };
    }
    let first = found
        .iter()
        .find_map(|t| SUPPORTED.iter().find(|p| p.trait_id() == *t));
    first.copied().ok_or_else(|| Error::UnsupportedProtocol {
        service: service.to_owned(),
        found: has(&found),
        supported: supported(),
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
        assert_eq!(
            select("a#S", &both, None, &|_| false).ok(),
            Some(Protocol::AwsJson1_1)
        );
        assert_eq!(
            select("a#S", &both, Some("restJson1"), &|_| false).ok(),
            Some(Protocol::RestJson1)
        );
        let err = select("a#S", &both, Some("smithy.protocols#rpcv2Cbor"), &|_| false);
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err(
                "a#S: --protocol smithy.protocols#rpcv2Cbor: the service has \
                 aws.protocols#awsJson1_1, aws.protocols#restJson1"
                    .to_owned()
            )
        );
        let err = select("a#S", &both, Some("soap"), &|_| false).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.starts_with("unknown protocol \"soap\"")));
        let err = select(
            "a#S",
            &traits(&["example#soap", "smithy.api#title"]),
            None,
            &|t| t == "example#soap",
        );
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err(
                "a#S: no supported protocol: the service has example#soap; the generator \
                 supports aws.protocols#awsJson1_0, aws.protocols#awsJson1_1, \
                 aws.protocols#awsQuery, aws.protocols#ec2Query, aws.protocols#restJson1, \
                 aws.protocols#restXml, smithy.protocols#rpcv2Cbor, smithy.protocols#rpcv2Json"
                    .to_owned()
            )
        );
        let err = select("a#S", &traits(&[]), None, &|_| false).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.contains("the service has no protocol trait")));
    }
}
