//! What the JSON protocols share (restJson1, awsJson1_0/1_1, rpcv2Json):
//! query encoding, error codes, request IDs, bodies. `cbor` (feature `cbor`) holds what
//! rpcv2Cbor adds; `query` and `xml` (feature `xml`) what awsQuery needs.

#[cfg(feature = "cbor")]
pub mod cbor;
#[cfg(feature = "xml")]
pub mod query;
#[cfg(feature = "xml")]
pub mod xml;

use std::borrow::Cow;

use base64::Engine as _;
use serde::de::DeserializeOwned;

use crate::error::ErrorMeta;
use crate::transport::HttpResponse;

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(value: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Checks the value of a `@hostLabel` member before it goes into the host:
/// letters, digits and hyphens, in dot-separated labels of 1 to 63.
pub fn host_label(member: &str, value: &str) -> Result<String, String> {
    let valid = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if value.split('.').all(valid) {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "{member} must be a valid host label to go into the endpoint's host, but is {value:?}"
        ))
    }
}

/// Percent-encodes a path label; a greedy label keeps its `/` separators.
pub fn encode_label(value: &str, greedy: bool) -> String {
    if greedy {
        value
            .split('/')
            .map(percent_encode)
            .collect::<Vec<_>>()
            .join("/")
    } else {
        percent_encode(value)
    }
}

/// Where the tokens of `@idempotencyToken` members come from: a fresh random
/// UUID v4 each time (the default), or one fixed token (`"0000…"`, for tests
/// that compare whole requests).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdempotencyTokenProvider(Option<Cow<'static, str>>);

impl IdempotencyTokenProvider {
    /// A fresh random UUID each time.
    pub fn random() -> IdempotencyTokenProvider {
        IdempotencyTokenProvider(None)
    }

    /// The next token.
    pub fn token(&self) -> String {
        match &self.0 {
            Some(fixed) => fixed.clone().into_owned(),
            None => random_uuid(),
        }
    }
}

impl From<&'static str> for IdempotencyTokenProvider {
    fn from(token: &'static str) -> IdempotencyTokenProvider {
        IdempotencyTokenProvider(Some(Cow::Borrowed(token)))
    }
}

/// A fresh random UUID (version 4).
fn random_uuid() -> String {
    let mut bytes: [u8; 16] = fastrand::u128(..).to_le_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A header's value as text, if present and valid UTF-8.
pub fn header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The headers whose names start with `prefix` (any case), by the rest of
/// their name in lower case; an empty map when there are none, as the
/// restXml suite's `HttpPrefixHeadersAreNotPresent` reads them.
pub fn prefix_headers(
    response: &HttpResponse,
    prefix: &str,
) -> Option<std::collections::HashMap<String, String>> {
    let prefix = prefix.to_ascii_lowercase();
    let found: std::collections::HashMap<String, String> = response
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            let key = name.as_str().strip_prefix(prefix.as_str())?;
            Some((key.to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    Some(found)
}

/// A request's headers or query parameters: names (static, or computed from
/// a map's keys) and values.
pub type Pairs = Vec<(std::borrow::Cow<'static, str>, String)>;

/// Adds a header unless one of that name (in any case) is already set.
fn push_unless_set(headers: &mut Pairs, name: std::borrow::Cow<'static, str>, value: String) {
    if !headers
        .iter()
        .any(|(bound, _)| bound.eq_ignore_ascii_case(&name))
    {
        headers.push((name, value));
    }
}

/// Adds the entries of an `@httpPrefixHeaders` map as headers named with
/// the prefix; a header a member binds wins over an entry of the same name.
pub fn push_prefix_headers(
    headers: &mut Pairs,
    prefix: &str,
    map: &std::collections::HashMap<String, String>,
) {
    for (key, value) in map {
        push_unless_set(headers, format!("{prefix}{key}").into(), value.clone());
    }
}

/// Adds the entries of an `@httpQueryParams` map, except the keys an
/// `@httpQuery` member binds (`bound`): those take precedence.
pub fn push_query_params(
    query: &mut Pairs,
    map: &std::collections::HashMap<String, String>,
    bound: &[&str],
) {
    for (key, value) in map.iter().filter(|(k, _)| !bound.contains(&k.as_str())) {
        query.push((key.clone().into(), value.clone()));
    }
}

/// [`push_query_params`] for a map of lists: one parameter per item.
pub fn push_query_param_lists(
    query: &mut Pairs,
    map: &std::collections::HashMap<String, Vec<String>>,
    bound: &[&str],
) {
    for (key, values) in map.iter().filter(|(k, _)| !bound.contains(&k.as_str())) {
        query.extend(
            values
                .iter()
                .map(|value| (key.clone().into(), value.clone())),
        );
    }
}

/// Adds Glacier's checksums of an upload's payload, unless the caller set
/// them: `X-Amz-Content-Sha256`, the SHA-256 of the whole, and
/// `X-Amz-Sha256-Tree-Hash`, the root of the SHA-256 tree over 1 MiB chunks.
pub fn glacier_checksums(headers: &mut Pairs, body: &[u8]) {
    use sha2::{Digest, Sha256};
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let mut level: Vec<Vec<u8>> = body
        .chunks(1024 * 1024)
        .map(|chunk| Sha256::digest(chunk).to_vec())
        .collect();
    if level.is_empty() {
        level.push(Sha256::digest(b"").to_vec());
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => Sha256::digest([a.as_slice(), b.as_slice()].concat()).to_vec(),
                [single] => single.clone(),
                _ => unreachable!("chunks of two"),
            })
            .collect();
    }
    let values = [
        ("X-Amz-Content-Sha256", hex(&Sha256::digest(body))),
        ("X-Amz-Sha256-Tree-Hash", hex(&level[0])),
    ];
    for (name, value) in values {
        push_unless_set(headers, name.into(), value);
    }
}

/// Every value of a list-valued header: the comma-separated items of all its
/// lines, with double-quoted items unquoted. `None` when the header is absent.
pub fn header_items(response: &HttpResponse, name: &str) -> Option<Vec<String>> {
    let mut lines = response.headers().get_all(name).iter().peekable();
    lines.peek()?;
    let mut items = Vec::new();
    for line in lines {
        items.extend(split_header_list(&String::from_utf8_lossy(line.as_bytes())));
    }
    Some(items)
}

/// Splits a header value at the commas that are not inside double quotes.
fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            while chars.next_if(|c| *c != ',').is_some() {}
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                item.push(c);
            }
            item.truncate(item.trim_end().len());
        }
        items.push(item);
        if chars.next().is_none() {
            return items;
        }
    }
}

/// Joins the items of a list-valued header with `, `, double-quoting the
/// items that hold a comma or a double quote.
pub fn join_header_items<I: IntoIterator<Item = String>>(items: I) -> String {
    let quoted: Vec<String> = items
        .into_iter()
        .map(|item| {
            if item.contains([',', '"']) {
                format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                item
            }
        })
        .collect();
    quoted.join(", ")
}

/// An HTTP-date list header split at every comma comes apart inside each
/// date (`Mon, 16 Dec 2019 23:48:18 GMT`): joins the pieces back, two by two.
pub fn pair_http_dates(items: Vec<String>) -> Vec<String> {
    items.chunks(2).map(|pair| pair.join(", ")).collect()
}

/// A number as header, query or label text: `NaN`, `Infinity` and
/// `-Infinity` as Smithy spells them, other values as Rust prints them.
pub fn float_text(text: String) -> String {
    match text.as_str() {
        "inf" => "Infinity".to_owned(),
        "-inf" => "-Infinity".to_owned(),
        _ => text,
    }
}

/// A string header with a `@mediaType` travels base64-encoded.
pub fn base64_header(value: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(value)
}

/// Decodes a base64-encoded string header; `None` unless it is base64 of UTF-8 text.
pub fn from_base64_header(value: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// Writes a union member that targets `smithy.api#Unit`: an empty object.
pub fn unit_member<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    serializer.serialize_map(Some(0))?.end()
}

/// Reads a union's JSON object: the one member that is set, by name, with
/// its value. A `__type` key (which some services add) and null members are
/// ignored; no member or several are an error.
pub fn union_member<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<(String, serde_json::Value), D::Error> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde::Deserialize::deserialize(deserializer)?;
    let mut set = object
        .into_iter()
        .filter(|(key, value)| key != "__type" && !value.is_null());
    match (set.next(), set.next()) {
        (Some(member), None) => Ok(member),
        (None, _) => Err(serde::de::Error::custom("a union with no member set")),
        (Some((a, _)), Some((b, _))) => Err(serde::de::Error::custom(format_args!(
            "a union with more than one member set ({a}, {b})"
        ))),
    }
}

/// Serde adapter for float members, for `#[serde(with = "...")]`: JSON has
/// no NaN or infinities, so they travel as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` (binary formats keep their own). Works on a float, an `Option`, a list or
/// a map of them.
pub mod non_finite {
    use std::collections::HashMap;

    /// What the adapter reads and writes.
    pub trait Floats: Sized + serde::Serialize + serde::de::DeserializeOwned {
        /// The value with its non-finite numbers as strings.
        fn to_json(&self) -> serde_json::Value;
        /// Reads the value, non-finite numbers from strings.
        fn from_json(value: serde_json::Value) -> Result<Self, String>;
    }

    fn number_to_json(value: f64) -> serde_json::Value {
        match serde_json::Number::from_f64(value) {
            Some(n) => serde_json::Value::Number(n),
            None if value.is_nan() => "NaN".into(),
            None if value > 0.0 => "Infinity".into(),
            None => "-Infinity".into(),
        }
    }

    fn number_from_json(value: &serde_json::Value) -> Result<f64, String> {
        match value {
            serde_json::Value::Number(n) => n.as_f64().ok_or_else(|| format!("{n} is not a float")),
            serde_json::Value::String(s) if s == "NaN" => Ok(f64::NAN),
            serde_json::Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
            serde_json::Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
            other => Err(format!("{other} is not a number")),
        }
    }

    impl Floats for f64 {
        fn to_json(&self) -> serde_json::Value {
            number_to_json(*self)
        }

        fn from_json(value: serde_json::Value) -> Result<Self, String> {
            number_from_json(&value)
        }
    }

    impl Floats for f32 {
        fn to_json(&self) -> serde_json::Value {
            // Through the shortest text of the f32, so that 1.1 stays 1.1.
            match self.to_string().parse::<f64>() {
                Ok(v) if self.is_finite() => number_to_json(v),
                _ => number_to_json(f64::from(*self)),
            }
        }

        fn from_json(value: serde_json::Value) -> Result<Self, String> {
            number_from_json(&value).map(|v| v as f32)
        }
    }

    impl<T: Floats> Floats for Option<T> {
        fn to_json(&self) -> serde_json::Value {
            self.as_ref().map_or(serde_json::Value::Null, T::to_json)
        }

        fn from_json(value: serde_json::Value) -> Result<Self, String> {
            match value {
                serde_json::Value::Null => Ok(None),
                value => T::from_json(value).map(Some),
            }
        }
    }

    impl<T: Floats> Floats for Vec<T> {
        fn to_json(&self) -> serde_json::Value {
            serde_json::Value::Array(self.iter().map(T::to_json).collect())
        }

        fn from_json(value: serde_json::Value) -> Result<Self, String> {
            match value {
                serde_json::Value::Array(items) => items.into_iter().map(T::from_json).collect(),
                other => Err(format!("{other} is not a list of numbers")),
            }
        }
    }

    impl<T: Floats> Floats for HashMap<String, T> {
        fn to_json(&self) -> serde_json::Value {
            serde_json::Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
        }

        fn from_json(value: serde_json::Value) -> Result<Self, String> {
            match value {
                serde_json::Value::Object(map) => map
                    .into_iter()
                    .map(|(k, v)| Ok((k, T::from_json(v)?)))
                    .collect(),
                other => Err(format!("{other} is not a map of numbers")),
            }
        }
    }

    /// Writes floats with `NaN` and the infinities as strings.
    pub fn serialize<T: Floats, S: serde::Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            // Binary formats have NaN and the infinities of their own.
            return value.serialize(serializer);
        }
        serde::Serialize::serialize(&value.to_json(), serializer)
    }

    /// Reads floats with `NaN` and the infinities as strings.
    pub fn deserialize<'de, T: Floats, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        if !deserializer.is_human_readable() {
            return T::deserialize(deserializer);
        }
        let value: serde_json::Value = serde::Deserialize::deserialize(deserializer)?;
        T::from_json(value).map_err(serde::de::Error::custom)
    }
}

/// Reads a JSON body into `T`; an empty body reads as `{}`.
pub fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| format!("invalid JSON body: {e}"))
}

/// Removes a namespace prefix (`aws.lambda#`) and a `:`-suffix (`:http://...`)
/// from an error code, as restJson1 specifies.
pub fn sanitize_error_code(raw: &str) -> String {
    let code = raw.split(':').next().unwrap_or(raw);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim().to_owned()
}

/// Code, message, status and request ID of an error response. The code comes
/// from `X-Amzn-Errortype`, else the body's `__type` or `code`.
pub fn error_meta(response: &HttpResponse) -> ErrorMeta {
    let body: Option<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(response.body()).ok();
    let from_body = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            body.as_ref()
                .and_then(|b| b.get(*k))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        })
    };
    let code = header(response, "x-amzn-errortype")
        .map(str::to_owned)
        .or_else(|| from_body(&["__type", "code"]))
        .map(|c| sanitize_error_code(&c))
        .filter(|c| !c.is_empty());
    ErrorMeta {
        code,
        message: from_body(&["message", "Message", "errorMessage"]),
        status: response.status().as_u16(),
        request_id: request_id(response),
        shape: None,
    }
}

/// [`error_meta`] for a service marked `aws.protocols#awsQueryCompatible`:
/// the code is the awsQuery one from `x-amzn-query-error` (`Code;Fault`),
/// if the response has it, while the shape is still named by `__type`.
pub fn query_compatible_error_meta(response: &HttpResponse) -> ErrorMeta {
    let mut meta = error_meta(response);
    let query_code = header(response, "x-amzn-query-error")
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(code) = query_code {
        meta.shape = meta.code.replace(code.to_owned());
    }
    meta
}

/// Error meta of rpcv2Json: the code is the body's `__type` only (a header
/// of the same meaning is not looked at), sanitised as restJson1 does.
pub fn rpc_v2_json_error_meta(response: &HttpResponse) -> ErrorMeta {
    let body: Option<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(response.body()).ok();
    let text = |key: &str| {
        body.as_ref()
            .and_then(|b| b.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    ErrorMeta {
        code: text("__type")
            .map(|c| sanitize_error_code(&c))
            .filter(|c| !c.is_empty()),
        message: text("message").or_else(|| text("Message")),
        status: response.status().as_u16(),
        request_id: request_id(response),
        shape: None,
    }
}

/// The request ID the service sent.
pub fn request_id(response: &HttpResponse) -> Option<String> {
    header(response, "x-amzn-requestid")
        .or_else(|| header(response, "x-amz-request-id"))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_sanitized() {
        assert_eq!(
            sanitize_error_code("ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
        assert_eq!(
            sanitize_error_code("aws.lambda#ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
        assert_eq!(
            sanitize_error_code("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "ResourceNotFoundException"
        );
        assert_eq!(sanitize_error_code("a.b#Oops:x"), "Oops");
    }

    #[test]
    fn labels_and_tokens() {
        assert_eq!(encode_label("a/b c", false), "a%2Fb%20c");
        assert_eq!(encode_label("a/b c", true), "a/b%20c");
        let random = IdempotencyTokenProvider::random();
        let token = random.token();
        assert_eq!(token.len(), 36);
        assert_eq!(&token[14..15], "4");
        assert_ne!(token, random.token());
        let fixed = IdempotencyTokenProvider::from("00000000-0000-4000-8000-000000000000");
        assert_eq!(fixed.token(), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn list_headers_quote_what_holds_commas_or_quotes() {
        let joined =
            join_header_items(["a".to_owned(), "b, c".to_owned(), "say \"hi\"".to_owned()]);
        assert_eq!(joined, r#"a, "b, c", "say \"hi\"""#);
        assert_eq!(split_header_list(&joined), ["a", "b, c", "say \"hi\""]);
        assert_eq!(
            split_header_list("p1, \"p2, x\",p3 "),
            ["p1", "p2, x", "p3"]
        );
        assert_eq!(split_header_list(""), [""]);
        let r = response(200, &[("x-l", "a, b"), ("X-L", "c")], "");
        assert_eq!(
            header_items(&r, "x-l"),
            Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
        );
        assert_eq!(header_items(&r, "x-missing"), None);
    }

    #[test]
    fn non_finite_floats_travel_as_strings() {
        use non_finite::Floats;
        assert_eq!(f64::NAN.to_json(), serde_json::json!("NaN"));
        assert_eq!(f32::INFINITY.to_json(), serde_json::json!("Infinity"));
        assert_eq!(
            Some(f64::NEG_INFINITY).to_json(),
            serde_json::json!("-Infinity")
        );
        assert_eq!(1.1f32.to_json(), serde_json::json!(1.1));
        assert!(f64::from_json(serde_json::json!("NaN")).is_ok_and(f64::is_nan));
        assert_eq!(
            Vec::<f32>::from_json(serde_json::json!([1.5, "Infinity"])),
            Ok(vec![1.5, f32::INFINITY])
        );
        assert!(f64::from_json(serde_json::json!("nan")).is_err());
        assert_eq!(float_text(f64::INFINITY.to_string()), "Infinity");
        assert_eq!(float_text(f32::NEG_INFINITY.to_string()), "-Infinity");
        assert_eq!(float_text(f64::NAN.to_string()), "NaN");
        assert_eq!(float_text(1.5f64.to_string()), "1.5");
    }

    #[test]
    fn a_union_is_its_one_set_member() {
        let read = |text: &str| {
            union_member(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string())
        };
        assert_eq!(
            read(r#"{"__type": "a#U", "s": "x"}"#),
            Ok(("s".to_owned(), serde_json::json!("x")))
        );
        assert_eq!(
            read(r#"{"s": null, "n": 1}"#),
            Ok(("n".to_owned(), serde_json::json!(1)))
        );
        assert!(read("{}").is_err_and(|e| e.contains("no member")));
        assert!(read(r#"{"a": 1, "b": 2}"#).is_err_and(|e| e.contains("(a, b)")));
    }

    #[test]
    fn bound_members_win_over_map_entries() {
        let mut headers: Pairs = vec![("hello".into(), "There".to_owned())];
        let map = std::collections::HashMap::from([
            ("Hello".to_owned(), "Hi".to_owned()),
            ("x".to_owned(), "1".to_owned()),
        ]);
        push_prefix_headers(&mut headers, "", &map);
        headers.sort();
        assert_eq!(
            headers,
            [
                ("hello".into(), "There".to_owned()),
                ("x".into(), "1".to_owned())
            ]
        );
        let mut query: Pairs = vec![("a".into(), "bound".to_owned())];
        let lists = std::collections::HashMap::from([
            ("a".to_owned(), vec!["x".to_owned()]),
            ("b".to_owned(), vec!["1".to_owned(), "2".to_owned()]),
        ]);
        push_query_param_lists(&mut query, &lists, &["a"]);
        assert_eq!(
            query,
            [
                ("a".into(), "bound".to_owned()),
                ("b".into(), "1".to_owned()),
                ("b".into(), "2".to_owned())
            ]
        );
    }

    #[test]
    fn glacier_tree_hashes() {
        let mut headers = Vec::new();
        glacier_checksums(&mut headers, b"hello world");
        let whole = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(
            headers,
            [
                ("X-Amz-Content-Sha256".into(), whole.to_owned()),
                ("X-Amz-Sha256-Tree-Hash".into(), whole.to_owned())
            ]
        );
        // Three chunks: the tree pairs the first two and carries the third up.
        let body = vec![b'a'; 2 * 1024 * 1024 + 1];
        let mut headers = vec![("x-amz-content-sha256".into(), "given".to_owned())];
        glacier_checksums(&mut headers, &body);
        assert_eq!(headers[0].1, "given", "a checksum the caller set is kept");
        use sha2::{Digest, Sha256};
        let leaf = |c: &[u8]| Sha256::digest(c).to_vec();
        let (a, b, c) = (
            leaf(&body[..1 << 20]),
            leaf(&body[1 << 20..2 << 20]),
            leaf(&body[2 << 20..]),
        );
        let root = Sha256::digest([Sha256::digest([a, b].concat()).to_vec(), c].concat());
        let hex: String = root.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(headers[1].1, hex);
    }

    #[test]
    fn media_type_headers_and_date_lists() {
        assert_eq!(base64_header("true"), "dHJ1ZQ==");
        assert_eq!(from_base64_header("dHJ1ZQ==").as_deref(), Some("true"));
        assert_eq!(from_base64_header("***"), None);
        let items =
            split_header_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT");
        assert_eq!(
            pair_http_dates(items),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Tue, 17 Dec 2019 23:48:18 GMT"
            ]
        );
    }

    #[test]
    fn unreserved_characters_only_are_left_alone() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(
            percent_encode("arn:aws:x/y+z=1&b c"),
            "arn%3Aaws%3Ax%2Fy%2Bz%3D1%26b%20c"
        );
        assert_eq!(percent_encode("é"), "%C3%A9");
    }

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut b = http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(body.as_bytes().to_vec()).expect("valid response")
    }

    #[test]
    fn error_code_sources_in_order() {
        let r = response(
            404,
            &[("X-Amzn-Errortype", "A:x"), ("x-amzn-RequestId", "r1")],
            r#"{"__type":"B","message":"m"}"#,
        );
        let meta = error_meta(&r);
        assert_eq!(meta.code(), Some("A"));
        assert_eq!(meta.message(), Some("m"));
        assert_eq!(meta.request_id(), Some("r1"));
        assert_eq!(
            error_meta(&response(400, &[], r#"{"__type":"ns#B"}"#)).code(),
            Some("B")
        );
        assert_eq!(
            error_meta(&response(400, &[], r#"{"code":"C","Message":"n"}"#)).message(),
            Some("n")
        );
        assert_eq!(error_meta(&response(500, &[], "<html>")).code(), None);
    }

    #[test]
    fn query_compatible_codes_and_rpc_v2_types() {
        let body = r#"{"__type":"aws.q#CustomCodeError","message":"Hi"}"#;
        let r = response(400, &[("x-amzn-query-error", "Customized;Sender")], body);
        let meta = query_compatible_error_meta(&r);
        assert_eq!(meta.code(), Some("Customized"));
        assert_eq!(meta.shape_name(), Some("CustomCodeError"));
        let plain = query_compatible_error_meta(&response(400, &[], body));
        assert_eq!(plain.code(), Some("CustomCodeError"));
        assert_eq!(plain.shape_name(), Some("CustomCodeError"));
        let r = response(400, &[("X-Amzn-Errortype", "Header")], body);
        let meta = rpc_v2_json_error_meta(&r);
        assert_eq!(meta.code(), Some("CustomCodeError"));
        assert_eq!(meta.message(), Some("Hi"));
        assert_eq!(
            rpc_v2_json_error_meta(&response(500, &[], "<x>")).code(),
            None
        );
    }
}
