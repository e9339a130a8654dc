//! Client configuration: region, endpoint, credentials, retries, timeouts and
//! the HTTP transport.
//!
//! The builder has the names of the AWS SDK for Rust's service configs
//! (`region`, `credentials_provider`, `endpoint_url`, `retry_config`,
//! `timeout_config`, `behavior_version`), and the retry, timeout and
//! credential types are the SDK's own, so configuration code written for the
//! official SDK fits.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
/// The shared configuration `aws_config::load_defaults` returns.
#[cfg(feature = "aws-config")]
pub use aws_types::SdkConfig;

use crate::credentials::{region_without_imds, DefaultCredentialsChain, Env, ProvideCredentials};
pub use crate::credentials::{Credentials, SharedCredentialsProvider};
use crate::protocol::IdempotencyTokenProvider;
use crate::transport::{HttpClient, HyperClient};

/// Retry settings: the AWS SDK's [`RetryConfig`].
pub mod retry {
    pub use aws_smithy_types::retry::{RetryConfig, RetryMode};
}

/// Timeout settings: the AWS SDK's [`TimeoutConfig`].
pub mod timeout {
    pub use aws_smithy_types::timeout::{TimeoutConfig, TimeoutConfigBuilder};
}

use retry::RetryConfig;
use timeout::TimeoutConfig;

const DEFAULT_MAX_RESPONSE_SIZE: usize = 32 * 1024 * 1024;
const DEFAULT_MAX_PAGES: usize = 10_000;
const DEFAULT_MIN_COMPRESSION_SIZE: u32 = 10_240;
/// The connect timeout of the AWS SDK for Rust's defaults.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);
/// How long an attempt may wait for its whole response: the socket read
/// timeout of the AWS SDK for Java's defaults. With the standard 3 attempts
/// and their backoff, a server that accepts and never answers fails the call
/// in about 95 s.
const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The settings a default HTTP client is made with.
#[derive(Clone, Copy, PartialEq, Eq)]
struct DefaultClient {
    connect_timeout: Option<Duration>,
    max_response_size: usize,
}

/// A region still to be asked of EC2 instance metadata, once.
type LazyRegion = Arc<tokio::sync::OnceCell<Option<Region>>>;

/// The AWS region requests go to (`us-east-1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Region(Cow<'static, str>);

impl Region {
    /// A region of this name.
    pub fn new(region: impl Into<Cow<'static, str>>) -> Region {
        Region(region.into())
    }

    /// A region from a static name, in `const` contexts.
    pub const fn from_static(region: &'static str) -> Region {
        Region(Cow::Borrowed(region))
    }

    /// The region's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Region {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything a client needs. Build one with [`Config::builder`],
/// [`Config::from_env`] or, with the `aws-config` feature, from an
/// `aws_config::SdkConfig`. Clones share the HTTP client and its connections,
/// and so do clients of different services made from clones of one config.
#[derive(Clone)]
pub struct Config {
    region: Option<Region>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    s3: S3Settings,
    checksums: (RequestChecksumCalculation, ResponseChecksumValidation),
    credentials: SharedCredentialsProvider,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    behavior_version: Option<BehaviorVersion>,
    max_response_size: usize,
    max_pages: usize,
    disable_request_compression: bool,
    request_min_compression_size_bytes: u32,
    idempotency_token_provider: IdempotencyTokenProvider,
    http_client: Arc<dyn HttpClient>,
    /// For a default HTTP client, what it was made for: a configuration
    /// rebuilt with other settings gets a new one.
    default_client: Option<DefaultClient>,
    /// Set by [`Config::from_env`] when no region was found without instance metadata.
    imds_region: Option<LazyRegion>,
    imds_env: Option<Env>,
    /// The timeouts came from aws-config, whose defaults are kept.
    timeouts_from_sdk_config: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("s3", &self.s3)
            .field("checksums", &self.checksums)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("max_response_size", &self.max_response_size)
            .field("max_pages", &self.max_pages)
            .field(
                "disable_request_compression",
                &self.disable_request_compression,
            )
            .field(
                "request_min_compression_size_bytes",
                &self.request_min_compression_size_bytes,
            )
            .field("http_client", &self.http_client)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Starts a configuration with nothing set but the standard retry and timeout settings.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// A builder holding this configuration's settings, to change some of them.
    pub fn to_builder(&self) -> Builder {
        Builder {
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            s3: self.s3,
            checksums: self.checksums,
            credentials: Some(self.credentials.clone()),
            retry: Some(self.retry.clone()),
            timeouts: Some(self.timeouts.clone()),
            behavior_version: self.behavior_version,
            max_response_size: Some(self.max_response_size),
            max_pages: Some(self.max_pages),
            disable_request_compression: self.disable_request_compression,
            request_min_compression_size_bytes: Some(self.request_min_compression_size_bytes),
            idempotency_token_provider: Some(self.idempotency_token_provider.clone()),
            http_client: Some(self.http_client.clone()),
            default_client: self.default_client,
            imds_region: self.imds_region.clone(),
            imds_env: self.imds_env.clone(),
            timeouts_from_sdk_config: self.timeouts_from_sdk_config,
        }
    }

    /// The configuration the AWS SDKs find in the environment, without
    /// `aws-config`: credentials from the standard chain
    /// ([`DefaultCredentialsChain`]: environment variables, the shared profile
    /// files with `AWS_PROFILE`, web identity, the container endpoint, EC2
    /// instance metadata), the region from `AWS_REGION`, `AWS_DEFAULT_REGION`,
    /// the profile, else instance metadata at the first call, `AWS_ENDPOINT_URL`
    /// if set, and FIPS or dual-stack endpoints when `AWS_USE_FIPS_ENDPOINT` or
    /// `AWS_USE_DUALSTACK_ENDPOINT` is `true`; for S3, `AWS_S3_USE_ARN_REGION`
    /// and `AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS`;
    /// `AWS_REQUEST_CHECKSUM_CALCULATION` and `AWS_RESPONSE_CHECKSUM_VALIDATION`
    /// (`when_supported` or `when_required`).
    pub fn from_env() -> Config {
        Config::from_env_vars(Env::real())
    }

    /// [`Config::from_env`] over these variables (and the files they name).
    pub fn from_env_vars(env: Env) -> Config {
        let region = region_without_imds(&env).map(Region::new);
        let mut builder: Builder = Config::builder()
            .credentials_provider(DefaultCredentialsChain::with_env(env.clone()))
            .use_fips(env.flag("AWS_USE_FIPS_ENDPOINT"))
            .use_dual_stack(env.flag("AWS_USE_DUALSTACK_ENDPOINT"))
            .set_endpoint_url(env.var("AWS_ENDPOINT_URL"))
            .disable_multi_region_access_points(
                env.flag("AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS"),
            );
        if let Some(supported) = when_supported(env.var("AWS_REQUEST_CHECKSUM_CALCULATION")) {
            builder = builder.request_checksum_calculation(if supported {
                RequestChecksumCalculation::WhenSupported
            } else {
                RequestChecksumCalculation::WhenRequired
            });
        }
        if let Some(supported) = when_supported(env.var("AWS_RESPONSE_CHECKSUM_VALIDATION")) {
            builder = builder.response_checksum_validation(if supported {
                ResponseChecksumValidation::WhenSupported
            } else {
                ResponseChecksumValidation::WhenRequired
            });
        }
        if env.var("AWS_S3_USE_ARN_REGION").is_some() {
            builder = builder.use_arn_region(env.flag("AWS_S3_USE_ARN_REGION"));
        }
        if region.is_none() {
            builder.imds_region = Some(LazyRegion::default());
            builder.imds_env = Some(env.clone());
        }
        builder.region(region).build()
    }

    /// Region, credential chain, endpoint URL, retry and timeout settings of
    /// an `aws-config` [`SdkConfig`](aws_types::SdkConfig).
    #[cfg(feature = "aws-config")]
    pub fn from_sdk_config(sdk: &aws_types::SdkConfig) -> Config {
        let mut builder = Config::builder()
            .set_region(sdk.region().map(|r| Region::new(r.as_ref().to_owned())))
            .set_endpoint_url(sdk.endpoint_url().map(str::to_owned))
            .use_fips(sdk.use_fips().unwrap_or(false))
            .use_dual_stack(sdk.use_dual_stack().unwrap_or(false))
            .set_credentials_provider(sdk.credentials_provider());
        builder.behavior_version = sdk.behavior_version();
        if let Some(retry) = sdk.retry_config() {
            builder = builder.retry_config(retry.clone());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            builder = builder.timeout_config(timeouts.clone());
        }
        builder.timeouts_from_sdk_config = true;
        builder.build()
    }

    /// The region requests go to.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
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

    /// Whether S3 requests put the bucket in the path (`s3.amazonaws.com/bucket`)
    /// rather than the host (`bucket.s3.amazonaws.com`).
    pub fn force_path_style(&self) -> bool {
        self.s3.force_path_style
    }

    /// Whether S3 requests go to S3 Transfer Acceleration endpoints.
    pub fn accelerate(&self) -> bool {
        self.s3.accelerate
    }

    /// Whether S3 and S3 Control requests for an ARN in another region go
    /// to that region (`None`: the rules' default, which refuses them).
    pub fn use_arn_region(&self) -> Option<bool> {
        self.s3.use_arn_region
    }

    /// Whether S3 refuses Multi-Region Access Point ARNs.
    pub fn disable_multi_region_access_points(&self) -> bool {
        self.s3.disable_multi_region_access_points
    }

    /// When requests of operations with `aws.protocols#httpChecksum` carry a checksum.
    pub fn request_checksum_calculation(&self) -> RequestChecksumCalculation {
        self.checksums.0
    }

    /// When the checksums of such operations' responses are checked.
    pub fn response_checksum_validation(&self) -> ResponseChecksumValidation {
        self.checksums.1
    }

    /// The credentials provider asked before each attempt.
    pub fn credentials_provider(&self) -> &SharedCredentialsProvider {
        &self.credentials
    }

    /// The retry settings.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeout settings, the defaults filled in: 3.1 s to connect and
    /// 30 s for each attempt's response (the read timeout).
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The behavior version set, if any.
    pub fn behavior_version(&self) -> Option<BehaviorVersion> {
        self.behavior_version
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

    /// A token for an `@idempotencyToken` member the caller left unset.
    pub fn idempotency_token(&self) -> String {
        self.idempotency_token_provider.token()
    }

    /// The HTTP transport, shared by every clone of this configuration.
    pub fn http_client(&self) -> Arc<dyn HttpClient> {
        self.http_client.clone()
    }

    /// This configuration, its region asked of EC2 instance metadata (once,
    /// for every clone) if [`Config::from_env`] found none elsewhere.
    pub async fn with_resolved_region(&self) -> Option<Config> {
        let (Some(cell), None) = (&self.imds_region, &self.region) else {
            return None;
        };
        let env = self.imds_env.clone().unwrap_or_default();
        let region = cell
            .get_or_init(|| async move { crate::credentials::region(&env).await.map(Region::new) })
            .await
            .clone()?;
        let mut builder = self.to_builder().region(region);
        builder.imds_region = None;
        Some(builder.build())
    }
}

#[cfg(feature = "aws-config")]
impl From<&aws_types::SdkConfig> for Config {
    fn from(sdk: &aws_types::SdkConfig) -> Config {
        Config::from_sdk_config(sdk)
    }
}

/// When requests carry a flexible checksum (`aws.protocols#httpChecksum`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RequestChecksumCalculation {
    /// Whenever the operation supports one.
    #[default]
    WhenSupported,
    /// Only when the operation requires one, or the input names an algorithm.
    WhenRequired,
}

/// When response checksums are checked (`aws.protocols#httpChecksum`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ResponseChecksumValidation {
    /// Whenever the operation supports it.
    #[default]
    WhenSupported,
    /// Only when the input's validation member is `ENABLED`.
    WhenRequired,
}

/// The value of `AWS_REQUEST_CHECKSUM_CALCULATION` or
/// `AWS_RESPONSE_CHECKSUM_VALIDATION`: `when_supported` (`true`) or
/// `when_required` (`false`), in any case.
fn when_supported(value: Option<String>) -> Option<bool> {
    match value?.trim().to_ascii_lowercase().as_str() {
        "when_supported" => Some(true),
        "when_required" => Some(false),
        _ => None,
    }
}

/// The settings only S3's endpoint rules read (and S3 Control's, for
/// `use_arn_region`); other services ignore them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct S3Settings {
    force_path_style: bool,
    accelerate: bool,
    use_arn_region: Option<bool>,
    disable_multi_region_access_points: bool,
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct Builder {
    region: Option<Region>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    s3: S3Settings,
    checksums: (RequestChecksumCalculation, ResponseChecksumValidation),
    credentials: Option<SharedCredentialsProvider>,
    retry: Option<RetryConfig>,
    timeouts: Option<TimeoutConfig>,
    behavior_version: Option<BehaviorVersion>,
    max_response_size: Option<usize>,
    max_pages: Option<usize>,
    disable_request_compression: bool,
    request_min_compression_size_bytes: Option<u32>,
    idempotency_token_provider: Option<IdempotencyTokenProvider>,
    http_client: Option<Arc<dyn HttpClient>>,
    default_client: Option<DefaultClient>,
    imds_region: Option<LazyRegion>,
    imds_env: Option<Env>,
    timeouts_from_sdk_config: bool,
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .finish_non_exhaustive()
    }
}

impl Builder {
    /// Sets the region: `.region(Region::new("us-east-1"))`.
    pub fn region(self, region: impl Into<Option<Region>>) -> Self {
        self.set_region(region.into())
    }

    /// Sets or clears the region.
    pub fn set_region(mut self, region: Option<Region>) -> Self {
        self.region = region;
        self
    }

    /// Sends requests to this URL instead of the service's regional endpoint.
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.set_endpoint_url(Some(url.into()))
    }

    /// Sets or clears the endpoint URL override.
    pub fn set_endpoint_url(mut self, url: Option<String>) -> Self {
        self.endpoint_url = url;
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

    /// S3 only: puts the bucket in the path (`https://s3.us-east-1.amazonaws.com/bucket/key`)
    /// instead of the host (`https://bucket.s3.us-east-1.amazonaws.com/key`),
    /// as S3-compatible servers on one host need. Default `false`.
    pub fn force_path_style(mut self, force_path_style: bool) -> Self {
        self.s3.force_path_style = force_path_style;
        self
    }

    /// S3 only: sends requests to S3 Transfer Acceleration endpoints
    /// (`bucket.s3-accelerate.amazonaws.com`). Default `false`.
    pub fn accelerate(mut self, accelerate: bool) -> Self {
        self.s3.accelerate = accelerate;
        self
    }

    /// S3 and S3 Control only: lets an access-point or Outposts ARN of
    /// another region send the request to that region.
    pub fn use_arn_region(mut self, use_arn_region: bool) -> Self {
        self.s3.use_arn_region = Some(use_arn_region);
        self
    }

    /// S3 only: refuses Multi-Region Access Point ARNs. Default `false`.
    pub fn disable_multi_region_access_points(mut self, disable: bool) -> Self {
        self.s3.disable_multi_region_access_points = disable;
        self
    }

    /// When requests of operations with `aws.protocols#httpChecksum` carry
    /// an `x-amz-checksum-*` header: whenever the operation supports one
    /// (the default, CRC32 unless the input names another algorithm), or
    /// only when it requires one.
    pub fn request_checksum_calculation(mut self, when: RequestChecksumCalculation) -> Self {
        self.checksums.0 = when;
        self
    }

    /// When responses' `x-amz-checksum-*` headers are checked against their
    /// bodies: whenever the operation supports it (the default), or only
    /// when the input asks (S3's `ChecksumMode`).
    pub fn response_checksum_validation(mut self, when: ResponseChecksumValidation) -> Self {
        self.checksums.1 = when;
        self
    }

    /// Asks this provider for credentials before each attempt; fixed
    /// [`Credentials`] are a provider too.
    pub fn credentials_provider(self, provider: impl ProvideCredentials + 'static) -> Self {
        self.set_credentials_provider(Some(SharedCredentialsProvider::new(provider)))
    }

    /// Sets or clears the credentials provider.
    pub fn set_credentials_provider(mut self, provider: Option<SharedCredentialsProvider>) -> Self {
        self.credentials = provider;
        self
    }

    /// Sets the retry settings (default: [`RetryConfig::standard`], 3 attempts).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets the timeouts; those it leaves unset keep their defaults.
    pub fn timeout_config(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Records the behavior version, as the AWS SDK asks; this client's
    /// behavior does not depend on it.
    pub fn behavior_version(mut self, version: BehaviorVersion) -> Self {
        self.behavior_version = Some(version);
        self
    }

    /// [`behavior_version`](Self::behavior_version) with the latest version.
    pub fn behavior_version_latest(self) -> Self {
        self.behavior_version(BehaviorVersion::latest())
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

    /// Where the tokens of `@idempotencyToken` members the caller leaves
    /// unset come from (default: a random UUID v4 each time).
    pub fn idempotency_token_provider(
        mut self,
        provider: impl Into<IdempotencyTokenProvider>,
    ) -> Self {
        self.idempotency_token_provider = Some(provider.into());
        self
    }

    /// Sends requests through this transport instead of the default HTTPS client.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self.default_client = None;
        self
    }

    /// Finishes the configuration. Without a credentials provider, the
    /// standard chain ([`DefaultCredentialsChain`]) finds them. Without an HTTP
    /// client, a new default one is made, which clones of the configuration share.
    pub fn build(self) -> Config {
        // Timeouts from aws-config's `SdkConfig` are the official SDK's, which
        // has no read timeout by default; they are kept as they are.
        let mut defaults = TimeoutConfig::builder().connect_timeout(DEFAULT_CONNECT_TIMEOUT);
        if !self.timeouts_from_sdk_config {
            defaults = defaults.read_timeout(DEFAULT_READ_TIMEOUT);
        }
        let defaults = defaults.build();
        let mut timeouts = self.timeouts.unwrap_or_else(|| defaults.clone());
        timeouts.take_defaults_from(&defaults);
        let max_response_size = self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE);
        let wanted = DefaultClient {
            connect_timeout: timeouts.connect_timeout(),
            max_response_size,
        };
        let (http_client, default_client) = match (self.http_client, self.default_client) {
            (Some(client), None) => (client, None),
            (Some(client), Some(made_for)) if made_for == wanted => (client, Some(made_for)),
            _ => {
                let client: Arc<dyn HttpClient> =
                    Arc::new(HyperClient::new(&timeouts).with_max_response_size(max_response_size));
                (client, Some(wanted))
            }
        };
        Config {
            region: self.region,
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            s3: self.s3,
            checksums: self.checksums,
            credentials: self
                .credentials
                .unwrap_or_else(|| SharedCredentialsProvider::new(DefaultCredentialsChain::new())),
            retry: self.retry.unwrap_or_else(RetryConfig::standard),
            timeouts,
            behavior_version: self.behavior_version,
            max_response_size,
            max_pages: self.max_pages.unwrap_or(DEFAULT_MAX_PAGES),
            disable_request_compression: self.disable_request_compression,
            request_min_compression_size_bytes: self
                .request_min_compression_size_bytes
                .unwrap_or(DEFAULT_MIN_COMPRESSION_SIZE),
            idempotency_token_provider: self.idempotency_token_provider.unwrap_or_default(),
            http_client,
            default_client,
            imds_region: self.imds_region,
            imds_env: self.imds_env,
            timeouts_from_sdk_config: self.timeouts_from_sdk_config,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_timeouts_keep_their_defaults() {
        let custom = TimeoutConfig::builder()
            .operation_timeout(Duration::from_secs(9))
            .build();
        let config = Config::builder().timeout_config(custom).build();
        assert_eq!(
            config.timeout_config().operation_timeout(),
            Some(Duration::from_secs(9))
        );
        assert_eq!(
            config.timeout_config().connect_timeout(),
            Some(DEFAULT_CONNECT_TIMEOUT)
        );
        let off = TimeoutConfig::builder().disable_connect_timeout().build();
        let config = Config::builder().timeout_config(off).build();
        assert_eq!(config.timeout_config().connect_timeout(), None);
    }

    #[test]
    fn clones_and_rebuilt_configs_share_the_http_client() {
        let config = Config::builder().region(Region::new("eu-west-1")).build();
        let again = config.to_builder().use_fips(true).build();
        assert!(Arc::ptr_eq(&config.http_client(), &again.http_client()));
        assert!(Arc::ptr_eq(
            &config.http_client(),
            &config.clone().http_client()
        ));
        assert_eq!(again.region().map(Region::as_str), Some("eu-west-1"));
        assert!(again.use_fips());
        let slower = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(9))
            .build();
        let rebuilt = config.to_builder().timeout_config(slower).build();
        assert!(
            !Arc::ptr_eq(&config.http_client(), &rebuilt.http_client()),
            "a new connect timeout needs a new default client"
        );
    }
}
