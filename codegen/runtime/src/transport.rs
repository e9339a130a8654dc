//! The HTTP transport: a small trait, and its default implementation on
//! hyper and rustls.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::config::timeout::TimeoutConfig;

/// A boxed future, as [`HttpClient::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A request as the client sends it.
pub type HttpRequest = http::Request<Vec<u8>>;

/// A response with its whole body read.
pub type HttpResponse = http::Response<Vec<u8>>;

/// Sends requests. Implement it to use another HTTP stack or an in-memory fake.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends one request and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>>;
}

/// The request did not get a complete response.
#[derive(Debug)]
pub struct ConnectorError {
    kind: ConnectorErrorKind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectorErrorKind {
    /// Connecting failed, or the connection broke (retryable).
    Io,
    /// Connecting took longer than the connect timeout (retryable).
    Timeout,
    /// Anything else, such as an invalid request (not retried).
    Other,
}

impl ConnectorError {
    /// A transport error of the given kind.
    pub fn new(
        kind: ConnectorErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        ConnectorError {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> ConnectorErrorKind {
        self.kind
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ConnectorErrorKind::Io => "connection failed",
            ConnectorErrorKind::Timeout => "connect timed out",
            ConnectorErrorKind::Other => "request failed",
        };
        write!(f, "{what}: {}", self.source)?;
        let mut cause = self.source.source();
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
        }
        Ok(())
    }
}

impl std::error::Error for ConnectorError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// The default transport: hyper's HTTP/1.1 client over rustls (ring, Mozilla's
/// roots), with a connection pool and the connect timeout. It leaves out
/// what a client of one AWS service does not need (URL parsing with IDNA,
/// proxies, cookies, HTTP/2), which keeps the crate quick to build.
#[derive(Debug, Clone)]
pub struct HyperClient {
    client: Option<Client<HttpsConnector<HttpConnector>, Full<Bytes>>>,
    max_response_size: usize,
}

impl HyperClient {
    /// A client with the given connect timeout.
    pub fn new(timeouts: &TimeoutConfig) -> HyperClient {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(timeouts.connect_timeout());
        // ring keeps the build free of a C toolchain and quick; rustls 0.23.48
        // deprecates its provider only because it lacks post-quantum key exchange.
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let client = HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)
            .ok()
            .map(|builder| {
                let https = builder.https_or_http().enable_http1().wrap_connector(http);
                Client::builder(TokioExecutor::new())
                    .pool_timer(TokioTimer::new())
                    .pool_idle_timeout(Duration::from_secs(60))
                    .build(https)
            });
        HyperClient {
            client,
            max_response_size: usize::MAX,
        }
    }

    /// Stops reading, with an error, a response body longer than `bytes`.
    pub fn with_max_response_size(mut self, bytes: usize) -> HyperClient {
        self.max_response_size = bytes;
        self
    }
}

/// The response body is longer than the configured limit.
#[derive(Debug)]
pub struct TooLarge(pub usize);

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body is larger than the limit of {} bytes (Config::max_response_size)",
            self.0
        )
    }
}

impl std::error::Error for TooLarge {}

impl HttpClient for HyperClient {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>> {
        Box::pin(async move {
            let client = self.client.as_ref().ok_or_else(|| {
                ConnectorError::new(ConnectorErrorKind::Other, "TLS could not be set up")
            })?;
            let response = client
                .request(request.map(|body| Full::new(Bytes::from(body))))
                .await
                .map_err(|e| {
                    let kind = if connect_timed_out(&e) {
                        ConnectorErrorKind::Timeout
                    } else if e.is_connect() || std::error::Error::source(&e).is_some() {
                        ConnectorErrorKind::Io
                    } else {
                        ConnectorErrorKind::Other
                    };
                    ConnectorError::new(kind, e)
                })?;
            let limit = self.max_response_size;
            let too_large = || ConnectorError::new(ConnectorErrorKind::Other, TooLarge(limit));
            let declared = response.headers().get(http::header::CONTENT_LENGTH);
            if declared
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
                .is_some_and(|n| n > limit as u64)
            {
                return Err(too_large());
            }
            let (parts, body) = response.into_parts();
            let body = Limited::new(body, limit).collect().await.map_err(|e| {
                if e.downcast_ref::<LengthLimitError>().is_some() {
                    too_large()
                } else {
                    ConnectorError::new(ConnectorErrorKind::Io, e)
                }
            })?;
            Ok(http::Response::from_parts(parts, body.to_bytes().to_vec()))
        })
    }
}

/// Whether a request failed because connecting took longer than the connect timeout.
fn connect_timed_out(e: &hyper_util::client::legacy::Error) -> bool {
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        if c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        {
            return true;
        }
        cause = c.source();
    }
    false
}
