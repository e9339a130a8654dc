//! What the RPC protocols make of an example: a `POST` to the protocol's
//! path with the headers that name the operation and the whole input as
//! the body, and responses whose body is the whole output or error (with
//! `__type` naming an error's shape), worked out from the model's shapes
//! independently of the IR and the emitted serializers.

use serde_json::Value as Json;

use super::Rpc;
use crate::ir::example::{with_test_tokens, WireBody, WireRequest, WireResponse};
use crate::ir::value::Value;
use crate::load::ast;
use crate::model::{local_name, Model};
use crate::protocol::rest_json1::wire::{error_status, json, Style};
use crate::protocol::Protocol;

/// How `protocol` writes body values: awsJson honours `@timestampFormat`,
/// RPC v2 neither it nor `@jsonName`.
fn style(protocol: Protocol) -> Style {
    Style {
        json_names: false,
        timestamp_formats: protocol.timestamp_formats(),
    }
}

fn rpc(protocol: Protocol) -> Result<Rpc, String> {
    let rpc = Rpc::of(protocol).ok_or("not an RPC protocol")?;
    if rpc.cbor {
        // Examples compare JSON bodies; a CBOR one would need a CBOR writer here.
        return Err("examples of CBOR protocols are not supported".to_owned());
    }
    Ok(rpc)
}

/// The body of `value`, a structure of shape `target`, without its unset members.
fn body(model: &Model, protocol: Protocol, target: &str, value: &Value) -> Json {
    let members = match value {
        Value::Struct(members) => members.clone(),
        _ => Vec::new(),
    };
    let set = members.into_iter().filter(|(_, v)| *v != Value::Null);
    json(
        model,
        target,
        &Value::Struct(set.collect()),
        None,
        style(protocol),
    )
}

/// The HTTP request `protocol` makes of `input` for operation `op`.
pub fn request(
    protocol: Protocol,
    model: &Model,
    op: &ast::Shape,
    op_name: &str,
    input: &Value,
) -> Result<WireRequest, String> {
    let rpc = rpc(protocol)?;
    let service = local_name(&model.service);
    let query_compatible = model.shapes[&model.service]
        .traits
        .contains_key(crate::protocol::QUERY_COMPATIBLE);
    let target = op.input.as_ref().map(|r| r.target.as_str());
    let body = match target.and_then(|t| Some((t, model.shape(t)?))) {
        None if rpc.unit_input_has_no_body() => WireBody::Empty,
        None => WireBody::Json(Json::Object(Default::default())),
        Some((target, shape)) => {
            let input = with_test_tokens(shape, input);
            WireBody::Json(body(model, protocol, target, &input))
        }
    };
    Ok(WireRequest {
        method: "POST".to_owned(),
        path: (rpc.path)(service, op_name),
        query: Vec::new(),
        headers: rpc.headers(service, op_name, query_compatible),
        body,
    })
}

/// The response `protocol` sends for `value` of structure `target`.
pub fn response(protocol: Protocol, model: &Model, target: &str, value: &Value) -> WireResponse {
    WireResponse {
        status: 200,
        headers: Vec::new(),
        body: body(model, protocol, target, value)
            .to_string()
            .into_bytes(),
    }
}

/// The response of error `id` with members `value`: its `@httpError` status
/// (else 400 or 500 by fault), and its shape ID in the body's `__type`.
pub fn error_response(protocol: Protocol, model: &Model, id: &str, value: &Value) -> WireResponse {
    let status = error_status(model, id);
    let mut body = body(model, protocol, id, value);
    if let Json::Object(map) = &mut body {
        map.insert("__type".to_owned(), Json::from(id));
    }
    WireResponse {
        status,
        headers: Vec::new(),
        body: body.to_string().into_bytes(),
    }
}
