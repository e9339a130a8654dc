//! What awsQuery and ec2Query make of an example: a form-encoded `POST /`
//! of the input, and responses whose body is the output in
//! `<{Operation}Result>` (ec2Query: right in `<{Operation}Response>`) or the
//! error in `<ErrorResponse><Error>` (ec2Query:
//! `<Response><Errors><Error>`), worked out from the model's shapes
//! independently of the IR and the emitted serializers.

use serde_json::Value as Json;

use crate::ir::example::{with_test_tokens, WireBody, WireRequest, WireResponse};
use crate::ir::traits;
use crate::ir::value::Value;
use crate::load::ast;
use crate::model::{local_name, Model};
use crate::protocol::rest_json1::wire::{
    base64, error_status, float_text, timestamp_format, timestamp_text,
};
use crate::protocol::Protocol;

/// The request `protocol` makes of `input` for operation `op_name`.
pub fn request(
    protocol: Protocol,
    model: &Model,
    op: &ast::Shape,
    op_name: &str,
    input: &Value,
) -> Result<WireRequest, String> {
    let version = model.shapes[&model.service]
        .version
        .clone()
        .unwrap_or_default();
    let mut pairs = vec![
        ("Action".to_owned(), op_name.to_owned()),
        ("Version".to_owned(), version),
    ];
    if let Some(target) = op.input.as_ref().map(|r| r.target.as_str()) {
        let input = match model.shape(target) {
            Some(shape) => with_test_tokens(shape, input),
            None => input.clone(),
        };
        let form = Form {
            model,
            ec2: protocol == Protocol::Ec2Query,
        };
        form.structure(target, &input, "", &mut pairs);
    }
    Ok(WireRequest {
        method: "POST".to_owned(),
        path: "/".to_owned(),
        query: Vec::new(),
        headers: Vec::new(),
        body: WireBody::Form(pairs),
    })
}

fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The `@xmlName` of a member, else `default`, without a namespace prefix.
fn xml_name(member: &ast::Member, default: &str) -> String {
    let name = member
        .traits
        .get(traits::XML_NAME)
        .and_then(Json::as_str)
        .unwrap_or(default);
    name.rsplit_once(':')
        .map_or(name, |(_, local)| local)
        .to_owned()
}

/// The set members of `value`, a structure or union of shape `target`:
/// each one's name, model member and value.
fn set_members<'a>(
    model: &'a Model,
    target: &str,
    value: &'a Value,
) -> impl Iterator<Item = (&'a str, &'a ast::Member, &'a Value)> {
    let shape = model.shape(target);
    let members = match value {
        Value::Struct(members) => members.as_slice(),
        _ => &[],
    };
    members.iter().filter_map(move |(name, value)| {
        let member = shape?.members.get(name)?;
        (*value != Value::Null).then_some((name.as_str(), member, value))
    })
}

/// How a protocol writes form keys.
struct Form<'a> {
    model: &'a Model,
    /// ec2Query: capitalized keys (`@ec2QueryName` first), lists always
    /// numbered under the key, empty lists left out.
    ec2: bool,
}

impl Form<'_> {
    fn name(&self, member: &ast::Member, name: &str) -> String {
        if !self.ec2 {
            return xml_name(member, name);
        }
        if let Some(name) = member
            .traits
            .get(traits::EC2_QUERY_NAME)
            .and_then(Json::as_str)
        {
            return name.to_owned();
        }
        let name = member
            .traits
            .get(traits::XML_NAME)
            .and_then(Json::as_str)
            .unwrap_or(name);
        let mut chars = name.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
    }

    fn structure(
        &self,
        target: &str,
        value: &Value,
        prefix: &str,
        out: &mut Vec<(String, String)>,
    ) {
        for (name, member, value) in set_members(self.model, target, value) {
            let flattened = member.traits.contains_key(traits::XML_FLATTENED);
            let key = key(prefix, &self.name(member, name));
            self.value(member, value, &key, flattened, out);
        }
    }

    fn value(
        &self,
        member: &ast::Member,
        value: &Value,
        key: &str,
        flattened: bool,
        out: &mut Vec<(String, String)>,
    ) {
        let model = self.model;
        let target = member.target.as_str();
        let shape = model.shape(target);
        match value {
            Value::Struct(_) => self.structure(target, value, key, out),
            Value::List(items) => {
                let Some(item) = shape.and_then(|s| s.member.as_ref()) else {
                    return;
                };
                if items.is_empty() && !self.ec2 {
                    out.push((key.to_owned(), String::new()));
                }
                for (i, v) in items.iter().enumerate() {
                    let item_key = if flattened || self.ec2 {
                        format!("{key}.{}", i + 1)
                    } else {
                        format!("{key}.{}.{}", xml_name(item, "member"), i + 1)
                    };
                    self.value(item, v, &item_key, false, out);
                }
            }
            Value::Map(entries) => {
                let Some((k, v)) = shape.and_then(key_and_value) else {
                    return;
                };
                let mut entries: Vec<&(String, Value)> = entries.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                for (i, (name, value)) in entries.into_iter().enumerate() {
                    let entry = if flattened {
                        format!("{key}.{}", i + 1)
                    } else {
                        format!("{key}.entry.{}", i + 1)
                    };
                    out.push((format!("{entry}.{}", xml_name(k, "key")), name.clone()));
                    let value_key = format!("{entry}.{}", xml_name(v, "value"));
                    self.value(v, value, &value_key, false, out);
                }
            }
            scalar => {
                if let Some(text) = scalar_text(model, member, scalar) {
                    out.push((key.to_owned(), text));
                }
            }
        }
    }
}

/// The key and value members of a map shape.
fn key_and_value(shape: &ast::Shape) -> Option<(&ast::Member, &ast::Member)> {
    shape.key.as_ref().zip(shape.value.as_ref())
}

/// A scalar as query or XML text.
fn scalar_text(model: &Model, member: &ast::Member, value: &Value) -> Option<String> {
    Some(match value {
        Value::Bool(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => float_text(*f),
        Value::BigNumber(text) | Value::String(text) => text.clone(),
        Value::Blob(bytes) => base64(bytes),
        Value::Timestamp(t) => {
            timestamp_text(*t, timestamp_format(model, member).unwrap_or("date-time"))
        }
        _ => return None,
    })
}

/// The response `protocol` sends for `value` of structure `target`, the
/// output of operation `op_name`.
pub fn response(
    protocol: Protocol,
    model: &Model,
    op_name: &str,
    target: &str,
    value: &Value,
) -> WireResponse {
    let mut body = format!("<{op_name}Response>");
    if protocol == Protocol::Ec2Query {
        xml_members(model, target, value, &mut body);
        body.push_str("<requestId>example-request-id</requestId>");
    } else {
        body.push_str(&format!("<{op_name}Result>"));
        xml_members(model, target, value, &mut body);
        body.push_str(&format!(
            "</{op_name}Result><ResponseMetadata><RequestId>example-request-id</RequestId></ResponseMetadata>"
        ));
    }
    body.push_str(&format!("</{op_name}Response>"));
    WireResponse {
        status: 200,
        headers: vec![("Content-Type".to_owned(), "text/xml".to_owned())],
        body: body.into_bytes(),
    }
}

/// The response of error `id` with members `value`: `@awsQueryError`'s
/// status and code (awsQuery only), else 400 or 500 by fault and the shape
/// name.
pub fn error_response(protocol: Protocol, model: &Model, id: &str, value: &Value) -> WireResponse {
    let query_error = model
        .shape(id)
        .and_then(|s| s.traits.get(traits::AWS_QUERY_ERROR))
        .filter(|_| protocol == Protocol::AwsQuery);
    let code = query_error
        .and_then(|q| q.get("code"))
        .and_then(Json::as_str)
        .unwrap_or_else(|| local_name(id));
    let status = query_error
        .and_then(|q| q.get("httpResponseCode"))
        .and_then(Json::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or_else(|| error_status(model, id));
    let fault = if status >= 500 { "Receiver" } else { "Sender" };
    let mut body = format!(
        "<ErrorResponse><Error><Type>{fault}</Type><Code>{}</Code>",
        escape(code)
    );
    xml_members(model, id, value, &mut body);
    body.push_str("</Error><RequestId>example-request-id</RequestId></ErrorResponse>");
    WireResponse {
        status,
        headers: vec![("Content-Type".to_owned(), "text/xml".to_owned())],
        body: body.into_bytes(),
    }
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// ` xmlns="uri"` (or ` xmlns:prefix="uri"`) for an `@xmlNamespace` in `traits`.
fn namespace(traits: &ast::Traits) -> String {
    let Some(ns) = traits.get(traits::XML_NAMESPACE) else {
        return String::new();
    };
    let uri = ns.get("uri").and_then(Json::as_str).unwrap_or_default();
    match ns.get("prefix").and_then(Json::as_str) {
        Some(prefix) => format!(" xmlns:{prefix}=\"{}\"", escape(uri)),
        None => format!(" xmlns=\"{}\"", escape(uri)),
    }
}

/// The `@xmlAttribute` members of `value` (of structure `target`) as
/// ` name="text"`.
fn attributes(model: &Model, target: &str, value: &Value) -> String {
    let mut out = String::new();
    for (name, member, value) in set_members(model, target, value) {
        if !member.traits.contains_key(traits::XML_ATTRIBUTE) {
            continue;
        }
        let attribute = member
            .traits
            .get(traits::XML_NAME)
            .and_then(Json::as_str)
            .unwrap_or(name);
        if let Some(text) = scalar_text(model, member, value) {
            out.push_str(&format!(" {attribute}=\"{}\"", escape(&text)));
        }
    }
    out
}

/// A whole XML document whose root `root` is `value`, of structure
/// `target`: the root declares the structure's `@xmlNamespace`, else
/// `fallback` (the service's), and carries its attribute members.
pub(crate) fn xml_document(
    model: &Model,
    target: &str,
    value: &Value,
    root: &str,
    fallback: Option<&ast::Traits>,
) -> String {
    let own = model
        .shape(target)
        .map(|s| namespace(&s.traits))
        .unwrap_or_default();
    let ns = if own.is_empty() {
        fallback.map(namespace).unwrap_or_default()
    } else {
        own
    };
    let mut out = format!("<{root}{ns}{}>", attributes(model, target, value));
    xml_members(model, target, value, &mut out);
    out.push_str(&format!("</{root}>"));
    out
}

/// The members of structure `target` as child elements (attribute members
/// go on the structure's own element).
fn xml_members(model: &Model, target: &str, value: &Value, out: &mut String) {
    for (name, member, value) in set_members(model, target, value) {
        if member.traits.contains_key(traits::XML_ATTRIBUTE) {
            continue;
        }
        let element = xml_name(member, name);
        let flattened = member.traits.contains_key(traits::XML_FLATTENED);
        xml_value(model, member, value, &element, flattened, out);
    }
}

fn xml_value(
    model: &Model,
    member: &ast::Member,
    value: &Value,
    element: &str,
    flattened: bool,
    out: &mut String,
) {
    let shape = model.shape(&member.target);
    let ns = namespace(&member.traits);
    match value {
        Value::Struct(_) => {
            let own = shape.map(|s| namespace(&s.traits)).unwrap_or_default();
            let ns = if ns.is_empty() { own } else { ns };
            let attributes = attributes(model, &member.target, value);
            out.push_str(&format!("<{element}{ns}{attributes}>"));
            xml_members(model, &member.target, value, out);
            out.push_str(&format!("</{element}>"));
        }
        Value::List(items) => {
            let Some(item) = shape.and_then(|s| s.member.as_ref()) else {
                return;
            };
            if flattened {
                for v in items {
                    xml_value(model, item, v, element, false, out);
                }
            } else {
                out.push_str(&format!("<{element}{ns}>"));
                let name = xml_name(item, "member");
                for v in items {
                    xml_value(model, item, v, &name, false, out);
                }
                out.push_str(&format!("</{element}>"));
            }
        }
        Value::Map(entries) => {
            let Some((k, v)) = shape.and_then(key_and_value) else {
                return;
            };
            let (key_name, value_name) = (xml_name(k, "key"), xml_name(v, "value"));
            let key_ns = namespace(&k.traits);
            if !flattened {
                out.push_str(&format!("<{element}{ns}>"));
            }
            for (name, value) in entries {
                let entry = if flattened { element } else { "entry" };
                out.push_str(&format!(
                    "<{entry}><{key_name}{key_ns}>{}</{key_name}>",
                    escape(name)
                ));
                xml_value(model, v, value, &value_name, false, out);
                out.push_str(&format!("</{entry}>"));
            }
            if !flattened {
                out.push_str(&format!("</{element}>"));
            }
        }
        scalar => {
            if let Some(text) = scalar_text(model, member, scalar) {
                out.push_str(&format!("<{element}{ns}>{}</{element}>", escape(&text)));
            }
        }
    }
}
