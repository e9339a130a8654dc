//! ECS and EKS (Pod Identity) container credentials: the endpoint the
//! container agent names in `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI`.

use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;

use super::env::Env;
use super::{http, json};
use crate::transport::HttpClient;

const ECS_HOST: &str = "http://169.254.170.2";
const TIMEOUT: Duration = Duration::from_secs(5);
const SOURCE: &str = "the container credentials endpoint";

/// The container endpoint, when the environment names one.
#[derive(Debug, Clone)]
pub struct Container {
    uri: String,
    env: Env,
    http: Arc<dyn HttpClient>,
}

impl Container {
    /// The endpoint the environment names; `not_loaded` without one, an
    /// error for a full URI that is neither HTTPS nor a loopback or
    /// container-agent address.
    pub fn new(env: &Env) -> Result<Container, CredentialsError> {
        let uri = match (
            env.var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
            env.var("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
        ) {
            (Some(relative), _) if relative.starts_with('/') => format!("{ECS_HOST}{relative}"),
            (Some(relative), _) => {
                return Err(CredentialsError::invalid_configuration(format!(
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI {relative:?} is not a path starting with `/`"
                )))
            }
            (None, Some(full)) => {
                if !allowed(&full) {
                    return Err(CredentialsError::invalid_configuration(format!(
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI {full:?} is neither HTTPS nor a loopback or container-agent address"
                    )));
                }
                full
            }
            (None, None) => {
                return Err(CredentialsError::not_loaded(
                    "no container credentials endpoint is set",
                ))
            }
        };
        Ok(Container {
            uri,
            env: env.clone(),
            http: http::client(TIMEOUT),
        })
    }

    /// The credentials the endpoint gives, sent the authorization token of
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
    pub async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let token = match self.env.var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Some(path) => Some(std::fs::read_to_string(&path).map_err(|e| {
                CredentialsError::invalid_configuration(format!(
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}: {e}"
                ))
            })?),
            None => self.env.var("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        };
        let mut request = ::http::Request::get(&self.uri).header("accept", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", token.trim());
        }
        let request = request
            .body(Vec::new())
            .map_err(CredentialsError::invalid_configuration)?;
        let response = http::send(
            &*self.http,
            request,
            TIMEOUT,
            SOURCE,
            http::Unreachable::Error,
        )
        .await?;
        let text = http::text(&response, SOURCE)?;
        json::credentials(&text, "Container")
    }
}

/// HTTPS anywhere; HTTP only to a loopback address or the ECS and EKS
/// agents. User info (`a@b`) is refused: it would hide the real host.
fn allowed(uri: &str) -> bool {
    let Ok(uri) = uri.parse::<::http::Uri>() else {
        return false;
    };
    let Some(authority) = uri.authority() else {
        return false;
    };
    if authority.as_str().contains('@') {
        return false;
    }
    match uri.scheme_str() {
        Some("https") => return true,
        Some("http") => {}
        _ => return false,
    }
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    host == "localhost"
        || host == "169.254.170.2"
        || host == "169.254.170.23"
        || host.eq_ignore_ascii_case("fd00:ec2::23")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_uris_must_be_https_or_local() {
        assert!(super::allowed("https://example.com/creds"));
        assert!(super::allowed("http://127.0.0.1:8080/creds"));
        assert!(super::allowed("http://[::1]:80/creds"));
        assert!(super::allowed("http://169.254.170.23/v1/credentials"));
        assert!(!super::allowed("http://example.com/creds"));
        assert!(!super::allowed("ftp://127.0.0.1/"));
        assert!(!super::allowed("http://169.254.170.2:80@evil.example/"));
        assert!(!super::allowed("http://127.0.0.1.evil.example/"));
    }
}
