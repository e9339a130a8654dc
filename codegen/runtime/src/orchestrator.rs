//! Runs one call: endpoint, signing, sending, timeouts, retries, and turning
//! the response into the operation's output or error.

use std::borrow::Cow;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tracing::Instrument;

use crate::config::{Builder, Config};
use crate::credentials::ProvideCredentials as _;
use crate::endpoint::{Endpoint, EndpointError};
use crate::error::{ErrorMeta, SdkError, TimeoutKind};
use crate::protocol;
use crate::retry::{self, RetryKind};
use crate::signing::{sign_request, SigningDefaults, SigningParams};
use crate::transport::{
    ConnectorError, ConnectorErrorKind, HttpClient, HttpRequest, HttpResponse, TooLarge,
};

/// The configuration and transport a client shares between calls.
#[derive(Debug)]
pub struct Handle {
    /// The client's configuration.
    pub config: Config,
    /// The configuration's HTTP client.
    pub http: Arc<dyn HttpClient>,
}

impl Handle {
    /// The handle of a client with this configuration.
    pub fn new(config: Config) -> Handle {
        let http = config.http_client();
        Handle { config, http }
    }

    /// This handle with its configuration changed by `change`, for one
    /// call (a fluent builder's `config_override`). The HTTP client is
    /// kept unless the change asks for another one.
    pub fn with_config_override(&self, change: impl FnOnce(Builder) -> Builder) -> Handle {
        Handle::new(change(self.config.to_builder()).build())
    }
}

/// Facts about the service, from the model.
pub struct ServiceInfo {
    /// How requests are signed, unless the endpoint says otherwise.
    pub signing: SigningDefaults,
    /// The generated crate's name and version (`aws-lambda-client/0.1.0`),
    /// which starts the `User-Agent`.
    pub crate_version: &'static str,
    /// The endpoint resolver generated from the service's endpoint rules.
    pub resolve_endpoint: fn(&Config) -> Result<Endpoint, EndpointError>,
    /// Reads the code and message of an error response, as the service's
    /// protocol says.
    pub error_meta: fn(&HttpResponse) -> ErrorMeta,
}

/// A serialized request, before the endpoint and signature are added.
pub struct RequestParts {
    /// The HTTP method.
    pub method: &'static str,
    /// The path, already percent-encoded.
    pub path: String,
    /// The operation's `@endpoint` host prefix, its labels filled in.
    pub host_prefix: Option<String>,
    /// The URI pattern's own query text (`list&x=1`), already in wire form.
    pub literal_query: &'static str,
    /// Query parameters, not yet encoded.
    pub query: protocol::Pairs,
    /// Headers, not yet encoded.
    pub headers: protocol::Pairs,
    /// The body, if the operation has one.
    pub body: Option<Vec<u8>>,
    /// The body's media type.
    pub content_type: &'static str,
    /// How to compress the body (`@requestCompression`), if the operation may.
    pub compress: Option<Compress>,
}

/// A request compression: its `Content-Encoding` name and the function.
pub type Compress = (&'static str, fn(&[u8]) -> std::io::Result<Vec<u8>>);

/// The largest `request_min_compression_size_bytes` the Smithy specification allows.
const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// Compresses the body as the operation allows and the configuration asks
/// (before signing), and names the encoding after any the caller set.
fn compress(parts: &mut RequestParts, config: &Config) -> Result<(), String> {
    let (Some((encoding, compress)), Some(body)) = (parts.compress, &parts.body) else {
        return Ok(());
    };
    let min = config.request_min_compression_size_bytes();
    if min > MAX_MIN_COMPRESSION_SIZE {
        return Err(format!(
            "request_min_compression_size_bytes must be at most {MAX_MIN_COMPRESSION_SIZE}, not {min}"
        ));
    }
    if config.disable_request_compression() || body.len() < min as usize {
        return Ok(());
    }
    let compressed =
        compress(body).map_err(|e| format!("cannot compress the request body: {e}"))?;
    parts.body = Some(compressed);
    match parts
        .headers
        .iter_mut()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-encoding"))
    {
        Some((_, value)) => *value = format!("{value}, {encoding}"),
        None => parts
            .headers
            .push(("Content-Encoding".into(), encoding.to_owned())),
    }
    Ok(())
}

/// Reads an error response into the operation's error, and says whether the
/// model marks that error as the service's fault.
pub type ParseError<E> = fn(&HttpResponse, &ErrorMeta) -> Result<(E, bool), String>;

/// What the generated code of an operation supplies.
pub struct Operation<O, E> {
    /// The service the operation belongs to.
    pub service: &'static ServiceInfo,
    /// The operation's name in the model.
    pub name: &'static str,
    /// Whether sending it twice does no harm (`@readonly`, `@idempotent`, or
    /// an idempotency token): only then is an attempt that timed out, which
    /// the service may have carried out, sent again.
    pub idempotent: bool,
    /// The serialized request.
    pub request: RequestParts,
    /// Reads a success response.
    pub parse_output: fn(&HttpResponse) -> Result<O, String>,
    /// Reads an error response.
    pub parse_error: ParseError<E>,
    /// The operation's own endpoint resolver, when it sets endpoint
    /// parameters of its own (`@contextParam`, `staticContextParams`);
    /// otherwise the service's resolves from the configuration alone.
    pub resolve_endpoint: Option<EndpointResolver>,
    /// The `aws.protocols#httpChecksum` algorithms a success response's
    /// body is checked with (none: not checked).
    pub response_checksums: &'static [&'static str],
}

/// An operation's endpoint resolver: the configuration's endpoint
/// parameters with the operation's own set.
pub type EndpointResolver = Box<dyn Fn(&Config) -> Result<Endpoint, EndpointError> + Send + Sync>;

/// This crate's part of the `User-Agent`, after the generated crate's.
const RUNTIME_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Sends the operation, retrying as configured, within the operation timeout.
pub async fn invoke<O, E>(handle: &Handle, op: Operation<O, E>) -> Result<O, SdkError<E>> {
    let span = tracing::debug_span!(
        "aws_call",
        service = op.service.signing.name,
        operation = op.name,
        region = handle.config.region().map_or("-", |r| r.as_str()),
    );
    let run = attempts(handle, op).instrument(span);
    match handle.config.timeout_config().operation_timeout() {
        Some(limit) => with_timeout(limit, TimeoutKind::Operation, run).await?,
        None => run.await,
    }
}

async fn with_timeout<T, E>(
    limit: Duration,
    kind: TimeoutKind,
    future: impl Future<Output = T>,
) -> Result<T, SdkError<E>> {
    tokio::time::timeout(limit, future)
        .await
        .map_err(|_| SdkError::Timeout { kind, after: limit })
}

async fn attempts<O, E>(handle: &Handle, mut op: Operation<O, E>) -> Result<O, SdkError<E>> {
    let resolved = handle.config.with_resolved_region().await;
    let config = resolved.as_ref().unwrap_or(&handle.config);
    compress(&mut op.request, config).map_err(SdkError::Construction)?;
    let region = config.region().map(|r| r.as_str()).ok_or_else(|| {
        SdkError::Construction(
            "no region is configured (set one, or AWS_REGION, or a profile's region)".to_owned(),
        )
    })?;
    let resolve = |config: &Config| match &op.resolve_endpoint {
        Some(resolve) => resolve(config),
        None => (op.service.resolve_endpoint)(config),
    };
    let endpoint = endpoint(config, &resolve, region).map_err(SdkError::Construction)?;
    let base = match &op.request.host_prefix {
        Some(prefix) => with_host_prefix(endpoint.url(), prefix),
        None => endpoint.url().to_owned(),
    };
    // An empty path (S3's bucket operations, whose bucket the endpoint
    // placed) keeps the endpoint's path, or is `/` when it has none.
    let base = base.trim_end_matches('/');
    let endpoint_has_path = base
        .split_once("://")
        .is_some_and(|(_, rest)| rest.contains('/'));
    let path = if op.request.path.is_empty() && !endpoint_has_path {
        "/"
    } else {
        op.request.path.as_str()
    };
    let uri = format!(
        "{}{}{}",
        base,
        path,
        query_string(op.request.literal_query, &op.request.query)
    );
    let max_attempts = config.retry_config().max_attempts();
    let mut attempt = 1;
    loop {
        let result = attempt_once(handle, &op, &uri, &endpoint, region)
            .instrument(tracing::debug_span!("attempt", attempt))
            .await;
        let (error, kind, hint) = match result {
            Ok(output) => return Ok(output),
            Err(failure) => failure,
        };
        if kind == RetryKind::No || attempt >= max_attempts {
            tracing::debug!(attempt, retryable = kind != RetryKind::No, "giving up");
            return Err(error);
        }
        let wait = retry::backoff(config.retry_config(), attempt, hint);
        tracing::debug!(attempt, ?kind, ?wait, "retrying");
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

type Failure<E> = (SdkError<E>, RetryKind, Option<Duration>);

async fn attempt_once<O, E>(
    handle: &Handle,
    op: &Operation<O, E>,
    uri: &str,
    endpoint: &Endpoint,
    region: &str,
) -> Result<O, Failure<E>> {
    let no_retry = |e: SdkError<E>| (e, RetryKind::No, None);
    let request = build_request(op.service, &op.request, uri, endpoint)
        .map_err(|e| no_retry(SdkError::Construction(e)))?;
    let credentials = handle
        .config
        .credentials_provider()
        .provide_credentials()
        .await
        .map_err(|e| no_retry(SdkError::signing(e)))?;
    let mut request = request;
    let signing = SigningParams::for_endpoint(&op.service.signing, region, endpoint)
        .map_err(|e| no_retry(SdkError::Construction(e)))?;
    sign_request(&mut request, &credentials, &signing, SystemTime::now())
        .map_err(|e| no_retry(SdkError::Signing(e)))?;
    let send = handle.http.send(request);
    let timeouts = handle.config.timeout_config();
    let limits = [
        (timeouts.operation_attempt_timeout(), TimeoutKind::Attempt),
        (timeouts.read_timeout(), TimeoutKind::Read),
    ];
    let limit = limits
        .into_iter()
        .filter_map(|(limit, kind)| Some((limit?, kind)))
        .min_by_key(|(limit, _)| *limit);
    let response = match limit {
        Some((limit, kind)) => match tokio::time::timeout(limit, send).await {
            Ok(response) => response,
            Err(_) => {
                let e = SdkError::Timeout { kind, after: limit };
                // The service may have carried out a request it was slow to
                // answer: only an idempotent one is sent again.
                let retry = if op.idempotent {
                    RetryKind::Transient
                } else {
                    RetryKind::No
                };
                return Err((e, retry, None));
            }
        },
        None => send.await,
    };
    let response = response.map_err(|e| match e.kind() {
        ConnectorErrorKind::Timeout => {
            let after = handle
                .config
                .timeout_config()
                .connect_timeout()
                .unwrap_or_default();
            (
                SdkError::Timeout {
                    kind: TimeoutKind::Connect,
                    after,
                },
                RetryKind::Transient,
                None,
            )
        }
        ConnectorErrorKind::Io => (SdkError::Transport(e), RetryKind::Transient, None),
        _ => no_retry(SdkError::Transport(e)),
    })?;
    // The default transport stops reading at the limit; this holds other transports to it too.
    let limit = handle.config.max_response_size();
    if response.body().len() > limit {
        let e = ConnectorError::new(ConnectorErrorKind::Other, TooLarge(limit));
        return Err(no_retry(SdkError::Transport(e)));
    }
    let status = response.status().as_u16();
    let request_id = protocol::request_id(&response);
    tracing::debug!(
        status,
        request_id = request_id.as_deref().unwrap_or("-"),
        "response"
    );
    if response.status().is_success() {
        let failed = |message| {
            let meta = ErrorMeta {
                status,
                request_id: request_id.clone(),
                ..ErrorMeta::default()
            };
            no_retry(SdkError::Response { message, meta })
        };
        #[cfg(feature = "checksum")]
        if !op.response_checksums.is_empty() {
            let checked = crate::checksum::check_response(&response, op.response_checksums)
                .map_err(failed)?;
            tracing::debug!(checksum = checked.map(|a| a.name()), "response checksum");
        }
        return (op.parse_output)(&response).map_err(failed);
    }
    let meta = (op.service.error_meta)(&response);
    let hint = retry::retry_after(protocol::header(&response, "retry-after"));
    match (op.parse_error)(&response, &meta) {
        Ok((error, server_fault)) => {
            let kind = retry::classify(&meta, server_fault);
            Err((SdkError::Service { error, meta }, kind, hint))
        }
        Err(message) => {
            let kind = retry::classify(&meta, false);
            Err((SdkError::Response { message, meta }, kind, hint))
        }
    }
}

/// The endpoint by the service's rules: the configured override, or the
/// service's endpoint for the region. The region must be a plain name unless
/// an endpoint URL is set, so it cannot smuggle a host or path into the URL.
fn endpoint(
    config: &Config,
    resolve: &dyn Fn(&Config) -> Result<Endpoint, EndpointError>,
    region: &str,
) -> Result<Endpoint, String> {
    if config.endpoint_url().is_none()
        && (region.is_empty()
            || !region
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(format!("the region {region:?} is not a valid region name"));
    }
    let endpoint = resolve(config).map_err(|e| e.to_string())?;
    let url = endpoint.url();
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("the endpoint URL {url:?} is invalid: {e}"))?;
    match (uri.scheme_str(), uri.authority()) {
        (Some("https" | "http"), Some(authority)) if !authority.as_str().contains('@') && uri.query().is_none() => {
            Ok(endpoint)
        }
        _ => Err(format!(
            "the endpoint URL {url:?} must be http:// or https:// with a host, and no user info or query"
        )),
    }
}

/// The endpoint URL with `prefix` (an operation's `@endpoint` host prefix,
/// such as `data.`) before its host.
fn with_host_prefix(url: &str, prefix: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{prefix}{rest}"),
        None => format!("{prefix}{url}"),
    }
}

fn query_string(literal: &str, query: &[(Cow<'static, str>, String)]) -> String {
    let pairs = query.iter().map(|(name, value)| {
        format!(
            "{}={}",
            protocol::percent_encode(name),
            protocol::percent_encode(value)
        )
    });
    let all: Vec<String> = std::iter::once(literal.to_owned())
        .filter(|l| !l.is_empty())
        .chain(pairs)
        .collect();
    if all.is_empty() {
        String::new()
    } else {
        format!("?{}", all.join("&"))
    }
}

fn build_request(
    service: &ServiceInfo,
    parts: &RequestParts,
    uri: &str,
    endpoint: &Endpoint,
) -> Result<HttpRequest, String> {
    let user_agent = format!("{} {RUNTIME_AGENT}", service.crate_version);
    let mut builder = http::Request::builder()
        .method(parts.method)
        .uri(uri)
        .header("user-agent", user_agent);
    for (name, values) in endpoint.headers() {
        for value in values {
            builder = builder.header(name.as_str(), value.as_str());
        }
    }
    for (name, value) in &parts.headers {
        builder = builder.header(name.as_ref(), value);
    }
    let body = match &parts.body {
        Some(body) => {
            // A member bound to Content-Type sets it instead.
            if !parts
                .headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            {
                builder = builder.header("content-type", parts.content_type);
            }
            builder = builder.header("content-length", body.len());
            body.clone()
        }
        None => Vec::new(),
    };
    builder
        .body(body)
        .map_err(|e| format!("cannot build the request for {uri}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolver like the standard rules: the override, else a regional URL.
    fn resolve(config: &Config) -> Result<Endpoint, EndpointError> {
        match (config.endpoint_url(), config.region()) {
            (Some(url), _) => Ok(Endpoint::new(url)),
            (None, Some(region)) => {
                Ok(Endpoint::new(format!("https://svc.{region}.amazonaws.com")))
            }
            (None, None) => Err(EndpointError::new("no region")),
        }
    }

    const SERVICE: ServiceInfo = ServiceInfo {
        signing: SigningDefaults {
            name: "svc",
            s3: false,
        },
        crate_version: "svc-client/1.0.0",
        resolve_endpoint: resolve,
        error_meta: protocol::error_meta,
    };

    #[test]
    fn endpoints() {
        let url = |config: &Config, region| {
            endpoint(config, &SERVICE.resolve_endpoint, region).map(|e| e.url().to_owned())
        };
        let config = Config::builder()
            .region(crate::config::Region::new("eu-west-1"))
            .build();
        assert_eq!(
            url(&config, "eu-west-1").as_deref(),
            Ok("https://svc.eu-west-1.amazonaws.com")
        );
        let evil = Config::builder()
            .region(crate::config::Region::new("evil.com/x"))
            .build();
        assert!(url(&evil, "evil.com/x").is_err());
        let local = Config::builder()
            .endpoint_url("http://127.0.0.1:5000/")
            .build();
        assert_eq!(url(&local, "x").as_deref(), Ok("http://127.0.0.1:5000/"));
        for bad in [
            "ftp://host",
            "http://user:pw@host",
            "not a url",
            "/relative",
            "https://host/?a=b",
        ] {
            let config = Config::builder().endpoint_url(bad).build();
            assert!(url(&config, "us-east-1").is_err(), "{bad}");
        }
        let unresolvable = Config::builder().build();
        assert!(url(&unresolvable, "us-east-1")
            .unwrap_err()
            .contains("no region"));
    }

    fn parts(body: &[u8], headers: protocol::Pairs) -> RequestParts {
        RequestParts {
            method: "POST",
            host_prefix: None,
            path: "/".to_owned(),
            literal_query: "",
            query: Vec::new(),
            headers,
            body: Some(body.to_vec()),
            content_type: "application/json",
            compress: Some(("gzip", |b| Ok(b.iter().rev().copied().collect()))),
        }
    }

    #[test]
    fn bodies_are_compressed_from_the_configured_size_and_the_encoding_appended() {
        let config = Config::builder()
            .request_min_compression_size_bytes(3)
            .build();
        let mut small = parts(b"ab", Vec::new());
        compress(&mut small, &config).expect("fine");
        assert_eq!(
            small.body.as_deref(),
            Some(&b"ab"[..]),
            "below the threshold"
        );
        let mut big = parts(
            b"abc",
            vec![("content-encoding".into(), "custom".to_owned())],
        );
        compress(&mut big, &config).expect("fine");
        assert_eq!(big.body.as_deref(), Some(&b"cba"[..]));
        assert_eq!(
            big.headers,
            [("content-encoding".into(), "custom, gzip".to_owned())]
        );
        let off = Config::builder()
            .request_min_compression_size_bytes(0)
            .disable_request_compression(true)
            .build();
        let mut kept = parts(b"abc", Vec::new());
        compress(&mut kept, &off).expect("fine");
        assert_eq!(kept.body.as_deref(), Some(&b"abc"[..]));
        assert!(kept.headers.is_empty());
        let wrong = Config::builder()
            .request_min_compression_size_bytes(10_485_761)
            .build();
        let err = compress(&mut parts(b"abc", Vec::new()), &wrong).expect_err("out of range");
        assert!(err.contains("request_min_compression_size_bytes"), "{err}");
    }

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(query_string("", &[]), "");
        assert_eq!(
            query_string(
                "",
                &[
                    ("A".into(), "x y".to_owned()),
                    ("B".into(), "a/b:c".to_owned())
                ]
            ),
            "?A=x%20y&B=a%2Fb%3Ac"
        );
        assert_eq!(
            query_string("list&x=1", &[("A".into(), "b".to_owned())]),
            "?list&x=1&A=b"
        );
        assert_eq!(query_string("hello", &[]), "?hello");
        assert_eq!(
            with_host_prefix("https://example.com/a", "foo.bar."),
            "https://foo.bar.example.com/a"
        );
    }
}
