//! Client configuration: region, endpoint, credentials, retries, timeouts and
//! the HTTP transport.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::credentials::{Credentials, EnvironmentCredentials, ProvideCredentials, SharedCredentialsProvider};
use super::transport::{HttpClient, HyperClient};

/// How often and how patiently a call is retried (the standard mode of the
/// AWS SDKs: exponential backoff with full jitter).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryConfig {
    /// Up to 3 attempts, backing off from 1 s up to 20 s.
    pub fn standard() -> RetryConfig {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// One attempt only.
    pub fn disabled() -> RetryConfig {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// Sets the number of attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> RetryConfig {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the base of the exponential backoff.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> RetryConfig {
        self.initial_backoff = backoff;
        self
    }

    /// Sets the longest wait between attempts.
    pub fn with_max_backoff(mut self, backoff: Duration) -> RetryConfig {
        self.max_backoff = backoff;
        self
    }

    /// The number of attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The base of the exponential backoff.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest wait between attempts.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }
}

impl Default for RetryConfig {
    fn default() -> RetryConfig {
        RetryConfig::standard()
    }
}

/// Time limits: to connect, for each attempt, and for the whole call with its retries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimeoutConfig {
    connect: Option<Duration>,
    attempt: Option<Duration>,
    operation: Option<Duration>,
}

impl TimeoutConfig {
    /// 3.1 s to connect (as the AWS SDKs), no other limit.
    pub fn standard() -> TimeoutConfig {
        TimeoutConfig {
            connect: Some(Duration::from_millis(3100)),
            attempt: None,
            operation: None,
        }
    }

    /// Sets the connect timeout.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> TimeoutConfig {
        self.connect = Some(timeout);
        self
    }

    /// Sets the limit for each attempt, from sending to the end of the body.
    pub fn with_attempt_timeout(mut self, timeout: Duration) -> TimeoutConfig {
        self.attempt = Some(timeout);
        self
    }

    /// Sets the limit for the whole call, retries and backoff included.
    pub fn with_operation_timeout(mut self, timeout: Duration) -> TimeoutConfig {
        self.operation = Some(timeout);
        self
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect
    }

    /// The per-attempt timeout.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt
    }

    /// The whole-call timeout.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation
    }
}

const DEFAULT_MAX_RESPONSE_SIZE: usize = 32 * 1024 * 1024;
const DEFAULT_MAX_PAGES: usize = 10_000;

/// Everything a [`Client`](crate::Client) needs. Build one with
/// [`Config::builder`], [`Config::from_env`] or, with the `aws-config`
/// feature, from an `aws_config::SdkConfig`.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) credentials: SharedCredentialsProvider,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) max_response_size: usize,
    pub(crate) max_pages: usize,
    pub(crate) disable_request_compression: bool,
    pub(crate) request_min_compression_size_bytes: u32,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("max_response_size", &self.max_response_size)
            .field("max_pages", &self.max_pages)
            .field("disable_request_compression", &self.disable_request_compression)
            .field("request_min_compression_size_bytes", &self.request_min_compression_size_bytes)
            .field("http_client", &self.http_client)
            .finish()
    }
}

impl Config {
    /// Starts a configuration with nothing set but the standard retry and timeout settings.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Region from `AWS_REGION` (or `AWS_DEFAULT_REGION`), credentials from
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`,
    /// read at each call, `AWS_ENDPOINT_URL` if set, and FIPS or dual-stack
    /// endpoints when `AWS_USE_FIPS_ENDPOINT` or `AWS_USE_DUALSTACK_ENDPOINT` is `true`.
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let flag = |name: &str| var(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let mut builder = Config::builder()
            .credentials_provider(EnvironmentCredentials)
            .use_fips(flag("AWS_USE_FIPS_ENDPOINT"))
            .use_dual_stack(flag("AWS_USE_DUALSTACK_ENDPOINT"));
        if let Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
            builder = builder.region(region);
        }
        if let Some(url) = var("AWS_ENDPOINT_URL") {
            builder = builder.endpoint_url(url);
        }
        builder.build()
    }

    /// Region, credential chain, endpoint URL, retry and timeout settings of
    /// an `aws-config` [`SdkConfig`](aws_types::SdkConfig).
    #[cfg(feature = "aws-config")]
    pub fn from_sdk_config(sdk: &aws_types::SdkConfig) -> Config {
        let mut builder = Config::builder();
        if let Some(region) = sdk.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(url) = sdk.endpoint_url() {
            builder = builder.endpoint_url(url);
        }
        builder = builder
            .use_fips(sdk.use_fips().unwrap_or(false))
            .use_dual_stack(sdk.use_dual_stack().unwrap_or(false));
        if let Some(provider) = sdk.credentials_provider() {
            builder = builder.credentials_provider(super::credentials::AwsConfigCredentials(provider));
        }
        if let Some(retry) = sdk.retry_config() {
            builder = builder.retry_config(RetryConfig::standard().with_max_attempts(retry.max_attempts()));
        }
        if let Some(t) = sdk.timeout_config() {
            let mut timeouts = TimeoutConfig::standard();
            if let Some(d) = t.connect_timeout() {
                timeouts = timeouts.with_connect_timeout(d);
            }
            if let Some(d) = t.operation_attempt_timeout() {
                timeouts = timeouts.with_attempt_timeout(d);
            }
            if let Some(d) = t.operation_timeout() {
                timeouts = timeouts.with_operation_timeout(d);
            }
            builder = builder.timeout_config(timeouts);
        }
        builder.build()
    }

    /// The region requests go to.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL override.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether requests go to FIPS endpoints.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether requests go to dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The retry settings.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeout settings.
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The largest response body the client reads, in bytes.
    pub fn max_response_size(&self) -> usize {
        self.max_response_size
    }

    /// The most pages a paginator fetches before it ends with an error.
    pub fn max_pages(&self) -> usize {
        self.max_pages
    }

    /// Whether request compression (`@requestCompression`) is off.
    pub fn disable_request_compression(&self) -> bool {
        self.disable_request_compression
    }

    /// The smallest request body, in bytes, that operations with
    /// `@requestCompression` compress.
    pub fn request_min_compression_size_bytes(&self) -> u32 {
        self.request_min_compression_size_bytes
    }

    /// The HTTP transport: the one set, or a new default one.
    pub(crate) fn http_client(&self) -> Arc<dyn HttpClient> {
        match &self.http_client {
            Some(client) => client.clone(),
            None => Arc::new(HyperClient::new(&self.timeouts).with_max_response_size(self.max_response_size)),
        }
    }
}

#[cfg(feature = "aws-config")]
impl From<&aws_types::SdkConfig> for Config {
    fn from(sdk: &aws_types::SdkConfig) -> Config {
        Config::from_sdk_config(sdk)
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: Option<SharedCredentialsProvider>,
    retry: Option<RetryConfig>,
    timeouts: Option<TimeoutConfig>,
    max_response_size: Option<usize>,
    max_pages: Option<usize>,
    disable_request_compression: bool,
    request_min_compression_size_bytes: Option<u32>,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl ConfigBuilder {
    /// Sets the region (`us-east-1`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends requests to this URL instead of the service's regional endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sends requests to the service's FIPS endpoints; resolving the endpoint
    /// fails where the partition has none.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Sends requests to the service's dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Signs requests with these fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Asks this provider for credentials before each attempt.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sets the retry settings.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets the timeouts.
    pub fn timeout_config(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Refuses response bodies larger than this many bytes (default 32 MiB):
    /// a misbehaving server cannot make the client hold an unbounded body.
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// Ends a paginator with an error after this many pages (default
    /// 10,000), so a service that pages forever cannot hang the caller.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Turns off the compression of request bodies that operations with
    /// `@requestCompression` otherwise apply.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.disable_request_compression = disable;
        self
    }

    /// Compresses request bodies of at least this many bytes (default
    /// 10,240; 0 to 10,485,760, else calls fail naming the setting).
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.request_min_compression_size_bytes = Some(bytes);
        self
    }

    /// Sends requests through this transport instead of the default HTTPS client.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// Finishes the configuration. Without credentials set, the standard
    /// environment variables are read at each call.
    pub fn build(self) -> Config {
        Config {
            region: self.region,
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            credentials: self.credentials.unwrap_or_else(|| Arc::new(EnvironmentCredentials)),
            retry: self.retry.unwrap_or_default(),
            timeouts: self.timeouts.unwrap_or_else(TimeoutConfig::standard),
            max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
            max_pages: self.max_pages.unwrap_or(DEFAULT_MAX_PAGES),
            disable_request_compression: self.disable_request_compression,
            request_min_compression_size_bytes: self.request_min_compression_size_bytes.unwrap_or(10_240),
            http_client: self.http_client,
        }
    }
}
