//! Typed readers for the trait values the generator uses. A malformed value is
//! an [`Error::InvalidTrait`] naming the shape and the trait.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::ast::Traits;

pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const REQUIRED: &str = "smithy.api#required";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const HTTP: &str = "smithy.api#http";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ENUM: &str = "smithy.api#enum";
pub const PAGINATED: &str = "smithy.api#paginated";
pub const EXAMPLES: &str = "smithy.api#examples";
pub const LENGTH: &str = "smithy.api#length";
pub const RANGE: &str = "smithy.api#range";
pub const PATTERN: &str = "smithy.api#pattern";
pub const TITLE: &str = "smithy.api#title";
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const READONLY: &str = "smithy.api#readonly";
pub const IDEMPOTENT: &str = "smithy.api#idempotent";
pub const DEFAULT: &str = "smithy.api#default";
pub const SPARSE: &str = "smithy.api#sparse";
pub const ENDPOINT: &str = "smithy.api#endpoint";
pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";

/// `smithy.api#requestCompression`.
#[derive(Deserialize)]
pub struct RequestCompression {
    pub encodings: Vec<String>,
}
pub const HOST_LABEL: &str = "smithy.api#hostLabel";

/// `smithy.api#endpoint`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub host_prefix: String,
}
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const XML_NAME: &str = "smithy.api#xmlName";
pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
pub const PROTOCOL_DEFINITION: &str = "smithy.api#protocolDefinition";
pub const HTTP_CHECKSUM: &str = "aws.protocols#httpChecksum";
pub const S3_UNWRAPPED_XML_OUTPUT: &str = "aws.customizations#s3UnwrappedXmlOutput";

/// `smithy.api#deprecated`.
#[derive(Deserialize, Default)]
pub struct Deprecated {
    pub message: Option<String>,
    pub since: Option<String>,
}
pub const AWS_SERVICE: &str = "aws.api#service";
pub const SIGV4: &str = "aws.auth#sigv4";

/// Reads trait `name` of `owner` as a `T`, if present.
pub fn get<T: DeserializeOwned>(owner: &str, traits: &Traits, name: &str) -> Result<Option<T>> {
    traits
        .get(name)
        .map(|value| {
            T::deserialize(value).map_err(|e| Error::InvalidTrait {
                shape: owner.to_owned(),
                name: name.to_owned(),
                reason: e.to_string(),
            })
        })
        .transpose()
}

/// `smithy.api#http`.
#[derive(Deserialize)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: Option<u16>,
}

/// `smithy.api#paginated`, on an operation or as the service's defaults.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub page_size: Option<String>,
    pub items: Option<String>,
}

/// One entry of `smithy.api#examples`.
#[derive(Deserialize)]
pub struct Example {
    pub title: String,
    pub documentation: Option<String>,
    #[serde(default)]
    pub input: Value,
    pub output: Option<Value>,
    pub error: Option<ExampleError>,
}

/// The `error` of an example: which error, and its members.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleError {
    pub shape_id: String,
    #[serde(default)]
    pub content: Value,
}

/// One entry of the Smithy 1.0 `smithy.api#enum` trait.
#[derive(Deserialize)]
pub struct EnumDefinition {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
}

/// `aws.api#service`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsService {
    pub sdk_id: String,
    pub endpoint_prefix: Option<String>,
}

/// `aws.auth#sigv4`.
#[derive(Deserialize)]
pub struct Sigv4 {
    pub name: String,
}

/// `smithy.api#length`.
#[derive(Deserialize)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `smithy.api#range`.
#[derive(Deserialize)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// `aws.protocols#awsQueryError`: an error's awsQuery code and status.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsQueryError {
    pub code: String,
    pub http_response_code: u16,
}

/// `smithy.api#xmlNamespace`.
#[derive(Debug, Clone, Deserialize)]
pub struct XmlNamespaceTrait {
    pub uri: String,
    #[serde(default)]
    pub prefix: Option<String>,
}
