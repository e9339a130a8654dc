//! The small HTTP exchanges of the credential sources (IMDS, the container
//! endpoint, STS), over the runtime's transport, each bounded in time.

use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;

use crate::config::timeout::TimeoutConfig;
use crate::transport::{HttpClient, HttpRequest, HttpResponse, HyperClient};

/// A transport for credential sources: connect within `timeout`.
pub fn client(timeout: Duration) -> Arc<dyn HttpClient> {
    let timeouts = TimeoutConfig::builder().connect_timeout(timeout).build();
    Arc::new(HyperClient::new(&timeouts).with_max_response_size(1024 * 1024))
}

/// What an endpoint that cannot be reached means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Unreachable {
    /// The source is not there (instance metadata off EC2): the chain goes on.
    NotLoaded,
    /// The source was configured and fails (STS, the container endpoint): the
    /// chain stops, rather than falling through to another identity.
    Error,
}

/// Sends `request` and waits at most `timeout` for the whole response;
/// `source` names the source in errors.
pub async fn send(
    http: &dyn HttpClient,
    request: HttpRequest,
    timeout: Duration,
    source: &str,
    unreachable: Unreachable,
) -> Result<HttpResponse, CredentialsError> {
    let uri = request.uri().to_string();
    let problem = match tokio::time::timeout(timeout, http.send(request)).await {
        Ok(Ok(response)) => return Ok(response),
        Ok(Err(e)) => format!("{source}: {uri} cannot be reached: {e}"),
        Err(_) => format!("{source}: {uri} did not answer within {timeout:?}"),
    };
    Err(match unreachable {
        Unreachable::NotLoaded => CredentialsError::not_loaded(problem),
        Unreachable::Error => CredentialsError::provider_error(problem),
    })
}

/// The body as text, if the status is a success; else an error naming the source.
pub fn text(response: &HttpResponse, source: &str) -> Result<String, CredentialsError> {
    let body = String::from_utf8_lossy(response.body()).into_owned();
    if response.status().is_success() {
        Ok(body)
    } else {
        let shown: String = body.chars().take(200).collect();
        Err(CredentialsError::provider_error(format!(
            "{source} answered HTTP {}: {shown}",
            response.status().as_u16()
        )))
    }
}
