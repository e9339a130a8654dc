//! CBOR bodies of `smithy.protocols#rpcv2Cbor`, on `ciborium`. The
//! generated types' serde impls serve both JSON and CBOR: blobs, timestamps
//! and non-finite floats take their CBOR form (byte strings, tag 1 epoch
//! seconds, native NaN and infinities) when the serializer is not
//! human-readable.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ErrorMeta;
use crate::transport::HttpResponse;

/// How deep a body may nest before it is refused, so that hostile input
/// cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// The CBOR encoding of `value`.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).map_err(|e| format!("cannot encode CBOR: {e}"))?;
    Ok(out)
}

/// Reads a CBOR body into `T`; an empty body reads as an empty map. Bytes
/// after the first data item, nesting deeper than 128 and malformed items
/// are refused.
pub fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let mut rest = if body.is_empty() { &[0xa0][..] } else { body };
    let value = ciborium::de::from_reader_with_recursion_limit(&mut rest, MAX_DEPTH)
        .map_err(|e| format!("invalid CBOR body: {e}"))?;
    if !rest.is_empty() {
        return Err(format!(
            "invalid CBOR body: {} bytes after the end of the data item",
            rest.len()
        ));
    }
    Ok(value)
}

/// Code, message, status and request ID of an rpcv2Cbor error response:
/// the code is the body's `__type`, sanitised as restJson1 does.
pub fn error_meta(response: &HttpResponse) -> ErrorMeta {
    let body = parse_body::<ciborium::Value>(response.body())
        .ok()
        .and_then(|v| v.into_map().ok());
    let text = |key: &str| {
        body.iter().flatten().find_map(|(k, v)| match (k, v) {
            (ciborium::Value::Text(k), ciborium::Value::Text(v)) if k == key => Some(v.clone()),
            _ => None,
        })
    };
    ErrorMeta {
        code: text("__type")
            .map(|c| super::sanitize_error_code(&c))
            .filter(|c| !c.is_empty()),
        message: text("message").or_else(|| text("Message")),
        status: response.status().as_u16(),
        request_id: super::request_id(response),
        shape: None,
    }
}

/// Timestamps in CBOR: tag 1, epoch seconds as a float.
pub(crate) fn serialize_timestamp<S: serde::Serializer>(
    seconds: i64,
    nanos: u32,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    // Whole seconds are an integer, the shorter form; others a float.
    if nanos == 0 {
        ciborium::tag::Required::<i64, 1>(seconds).serialize(serializer)
    } else {
        let value = seconds as f64 + f64::from(nanos) / 1e9;
        ciborium::tag::Required::<f64, 1>(value).serialize(serializer)
    }
}

/// Reads a CBOR timestamp: tag 1 (or no tag) over an integer or a float.
pub(crate) fn deserialize_timestamp<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<f64, D::Error> {
    use serde::de::Error as _;
    let value = <ciborium::Value as serde::Deserialize>::deserialize(deserializer)?;
    let number = match value {
        ciborium::Value::Tag(1, inner) => *inner,
        ciborium::Value::Tag(tag, _) => {
            return Err(D::Error::custom(format_args!(
                "a timestamp has tag {tag}, not 1"
            )))
        }
        other => other,
    };
    match number {
        ciborium::Value::Float(f) => Ok(f),
        ciborium::Value::Integer(i) => {
            let i = i128::from(i);
            Ok(i as f64)
        }
        _ => Err(D::Error::custom("a timestamp is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::{Blob, DateTime};

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct S {
        blob: Blob,
        when: DateTime,
        #[serde(with = "crate::protocol::non_finite")]
        float: f64,
    }

    #[test]
    fn blobs_timestamps_and_floats_take_their_cbor_forms() {
        let s = S {
            blob: Blob::new(b"hi".to_vec()),
            when: DateTime::from_secs(1_576_540_098),
            float: f64::INFINITY,
        };
        let bytes = to_vec(&s).expect("encodes");
        let value: ciborium::Value = parse_body(&bytes).expect("decodes");
        let map = value.into_map().expect("a map");
        assert_eq!(map[0].1, ciborium::Value::Bytes(b"hi".to_vec()));
        assert!(matches!(&map[1].1, ciborium::Value::Tag(1, _)));
        assert_eq!(map[2].1, ciborium::Value::Float(f64::INFINITY));
        assert_eq!(parse_body::<S>(&bytes).expect("reads back"), s);
    }

    #[test]
    fn malformed_and_hostile_bodies_are_refused() {
        // A map claiming 2^32 entries, a truncated string, trailing bytes, deep nesting.
        assert!(parse_body::<ciborium::Value>(&[0xba, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(parse_body::<ciborium::Value>(&[0x65, b'a']).is_err());
        assert!(parse_body::<ciborium::Value>(&[0xa0, 0x00]).is_err());
        assert!(parse_body::<ciborium::Value>(&[0x81; 10_000]).is_err());
        // Byte and text strings and arrays claiming 2^63 items, definite and in chunks.
        let huge = [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        for head in [0x5b, 0x7b, 0x9b] {
            assert!(parse_body::<ciborium::Value>(&[&[head][..], &huge].concat()).is_err());
        }
        assert!(parse_body::<ciborium::Value>(&[&[0x5f, 0x5b][..], &huge].concat()).is_err());
        // A text string that is not UTF-8, and a break outside any indefinite item.
        assert!(parse_body::<ciborium::Value>(&[0x62, 0xc3, 0x28]).is_err());
        assert!(parse_body::<ciborium::Value>(&[0xff]).is_err());
        let empty: std::collections::HashMap<String, u8> = parse_body(&[]).expect("empty");
        assert!(empty.is_empty());
    }

    #[test]
    fn error_codes_come_from_the_body() {
        let body = to_vec(&std::collections::BTreeMap::from([
            ("__type", "ns#Boom"),
            ("message", "m"),
        ]))
        .expect("encodes");
        let response = http::Response::builder()
            .status(400)
            .body(body)
            .expect("a response");
        let meta = error_meta(&response);
        assert_eq!(meta.code(), Some("Boom"));
        assert_eq!(meta.message(), Some("m"));
    }
}
