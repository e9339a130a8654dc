//! What restJson1 makes of an example: the HTTP request its input becomes
//! and the response its output or error comes in, worked out from the
//! model's shapes and traits (`@http`, `@httpLabel`, `@httpQuery`,
//! `@httpHeader`, `@httpPayload`, `@httpResponseCode`, `@httpError`,
//! `@jsonName`) independently of the IR and the emitted serializers, so that
//! the generated tests compare the client with the model rather than with
//! itself.

use serde_json::{Map, Value as Json};

use crate::ir::example::{WireBody, WireRequest, WireResponse, TEST_IDEMPOTENCY_TOKEN};
use crate::ir::traits::{self, get};
use crate::ir::value::{civil_from_days, Timestamp, Value};
use crate::load::ast;
use crate::model::{local_name, Kind, Model};
use crate::protocol::aws_query::wire::{escape, xml_document};

/// How a JSON protocol writes values in a body: whether `@jsonName` renames
/// members, and whether `@timestampFormat` changes how timestamps travel.
#[derive(Clone, Copy)]
pub struct Style {
    /// `@jsonName` renames members.
    pub json_names: bool,
    /// `@timestampFormat` applies (else timestamps are epoch seconds).
    pub timestamp_formats: bool,
}

/// restJson1 honours both traits.
const REST_JSON: Style = Style {
    json_names: true,
    timestamp_formats: true,
};

/// The HTTP request restJson1 (restXml when `xml`) makes of `input` for
/// operation `op`.
pub fn request(
    model: &Model,
    op: &ast::Shape,
    input: &Value,
    xml: bool,
) -> Result<WireRequest, String> {
    let http = get::<traits::Http>("", &op.traits, traits::HTTP)
        .map_err(|e| e.to_string())?
        .ok_or("the operation has no smithy.api#http trait")?;
    let shape = op
        .input
        .as_ref()
        .and_then(|r| model.shape(&r.target))
        .ok_or("the operation has no input structure")?;
    let uri = if crate::ir::context_params::strips_bucket(model, op) {
        crate::ir::context_params::without_bucket(&http.uri)
    } else {
        http.uri.clone()
    };
    let (pattern, mut query) = crate::ir::split_uri(&uri);
    let mut headers = Vec::new();
    let mut body = Map::new();
    let mut xml_body = Vec::new();
    let mut has_body_members = false;
    let mut payload = None;
    for (name, member) in &shape.members {
        let t = &member.traits;
        let value = match input.member(name) {
            Some(v) => Some(v.clone()),
            None if t.contains_key(traits::IDEMPOTENCY_TOKEN) => {
                Some(Value::String(TEST_IDEMPOTENCY_TOKEN.to_owned()))
            }
            None => None,
        };
        if t.contains_key(traits::HTTP_LABEL) {
            continue;
        }
        if t.contains_key(traits::HTTP_PAYLOAD) {
            payload = Some((member, value));
            continue;
        }
        let Some(value) = value.filter(|v| *v != Value::Null) else {
            has_body_members |= !is_bound(t);
            continue;
        };
        let format = timestamp_format(model, member);
        let map = match &value {
            Value::Map(entries) => entries.as_slice(),
            _ => &[],
        };
        if t.contains_key(traits::HTTP_QUERY_PARAMS) {
            // Keys that an @httpQuery member binds take precedence.
            let item = model.shape(&member.target).and_then(|s| s.value.as_ref());
            let item = item.map_or("", |m| m.target.as_str());
            for (key, v) in map
                .iter()
                .filter(|(k, _)| !query_keys(shape).contains(&k.as_str()))
            {
                for text in texts(model, item, v, Place::Query, format) {
                    query.push((key.clone(), text));
                }
            }
        } else if let Some(prefix) = t.get(traits::HTTP_PREFIX_HEADERS).and_then(Json::as_str) {
            for (key, v) in map {
                if let Value::String(text) = v {
                    headers.push((format!("{prefix}{key}"), text.clone()));
                }
            }
        } else if let Some(key) = t.get(traits::HTTP_QUERY).and_then(Json::as_str) {
            for text in texts(model, &member.target, &value, Place::Query, format) {
                query.push((key.to_owned(), text));
            }
        } else if let Some(header) = t.get(traits::HTTP_HEADER).and_then(Json::as_str) {
            headers.push((header.to_owned(), header_value(model, member, &value)));
        } else {
            has_body_members = true;
            xml_body.push((name.clone(), value.clone()));
            body.insert(
                json_name(name, t),
                json(model, &member.target, &value, format, REST_JSON),
            );
        }
    }
    let input_target = op.input.as_ref().map_or("", |r| r.target.as_str());
    let body = match payload {
        Some((member, Some(value))) => payload_body(model, member, &value, xml),
        Some((_, None)) => WireBody::Empty,
        None if has_body_members && xml => {
            let root = xml_root(model, input_target, None);
            WireBody::Xml(xml_document(
                model,
                input_target,
                &Value::Struct(xml_body),
                &root,
                service_traits(model),
            ))
        }
        None if has_body_members => WireBody::Json(Json::Object(body)),
        None => WireBody::Empty,
    };
    Ok(WireRequest {
        method: http.method,
        path: path(model, shape, pattern, input)?,
        query,
        headers,
        body,
    })
}

/// The response restJson1 (restXml when `xml`) sends for `value` of
/// structure `target` with `status`, unless a member is bound to the status
/// code.
pub fn response(
    model: &Model,
    target: &str,
    value: &Value,
    status: u16,
    xml: bool,
) -> WireResponse {
    let mut response = WireResponse {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    };
    let Some(shape) = model.shape(target) else {
        return response;
    };
    let mut body = Map::new();
    let mut xml_body = Vec::new();
    let mut payload = None;
    for (name, member) in &shape.members {
        let t = &member.traits;
        let Some(value) = value.member(name).filter(|v| **v != Value::Null) else {
            continue;
        };
        if t.contains_key(traits::HTTP_PAYLOAD) {
            payload = Some(payload_body(model, member, value, xml));
        } else if t.contains_key(traits::HTTP_RESPONSE_CODE) {
            if let Value::Integer(code) = value {
                response.status = u16::try_from(*code).unwrap_or(status);
            }
        } else if let Some(header) = t.get(traits::HTTP_HEADER).and_then(Json::as_str) {
            response
                .headers
                .push((header.to_owned(), header_value(model, member, value)));
        } else if !is_bound(t) {
            xml_body.push((name.clone(), value.clone()));
            let format = timestamp_format(model, member);
            body.insert(
                json_name(name, t),
                json(model, &member.target, value, format, REST_JSON),
            );
        }
    }
    response.body = match payload {
        Some(WireBody::Bytes(bytes)) => bytes,
        Some(WireBody::Json(json)) => json.to_string().into_bytes(),
        Some(WireBody::Xml(text)) => text.into_bytes(),
        // A payload is never a form; that is awsQuery's whole input.
        Some(WireBody::Empty | WireBody::Form(_)) => Vec::new(),
        None if xml && xml_body.is_empty() => Vec::new(),
        None if xml => {
            let root = xml_root(model, target, None);
            xml_document(
                model,
                target,
                &Value::Struct(xml_body),
                &root,
                service_traits(model),
            )
            .into_bytes()
        }
        None => Json::Object(body).to_string().into_bytes(),
    };
    response
}

/// `response` with its body the output's one body member as the root
/// element (`aws.customizations#s3UnwrappedXmlOutput`).
pub fn unwrapped(
    model: &Model,
    target: &str,
    value: &Value,
    mut response: WireResponse,
) -> WireResponse {
    let Some(shape) = model.shape(target) else {
        return response;
    };
    let mut body = String::new();
    for (name, member) in &shape.members {
        if is_bound(&member.traits) {
            continue;
        }
        if let Some(value) = value.member(name).filter(|v| **v != Value::Null) {
            let wrapped = Value::Struct(vec![(name.clone(), value.clone())]);
            let document = xml_document(model, target, &wrapped, "Unwrapped", None);
            body = document
                .strip_prefix("<Unwrapped>")
                .and_then(|d| d.strip_suffix("</Unwrapped>"))
                .unwrap_or(&document)
                .to_owned();
        }
    }
    response.body = body.into_bytes();
    response
}

/// The root element name of a body that is shape `target`, the target of
/// payload `member` if it is one: the member's `@xmlName`, else the shape's,
/// else its name.
fn xml_root(model: &Model, target: &str, member: Option<&ast::Member>) -> String {
    let name = |t: &ast::Traits| {
        t.get(traits::XML_NAME)
            .and_then(Json::as_str)
            .map(str::to_owned)
    };
    member
        .and_then(|m| name(&m.traits))
        .or_else(|| model.shape(target).and_then(|s| name(&s.traits)))
        .unwrap_or_else(|| local_name(target).to_owned())
}

/// The service's traits, whose `@xmlNamespace` a body's root declares when
/// its shape has none.
fn service_traits(model: &Model) -> Option<&ast::Traits> {
    model.shapes.get(&model.service).map(|s| &s.traits)
}

/// The response of error `id` with members `value`: its `@httpError` status
/// (else 400 or 500 by fault) and its name in `X-Amzn-Errortype` (restXml,
/// when `xml`: in the `Code` of `<ErrorResponse><Error>`).
pub fn error_response(model: &Model, id: &str, value: &Value, xml: bool) -> WireResponse {
    let mut response = response(model, id, value, error_status(model, id), xml);
    if xml {
        let mut members = Vec::new();
        if let Value::Struct(set) = value {
            members.extend(set.iter().cloned());
        }
        let inner = xml_document(model, id, &Value::Struct(members), "Error", None);
        let code = format!("<Code>{}</Code>", escape(local_name(id)));
        let inner = inner.replacen('>', &format!(">{code}"), 1);
        response.body = format!(
            "<ErrorResponse>{inner}<RequestId>example-request-id</RequestId></ErrorResponse>"
        )
        .into_bytes();
        return response;
    }
    response
        .headers
        .push(("X-Amzn-Errortype".to_owned(), local_name(id).to_owned()));
    response
}

/// The status of error `id`: its `@httpError`, else 400 or 500 by fault.
pub(crate) fn error_status(model: &Model, id: &str) -> u16 {
    let traits = model.shape(id).map(|s| &s.traits);
    let status = traits
        .and_then(|t| t.get(traits::HTTP_ERROR))
        .and_then(Json::as_u64)
        .and_then(|s| u16::try_from(s).ok());
    status.unwrap_or_else(|| {
        let server = traits.and_then(|t| t.get(traits::ERROR)) == Some(&Json::from("server"));
        if server {
            500
        } else {
            400
        }
    })
}

/// Drops the members of `value` (of structure `target`) that are an empty
/// blob or string `@httpPayload`: on the wire an empty body is an unset
/// payload, so that is what a client reads back.
pub fn without_empty_payload(model: &Model, target: &str, value: Value) -> Value {
    let (Some(shape), Value::Struct(members)) = (model.shape(target), &value) else {
        return value;
    };
    let empty_payload = |name: &str, v: &Value| {
        let payload = shape
            .members
            .get(name)
            .is_some_and(|m| m.traits.contains_key(traits::HTTP_PAYLOAD));
        let empty = match v {
            Value::Blob(bytes) => bytes.is_empty(),
            Value::String(text) => text.is_empty(),
            _ => false,
        };
        payload && empty
    };
    Value::Struct(
        members
            .iter()
            .filter(|(name, v)| !empty_payload(name, v))
            .cloned()
            .collect(),
    )
}

/// The query keys the `@httpQuery` members of an input bind.
fn query_keys(shape: &ast::Shape) -> Vec<&str> {
    shape
        .members
        .values()
        .filter_map(|m| m.traits.get(traits::HTTP_QUERY).and_then(Json::as_str))
        .collect()
}

fn is_bound(t: &ast::Traits) -> bool {
    [
        traits::HTTP_LABEL,
        traits::HTTP_QUERY,
        traits::HTTP_QUERY_PARAMS,
        traits::HTTP_HEADER,
        traits::HTTP_PREFIX_HEADERS,
        traits::HTTP_PAYLOAD,
        traits::HTTP_RESPONSE_CODE,
    ]
    .iter()
    .any(|k| t.contains_key(*k))
}

fn json_name(name: &str, t: &ast::Traits) -> String {
    t.get(traits::JSON_NAME)
        .and_then(Json::as_str)
        .unwrap_or(name)
        .to_owned()
}

/// The path: the URI pattern with each `{Label}` (or greedy `{Label+}`)
/// replaced by its member's value, percent-encoded.
fn path(model: &Model, shape: &ast::Shape, pattern: &str, input: &Value) -> Result<String, String> {
    let mut path = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| format!("unclosed label in {pattern}"))?;
        path.push_str(&rest[..open]);
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        let member = shape
            .members
            .get(name)
            .ok_or_else(|| format!("no member for the label {{{label}}}"))?;
        let value = input
            .member(name)
            .ok_or_else(|| format!("the example does not set the label member {name}"))?;
        let format = timestamp_format(model, member);
        let text = texts(model, &member.target, value, Place::Label, format).join(",");
        let encoded: Vec<String> = if greedy {
            text.split('/').map(percent_encode).collect()
        } else {
            vec![percent_encode(&text)]
        };
        path.push_str(&encoded.join("/"));
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a value is written as text; timestamps differ by place.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Label,
    Query,
    Header,
}

/// The texts of a value in a label, query parameter or header: one per list item.
fn texts(
    model: &Model,
    target: &str,
    value: &Value,
    place: Place,
    format: Option<&str>,
) -> Vec<String> {
    match value {
        Value::List(items) => {
            let item = model
                .shape(target)
                .and_then(|s| s.member.as_ref())
                .map(|m| m.target.clone())
                .unwrap_or_default();
            items
                .iter()
                .flat_map(|v| texts(model, &item, v, place, format))
                .collect()
        }
        Value::Null => Vec::new(),
        Value::Bool(b) => vec![b.to_string()],
        Value::Integer(i) => vec![i.to_string()],
        Value::BigNumber(text) => vec![text.clone()],
        Value::Float(f) => vec![float_text(*f)],
        Value::String(s) => vec![s.clone()],
        Value::Blob(bytes) => vec![base64(bytes)],
        Value::Timestamp(t) => {
            let default = if place == Place::Header {
                "http-date"
            } else {
                "date-time"
            };
            vec![timestamp_text(*t, format.unwrap_or(default))]
        }
        Value::Map(_) | Value::Struct(_) => Vec::new(),
        Value::Document(json) => vec![json.to_string()],
    }
}

/// A header's value: list items joined with `, `, those holding a comma or
/// a double quote quoted (HTTP dates, which hold commas of their own, are
/// joined as they are); a string with a `@mediaType` in base64.
fn header_value(model: &Model, member: &ast::Member, value: &Value) -> String {
    let format = timestamp_format(model, member);
    let texts = texts(model, &member.target, value, Place::Header, format);
    let media_type = model
        .shape(&member.target)
        .is_some_and(|s| s.traits.contains_key(traits::MEDIA_TYPE));
    match value {
        Value::String(s) if media_type => base64(s.as_bytes()),
        Value::List(items) => {
            let dates = format.unwrap_or("http-date") == "http-date"
                && items.iter().all(|v| matches!(v, Value::Timestamp(_)));
            let quote = |t: String| {
                if !dates && t.contains([',', '"']) {
                    format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
                } else {
                    t
                }
            };
            texts.into_iter().map(quote).collect::<Vec<_>>().join(", ")
        }
        _ => texts.join(", "),
    }
}

/// The `@timestampFormat` of a member's timestamps: the member's, its
/// target's, or its list or map items'.
pub(crate) fn timestamp_format<'a>(model: &'a Model, member: &'a ast::Member) -> Option<&'a str> {
    let own = member.traits.get(traits::TIMESTAMP_FORMAT);
    let shape = model.shape(&member.target);
    let target = shape.and_then(|s| s.traits.get(traits::TIMESTAMP_FORMAT));
    if let Some(format) = own.or(target).and_then(Json::as_str) {
        return Some(format);
    }
    let item = shape.and_then(|s| s.member.as_ref().or(s.value.as_ref()))?;
    timestamp_format(model, item)
}

/// A timestamp in `format` (`date-time`, `http-date` or `epoch-seconds`).
pub(crate) fn timestamp_text(t: Timestamp, format: &str) -> String {
    match format {
        "http-date" => http_date(t),
        "epoch-seconds" => epoch_json(t).to_string(),
        _ => date_time(t),
    }
}

/// An `@httpPayload` member's body.
fn payload_body(model: &Model, member: &ast::Member, value: &Value, xml: bool) -> WireBody {
    let target = member.target.as_str();
    match (model.kind(target), value) {
        (Kind::Blob, Value::Blob(bytes)) => WireBody::Bytes(bytes.clone()),
        (Kind::String | Kind::Enum, Value::String(s)) => WireBody::Bytes(s.as_bytes().to_vec()),
        _ if xml => {
            let root = xml_root(model, target, Some(member));
            WireBody::Xml(xml_document(
                model,
                target,
                value,
                &root,
                service_traits(model),
            ))
        }
        _ => WireBody::Json(json(model, target, value, None, REST_JSON)),
    }
}

/// A value of shape `target` in a JSON body, as `style` says: base64 blobs,
/// epoch-seconds timestamps (unless `format` says otherwise), non-finite
/// floats as strings, big numbers as strings (rpcv2Json, the one JSON
/// protocol whose clients have them).
pub(crate) fn json(
    model: &Model,
    target: &str,
    value: &Value,
    format: Option<&str>,
    style: Style,
) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::from(*i),
        Value::BigNumber(text) => Json::from(text.as_str()),
        Value::Float(f) if f.is_finite() => Json::from(*f),
        Value::Float(f) => Json::from(float_text(*f)),
        Value::String(s) => Json::from(s.as_str()),
        Value::Blob(bytes) => Json::from(base64(bytes)),
        Value::Timestamp(t) => match format.unwrap_or("epoch-seconds") {
            "epoch-seconds" => epoch_json(*t),
            other => Json::from(timestamp_text(*t, other)),
        },
        Value::Document(json) => json.clone(),
        Value::List(items) => {
            let item = child_target(model, target, "member");
            Json::Array(
                items
                    .iter()
                    .map(|v| json(model, &item, v, format, style))
                    .collect(),
            )
        }
        Value::Map(entries) => {
            let item = child_target(model, target, "value");
            Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), json(model, &item, v, format, style)))
                    .collect(),
            )
        }
        Value::Struct(members) => {
            let shape = model.shape(target);
            Json::Object(
                members
                    .iter()
                    .filter_map(|(name, v)| {
                        let member = shape?.members.get(name)?;
                        let format =
                            timestamp_format(model, member).filter(|_| style.timestamp_formats);
                        let key = if style.json_names {
                            json_name(name, &member.traits)
                        } else {
                            name.clone()
                        };
                        Some((key, json(model, &member.target, v, format, style)))
                    })
                    .collect(),
            )
        }
    }
}

fn child_target(model: &Model, target: &str, which: &str) -> String {
    let shape = model.shape(target);
    let member = shape.and_then(|s| {
        if which == "member" {
            s.member.as_ref()
        } else {
            s.value.as_ref()
        }
    });
    member.map(|m| m.target.clone()).unwrap_or_default()
}

pub(crate) fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        f.to_string()
    }
}

/// Epoch seconds as a JSON number, with the fraction only when there is one.
fn epoch_json(t: Timestamp) -> Json {
    if t.nanos == 0 {
        return Json::from(t.secs);
    }
    // `secs` is rounded down: -1.5 is -2 seconds and 500,000,000 nanoseconds.
    let (whole, fraction, sign) = if t.secs < 0 {
        ((t.secs + 1).abs(), 1_000_000_000 - t.nanos, "-")
    } else {
        (t.secs, t.nanos, "")
    };
    let text = format!("{sign}{whole}.{fraction:09}");
    serde_json::from_str(text.trim_end_matches('0')).unwrap_or_else(|_| Json::from(t.secs))
}

fn split(t: Timestamp) -> (i64, i64, i64, i64, i64, i64) {
    let (y, mo, d) = civil_from_days(t.secs.div_euclid(86_400));
    let s = t.secs.rem_euclid(86_400);
    (y, mo, d, s / 3600, s / 60 % 60, s % 60)
}

/// The fraction of a second, if there is one (`.52`).
fn fraction(t: Timestamp) -> String {
    if t.nanos == 0 {
        String::new()
    } else {
        format!(".{:09}", t.nanos).trim_end_matches('0').to_owned()
    }
}

/// RFC 3339 in UTC, with the fraction only when there is one.
fn date_time(t: Timestamp) -> String {
    let (y, mo, d, h, mi, s) = split(t);
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{}Z",
        fraction(t)
    )
}

/// An IMF-fixdate (`Tue, 24 Sep 2019 00:22:00 GMT`).
fn http_date(t: Timestamp) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, mo, d, h, mi, s) = split(t);
    let weekday = DAYS[t.secs.div_euclid(86_400).rem_euclid(7) as usize];
    let month = MONTHS[(mo - 1) as usize];
    format!(
        "{weekday}, {d:02} {month} {y:04} {h:02}:{mi:02}:{s:02}{} GMT",
        fraction(t)
    )
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_texts_of_timestamps_and_bytes() {
        let t = Timestamp {
            secs: 1569284520,
            nanos: 333_000_000,
        };
        assert_eq!(date_time(t), "2019-09-24T00:22:00.333Z");
        assert_eq!(http_date(t), "Tue, 24 Sep 2019 00:22:00.333 GMT");
        assert_eq!(
            http_date(Timestamp { secs: 0, nanos: 0 }),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
        assert_eq!(epoch_json(t), serde_json::json!(1569284520.333));
        assert_eq!(
            epoch_json(Timestamp { secs: 5, nanos: 0 }),
            serde_json::json!(5)
        );
        let negative = |secs, nanos| epoch_json(Timestamp { secs, nanos });
        assert_eq!(negative(-2, 500_000_000), serde_json::json!(-1.5));
        assert_eq!(negative(-1, 500_000_000), serde_json::json!(-0.5));
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(percent_encode("a/b c~é"), "a%2Fb%20c~%C3%A9");
    }
}
