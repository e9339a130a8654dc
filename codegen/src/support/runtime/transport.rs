//! The HTTP transport: a small trait, and its default implementation on `reqwest`.

use std::fmt;
use std::time::Duration;

use super::config::TimeoutConfig;
use super::credentials::BoxFuture;

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
    pub fn new(kind: ConnectorErrorKind, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
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

/// The default transport: `reqwest` with rustls, honouring the connect timeout.
#[derive(Debug, Clone)]
pub struct ReqwestClient {
    client: reqwest::Client,
    max_response_size: usize,
}

impl ReqwestClient {
    /// A client with the given connect timeout.
    pub fn new(timeouts: &TimeoutConfig) -> ReqwestClient {
        let mut builder = reqwest::Client::builder().pool_idle_timeout(Duration::from_secs(60));
        if let Some(connect) = timeouts.connect_timeout() {
            builder = builder.connect_timeout(connect);
        }
        ReqwestClient {
            client: builder.build().unwrap_or_default(),
            max_response_size: usize::MAX,
        }
    }

    /// Stops reading, with an error, a response body longer than `bytes`.
    pub fn with_max_response_size(mut self, bytes: usize) -> ReqwestClient {
        self.max_response_size = bytes;
        self
    }
}

/// The response body is longer than the configured limit.
#[derive(Debug)]
pub(crate) struct TooLarge(pub(crate) usize);

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the response body is larger than the limit of {} bytes (Config::max_response_size)", self.0)
    }
}

impl std::error::Error for TooLarge {}

impl HttpClient for ReqwestClient {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request.map(reqwest::Body::from))
                .map_err(|e| ConnectorError::new(ConnectorErrorKind::Other, e))?;
            let mut response = self.client.execute(request).await.map_err(classify)?;
            let limit = self.max_response_size;
            let too_large = || ConnectorError::new(ConnectorErrorKind::Other, TooLarge(limit));
            if response.content_length().is_some_and(|n| n > limit as u64) {
                return Err(too_large());
            }
            let mut builder = http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(classify)? {
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            builder
                .body(body)
                .map_err(|e| ConnectorError::new(ConnectorErrorKind::Other, e))
        })
    }
}

fn classify(e: reqwest::Error) -> ConnectorError {
    let kind = if e.is_timeout() {
        ConnectorErrorKind::Timeout
    } else if e.is_connect() || e.is_body() || e.is_request() || e.is_decode() {
        ConnectorErrorKind::Io
    } else {
        ConnectorErrorKind::Other
    };
    ConnectorError::new(kind, e)
}
