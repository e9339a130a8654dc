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

/// Sends `request` and waits at most `timeout` for the whole response. An
/// endpoint that cannot be reached is `not_loaded` (the chain goes on);
/// `source` names the source in errors.
pub async fn send(
    http: &dyn HttpClient,
    request: HttpRequest,
    timeout: Duration,
    source: &str,
) -> Result<HttpResponse, CredentialsError> {
    let uri = request.uri().to_string();
    match tokio::time::timeout(timeout, http.send(request)).await {
        Ok(Ok(response)) => Ok(response),
        Ok(Err(e)) => Err(CredentialsError::not_loaded(format!(
            "{source}: {uri} cannot be reached: {e}"
        ))),
        Err(_) => Err(CredentialsError::not_loaded(format!(
            "{source}: {uri} did not answer within {timeout:?}"
        ))),
    }
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
