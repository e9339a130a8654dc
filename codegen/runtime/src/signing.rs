//! SigV4 signing with the `aws-sigv4` crate, as the service and the
//! resolved endpoint's `authSchemes` property say.

use std::time::SystemTime;

use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use serde_json::Value;

use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::transport::HttpRequest;

/// How a service signs by default, from its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningDefaults {
    /// The SigV4 signing name (`aws.auth#sigv4`).
    pub name: &'static str,
    /// Whether the path is signed as sent rather than encoded a second time
    /// and normalized, and the `x-amz-content-sha256` header is signed (S3's
    /// rules).
    pub s3: bool,
}

/// What one request is signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningParams<'a> {
    /// The signing name.
    pub name: &'a str,
    /// The signing region.
    pub region: &'a str,
    /// Whether the path is percent-encoded again for the canonical request.
    pub double_encode: bool,
    /// Whether `.` and `..` segments of the path are resolved for the canonical request.
    pub normalize_path: bool,
    /// Whether the `x-amz-content-sha256` header is added and signed.
    pub content_sha256_header: bool,
}

impl<'a> SigningParams<'a> {
    /// The parameters for a request to `endpoint`: the service's, with the
    /// first SigV4 entry of the endpoint's `authSchemes` property applied
    /// (`signingName`, `signingRegion`, `disableDoubleEncoding`,
    /// `disableNormalizePath`). Fails, naming them, when the endpoint lists
    /// only schemes other than SigV4 (`sigv4a`, `sigv4-s3express`).
    pub fn for_endpoint(
        defaults: &SigningDefaults,
        region: &'a str,
        endpoint: &'a Endpoint,
    ) -> Result<SigningParams<'a>, String> {
        let mut params = SigningParams {
            name: defaults.name,
            region,
            double_encode: !defaults.s3,
            normalize_path: !defaults.s3,
            content_sha256_header: defaults.s3,
        };
        let Some(schemes) = endpoint.properties().get("authSchemes") else {
            return Ok(params);
        };
        let schemes = schemes.as_array().map(Vec::as_slice).unwrap_or_default();
        fn name_of(scheme: &Value) -> &str {
            scheme.get("name").and_then(Value::as_str).unwrap_or("")
        }
        let Some(sigv4) = schemes.iter().find(|s| name_of(s) == "sigv4") else {
            if schemes.is_empty() {
                return Ok(params);
            }
            let names: Vec<&str> = schemes.iter().map(name_of).collect();
            return Err(format!(
                "the endpoint asks for the auth scheme {}, which this client does not support (it signs with sigv4 only)",
                names.join(" or ")
            ));
        };
        let text = |key: &str| sigv4.get(key).and_then(Value::as_str);
        let flag = |key: &str| sigv4.get(key).and_then(Value::as_bool);
        if let Some(name) = text("signingName") {
            params.name = name;
        }
        if let Some(region) = text("signingRegion") {
            params.region = region;
        }
        if let Some(disable) = flag("disableDoubleEncoding") {
            params.double_encode = !disable;
        }
        if let Some(disable) = flag("disableNormalizePath") {
            params.normalize_path = !disable;
        }
        Ok(params)
    }
}

/// Adds the SigV4 `Authorization`, `X-Amz-Date` and (for temporary
/// credentials) `X-Amz-Security-Token` headers to `request`, and
/// `x-amz-content-sha256` when `params` say.
pub fn sign_request(
    request: &mut HttpRequest,
    credentials: &Credentials,
    params: &SigningParams<'_>,
    time: SystemTime,
) -> Result<(), String> {
    let identity = credentials.clone().into();
    let mut settings = SigningSettings::default();
    if !params.double_encode {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
    }
    if !params.normalize_path {
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    if params.content_sha256_header {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    let signing = v4::SigningParams::builder()
        .identity(&identity)
        .region(params.region)
        .name(params.name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), value.to_str().map_err(|e| e.to_string())?)))
        .collect::<Result<Vec<_>, String>>()?;
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )
    .map_err(|e| e.to_string())?;
    let (instructions, _signature) = sign(signable, &signing)
        .map_err(|e| e.to_string())?
        .into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LAMBDA: SigningDefaults = SigningDefaults {
        name: "lambda",
        s3: false,
    };
    const S3: SigningDefaults = SigningDefaults {
        name: "s3",
        s3: true,
    };

    #[test]
    fn without_auth_schemes_the_service_defaults_apply() {
        let endpoint = Endpoint::new("https://lambda.us-east-1.amazonaws.com");
        let params = SigningParams::for_endpoint(&LAMBDA, "us-east-1", &endpoint).unwrap();
        assert_eq!(
            params,
            SigningParams {
                name: "lambda",
                region: "us-east-1",
                double_encode: true,
                normalize_path: true,
                content_sha256_header: false,
            }
        );
        let params = SigningParams::for_endpoint(&S3, "us-east-1", &endpoint).unwrap();
        assert!(!params.double_encode && !params.normalize_path && params.content_sha256_header);
    }

    #[test]
    fn the_first_sigv4_scheme_overrides_name_region_and_encoding() {
        let endpoint = Endpoint::new("https://b.s3-outposts.us-west-2.amazonaws.com")
            .with_property(
                "authSchemes",
                json!([
                    {"name": "sigv4a", "signingName": "s3-outposts", "signingRegionSet": ["*"]},
                    {"name": "sigv4", "signingName": "s3-outposts", "signingRegion": "us-west-2",
                     "disableDoubleEncoding": true, "disableNormalizePath": true}
                ]),
            );
        let params = SigningParams::for_endpoint(&LAMBDA, "us-east-1", &endpoint).unwrap();
        assert_eq!(params.name, "s3-outposts");
        assert_eq!(params.region, "us-west-2");
        assert!(!params.double_encode && !params.normalize_path);
    }

    #[test]
    fn schemes_other_than_sigv4_are_refused_by_name() {
        let endpoint = Endpoint::new("https://mrap.accesspoint.s3-global.amazonaws.com")
            .with_property(
                "authSchemes",
                json!([{"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"]}]),
            );
        let err = SigningParams::for_endpoint(&S3, "us-east-1", &endpoint).unwrap_err();
        assert!(err.contains("sigv4a"), "{err}");
    }

    #[test]
    fn s3_signing_adds_the_payload_hash_and_keeps_the_path() {
        let credentials = Credentials::new("AKID", "SECRET", None, None, "test");
        let mut request = http::Request::builder()
            .method("GET")
            .uri("https://b.s3.us-east-1.amazonaws.com/a%20b/../c")
            .body(Vec::new())
            .unwrap();
        let endpoint = Endpoint::new("https://b.s3.us-east-1.amazonaws.com");
        let params = SigningParams::for_endpoint(&S3, "us-east-1", &endpoint).unwrap();
        sign_request(&mut request, &credentials, &params, SystemTime::UNIX_EPOCH).unwrap();
        assert_eq!(
            request.headers()["x-amz-content-sha256"],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(request.headers().contains_key("authorization"));
    }
}
