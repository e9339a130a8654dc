//! Any bytes as an rpcv2Cbor response body, read as the generated types read
//! theirs: a value or an error, never a panic, an abort on a huge claimed
//! length, or a stack overflow; and the error code reader never panics either.

#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use smithy_lean_runtime::primitives::{Blob, DateTime, Document};
use smithy_lean_runtime::protocol::cbor;

/// The kinds of member a generated structure has, recursive as shapes may be.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Body {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    blob: Option<Blob>,
    #[serde(default)]
    when: Option<DateTime>,
    #[serde(default, with = "smithy_lean_runtime::protocol::non_finite")]
    float: Option<f64>,
    #[serde(default)]
    long: Option<i64>,
    #[serde(default)]
    list: Option<Vec<Body>>,
    #[serde(default)]
    map: Option<HashMap<String, Option<Body>>>,
    #[serde(default)]
    document: Option<Document>,
}

fuzz_target!(|data: &[u8]| {
    if let Ok(body) = cbor::parse_body::<Body>(data) {
        // What was read writes again.
        cbor::to_vec(&body).expect("a value read from CBOR encodes");
    }
    let _ = cbor::parse_body::<ciborium::Value>(data);
    let response = http::Response::builder()
        .status(400)
        .body(data.to_vec())
        .expect("a valid response");
    let _ = cbor::error_meta(&response);
});
