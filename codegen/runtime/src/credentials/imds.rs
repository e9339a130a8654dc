//! EC2 instance metadata (IMDSv2): a session token, then the instance role's
//! credentials, and the instance's region.

use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;

use super::env::Env;
use super::{http, json};
use crate::transport::HttpClient;

const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
/// How long IMDS may take to connect and answer, as the AWS SDKs default.
const TIMEOUT: Duration = Duration::from_secs(1);
const SOURCE: &str = "IMDS";

/// The instance metadata service of the machine.
#[derive(Debug, Clone)]
pub struct Imds {
    endpoint: String,
    disabled: bool,
    http: Arc<dyn HttpClient>,
}

impl Imds {
    /// The service at `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else 169.254.169.254;
    /// disabled by `AWS_EC2_METADATA_DISABLED=true`.
    pub fn new(env: &Env) -> Imds {
        Imds {
            endpoint: env
                .var("AWS_EC2_METADATA_SERVICE_ENDPOINT")
                .unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned())
                .trim_end_matches('/')
                .to_owned(),
            disabled: env.flag("AWS_EC2_METADATA_DISABLED"),
            http: http::client(TIMEOUT),
        }
    }

    async fn token(&self) -> Result<String, CredentialsError> {
        if self.disabled {
            return Err(CredentialsError::not_loaded(
                "IMDS is disabled (AWS_EC2_METADATA_DISABLED)",
            ));
        }
        let request = ::http::Request::put(format!("{}/latest/api/token", self.endpoint))
            .header("x-aws-ec2-metadata-token-ttl-seconds", "21600")
            .body(Vec::new())
            .map_err(CredentialsError::unhandled)?;
        let response = http::send(
            &*self.http,
            request,
            TIMEOUT,
            SOURCE,
            http::Unreachable::NotLoaded,
        )
        .await?;
        Ok(http::text(&response, SOURCE)?.trim().to_owned())
    }

    async fn get(&self, token: &str, path: &str) -> Result<String, CredentialsError> {
        let request = ::http::Request::get(format!("{}{path}", self.endpoint))
            .header("x-aws-ec2-metadata-token", token)
            .body(Vec::new())
            .map_err(CredentialsError::unhandled)?;
        let response = http::send(
            &*self.http,
            request,
            TIMEOUT,
            SOURCE,
            http::Unreachable::NotLoaded,
        )
        .await?;
        if response.status() == 404 {
            return Err(CredentialsError::not_loaded(format!(
                "IMDS has nothing at {path}"
            )));
        }
        http::text(&response, SOURCE)
    }

    /// The credentials of the instance's role.
    pub async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let token = self.token().await?;
        let roles = self
            .get(&token, "/latest/meta-data/iam/security-credentials/")
            .await?;
        let role = roles
            .lines()
            .next()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let role =
            role.ok_or_else(|| CredentialsError::not_loaded("the instance has no IAM role"))?;
        let text = self
            .get(
                &token,
                &format!("/latest/meta-data/iam/security-credentials/{role}"),
            )
            .await?;
        json::credentials(&text, SOURCE)
    }

    /// The instance's region.
    pub async fn region(&self) -> Result<String, CredentialsError> {
        let token = self.token().await?;
        Ok(self
            .get(&token, "/latest/meta-data/placement/region")
            .await?
            .trim()
            .to_owned())
    }
}
