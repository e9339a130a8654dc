//! The Smithy protocol compliance tests a client must pass
//! (`smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`
//! whose `appliesTo` is absent or `client`), checked against the model.

use heck::ToSnakeCase;
use serde::Deserialize;
use serde_json::Value as Json;

use super::value::{self, Value};
use super::TypeId;
use crate::load::ast;
use crate::model::Model;

/// The trait of request tests.
pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// The trait of response tests.
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// One protocol test of an operation or of one of its errors.
#[derive(Debug, Clone)]
pub struct ProtocolTest {
    /// The test's ID in the model (`RestJsonListsSerializeNull`).
    pub id: String,
    /// The Rust test function (`rest_json_lists_serialize_null`), unique in its operation.
    pub name: String,
    /// What it checks.
    pub docs: String,
    /// What it does.
    pub kind: ProtocolTestKind,
}

/// What a protocol test does.
#[derive(Debug, Clone)]
pub enum ProtocolTestKind {
    /// Send the input and compare the request with the expectation.
    Request {
        /// The input.
        input: Value,
        /// The request it must become.
        expect: Box<RequestTest>,
    },
    /// Read the response as the output and compare with the expected output.
    Response {
        /// The expected output.
        output: Value,
        /// The response.
        response: ResponseTest,
    },
    /// Read the response as the error and compare with the expected error.
    Error {
        /// The error structure.
        ty: TypeId,
        /// Its expected members.
        value: Value,
        /// The response.
        response: ResponseTest,
    },
    /// The test cannot be generated; it fails with this reason.
    Unsupported(String),
}

/// What the request of a request test must be.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestTest {
    /// The method.
    pub method: String,
    /// The path, percent-encoded.
    pub uri: String,
    /// The host the client is configured with.
    pub host: Option<String>,
    /// The host the request goes to.
    pub resolved_host: Option<String>,
    /// Query parameters that must be present, `key=value` as encoded.
    #[serde(default)]
    pub query_params: Vec<String>,
    /// Query parameter names that must be absent.
    #[serde(default)]
    pub forbid_query_params: Vec<String>,
    /// Query parameter names that must be present.
    #[serde(default)]
    pub require_query_params: Vec<String>,
    /// Headers that must have these values.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// Header names that must be absent.
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    /// Header names that must be present.
    #[serde(default)]
    pub require_headers: Vec<String>,
    /// The body, if the test checks it.
    pub body: Option<String>,
    /// How to compare the body (`application/json` compares as JSON).
    pub body_media_type: Option<String>,
    /// Client settings of the test's `aws.protocoltests.config#AwsConfig`
    /// `vendorParams` (`scopedConfig.client`).
    #[serde(skip)]
    pub client_config: Vec<Setting>,
    /// Settings of the same `vendorParams` for this call alone
    /// (`scopedConfig.operation`).
    #[serde(skip)]
    pub operation_config: Vec<Setting>,
}

/// A client setting a test's `vendorParams` ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// The region. The test's `host` is then the region's own endpoint,
    /// which the client resolves instead of taking it as an override.
    Region(String),
    /// S3's `addressing_style`: `path` forces path-style addressing.
    ForcePathStyle(bool),
    /// S3's `use_accelerate_endpoint`.
    Accelerate(bool),
    /// S3's `use_dualstack_endpoint`.
    UseDualStack(bool),
}

const AWS_CONFIG: &str = "aws.protocoltests.config#AwsConfig";

/// The settings of one scope (`client` or `operation`) of an `AwsConfig`;
/// a setting the generated clients do not have fails the test by name.
fn scope_settings(scope: &Json, at: &str) -> Result<Vec<Setting>, String> {
    let mut out = Vec::new();
    let Some(scope) = scope.as_object() else {
        return Ok(out);
    };
    for (key, value) in scope {
        match (key.as_str(), value) {
            ("region", Json::String(region)) => out.push(Setting::Region(region.clone())),
            ("s3", Json::Object(s3)) => {
                for (key, value) in s3 {
                    out.push(match (key.as_str(), value) {
                        ("addressing_style", Json::String(style)) => match style.as_str() {
                            "path" => Setting::ForcePathStyle(true),
                            "virtual" | "auto" => Setting::ForcePathStyle(false),
                            other => {
                                return Err(format!(
                                    "{at}.s3.addressing_style {other:?} is unknown"
                                ))
                            }
                        },
                        ("use_accelerate_endpoint", Json::Bool(b)) => Setting::Accelerate(*b),
                        ("use_dualstack_endpoint", Json::Bool(b)) => Setting::UseDualStack(*b),
                        (other, _) => {
                            return Err(format!(
                                "{at}.s3.{other} is not a setting of the generated clients"
                            ))
                        }
                    });
                }
            }
            (other, _) => {
                return Err(format!(
                    "{at}.{other} is not a setting of the generated clients"
                ))
            }
        }
    }
    Ok(out)
}

/// The response of a response test.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseTest {
    /// The status code.
    pub code: u16,
    /// The headers.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// The body.
    pub body: Option<String>,
    /// Its media type.
    pub body_media_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTest {
    id: String,
    protocol: String,
    #[serde(default)]
    documentation: Option<String>,
    #[serde(default)]
    params: Json,
    #[serde(default)]
    applies_to: Option<String>,
}

/// The client tests for `protocol` in trait `name` of shape `owner`, each
/// with the structure its `params` are checked against, lowered with `make`.
/// A test whose params do not fit becomes [`ProtocolTestKind::Unsupported`].
pub fn lower(
    model: &Model,
    owner: &ast::Shape,
    name: &str,
    protocol: &str,
    target: &str,
    make: impl Fn(Value, &Json) -> Result<ProtocolTestKind, String>,
) -> Vec<ProtocolTest> {
    let Some(Json::Array(tests)) = owner.traits.get(name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for raw in tests {
        let test = match RawTest::deserialize(raw) {
            Ok(test) => test,
            Err(e) => {
                // A test the generator cannot read still counts, as a failure.
                let id = raw.get("id").and_then(Json::as_str).unwrap_or("(no id)");
                out.push(ProtocolTest {
                    name: id.to_snake_case(),
                    id: id.to_owned(),
                    docs: String::new(),
                    kind: ProtocolTestKind::Unsupported(format!("the test is malformed: {e}")),
                });
                continue;
            }
        };
        if test.protocol != protocol || test.applies_to.as_deref() == Some("server") {
            continue;
        }
        let params = if test.params.is_null() {
            Json::Object(Default::default())
        } else {
            test.params.clone()
        };
        let kind = value::check(model, target, &params)
            .map_err(|e| format!("the params: {e}"))
            .and_then(|v| make(v, raw))
            .unwrap_or_else(ProtocolTestKind::Unsupported);
        out.push(ProtocolTest {
            name: test.id.to_snake_case(),
            id: test.id,
            docs: test.documentation.unwrap_or_default(),
            kind,
        });
    }
    out
}

/// The request expectation of a raw request test.
pub fn request(raw: &Json) -> Result<RequestTest, String> {
    let mut test = RequestTest::deserialize(raw).map_err(|e| format!("the request test: {e}"))?;
    if raw.get("vendorParamsShape").and_then(Json::as_str) == Some(AWS_CONFIG) {
        let scoped = raw
            .get("vendorParams")
            .and_then(|v| v.get("scopedConfig"))
            .unwrap_or(&Json::Null);
        let at = "vendorParams.scopedConfig";
        test.client_config = scope_settings(&scoped["client"], &format!("{at}.client"))?;
        test.operation_config = scope_settings(&scoped["operation"], &format!("{at}.operation"))?;
    }
    Ok(test)
}

/// The response of a raw response test.
pub fn response(raw: &Json) -> Result<ResponseTest, String> {
    ResponseTest::deserialize(raw).map_err(|e| format!("the response test: {e}"))
}

/// Makes the test function names of one operation unique, in order.
pub fn dedupe_names(tests: &mut [ProtocolTest]) {
    let mut seen = std::collections::BTreeSet::new();
    for t in tests {
        while !seen.insert(t.name.clone()) {
            t.name.push('_');
        }
    }
}
