//! The two STS calls the credential chain makes: `AssumeRoleWithWebIdentity`
//! (unsigned, with a web identity token) and `AssumeRole` (signed with the
//! source profile's credentials), in the awsQuery protocol STS speaks.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;

use super::env::Env;
use super::{http, json};
use crate::protocol::percent_encode;
use crate::transport::HttpClient;

const TIMEOUT: Duration = Duration::from_secs(10);
const SOURCE: &str = "STS";

/// STS in one region.
#[derive(Debug, Clone)]
pub struct Sts {
    endpoint: String,
    region: String,
    http: Arc<dyn HttpClient>,
}

impl Sts {
    /// STS at `AWS_ENDPOINT_URL_STS` (or `AWS_ENDPOINT_URL`), else the regional
    /// endpoint of `region` (`us-east-1` when none is known).
    pub fn new(env: &Env, region: Option<&str>) -> Sts {
        let region = region.unwrap_or("us-east-1").to_owned();
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        let endpoint = env
            .var("AWS_ENDPOINT_URL_STS")
            .or_else(|| env.var("AWS_ENDPOINT_URL"))
            .unwrap_or_else(|| format!("https://sts.{region}.{suffix}"));
        Sts {
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            region,
            http: http::client(TIMEOUT),
        }
    }

    /// `AssumeRoleWithWebIdentity`: the role's credentials for a web identity token.
    pub async fn assume_role_with_web_identity(
        &self,
        role_arn: &str,
        session_name: &str,
        token: &str,
    ) -> Result<Credentials, CredentialsError> {
        let params = [
            ("Action", "AssumeRoleWithWebIdentity"),
            ("Version", "2011-06-15"),
            ("RoleArn", role_arn),
            ("RoleSessionName", session_name),
            ("WebIdentityToken", token),
        ];
        self.call(&params, None, "WebIdentityToken").await
    }

    /// `AssumeRole`, signed with `source`.
    pub async fn assume_role(
        &self,
        role_arn: &str,
        session_name: &str,
        external_id: Option<&str>,
        source: &Credentials,
    ) -> Result<Credentials, CredentialsError> {
        let mut params = vec![
            ("Action", "AssumeRole"),
            ("Version", "2011-06-15"),
            ("RoleArn", role_arn),
            ("RoleSessionName", session_name),
        ];
        if let Some(id) = external_id {
            params.push(("ExternalId", id));
        }
        self.call(&params, Some(source), "AssumeRoleProvider").await
    }

    async fn call(
        &self,
        params: &[(&str, &str)],
        signer: Option<&Credentials>,
        provider: &'static str,
    ) -> Result<Credentials, CredentialsError> {
        let body: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        let mut request = ::http::Request::post(format!("{}/", self.endpoint))
            .header(
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .body(body.join("&").into_bytes())
            .map_err(CredentialsError::invalid_configuration)?;
        if let Some(credentials) = signer {
            crate::signing::sign_request(
                &mut request,
                credentials,
                &crate::signing::SigningParams {
                    name: "sts",
                    region: &self.region,
                    double_encode: true,
                    normalize_path: true,
                    content_sha256_header: false,
                },
                SystemTime::now(),
            )
            .map_err(CredentialsError::unhandled)?;
        }
        let response = http::send(
            &*self.http,
            request,
            TIMEOUT,
            SOURCE,
            http::Unreachable::Error,
        )
        .await?;
        let text = String::from_utf8_lossy(response.body()).into_owned();
        if !response.status().is_success() {
            let code = element(&text, "Code")
                .unwrap_or_else(|| format!("HTTP {}", response.status().as_u16()));
            let message = element(&text, "Message").unwrap_or_default();
            return Err(CredentialsError::provider_error(format!(
                "STS {}: {code}: {message}",
                params[0].1
            )));
        }
        let field = |name: &str| {
            element(&text, name).ok_or_else(|| {
                CredentialsError::provider_error(format!("the STS answer has no {name}"))
            })
        };
        let expiry = json::expiration(&field("Expiration")?, SOURCE)?;
        Ok(Credentials::new(
            field("AccessKeyId")?,
            field("SecretAccessKey")?,
            Some(field("SessionToken")?),
            Some(expiry),
            provider,
        ))
    }
}

/// The text of the first `<name>` element, its entities decoded.
fn element(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    let raw = xml[start..end].trim();
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn elements_are_found_and_decoded() {
        let xml = "<R><Credentials><AccessKeyId>AK</AccessKeyId><SessionToken>a&amp;b</SessionToken></Credentials></R>";
        assert_eq!(super::element(xml, "AccessKeyId").as_deref(), Some("AK"));
        assert_eq!(super::element(xml, "SessionToken").as_deref(), Some("a&b"));
        assert_eq!(super::element(xml, "Expiration"), None);
    }
}
