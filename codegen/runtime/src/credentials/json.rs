//! Credentials in the JSON the container endpoint, IMDS and
//! `credential_process` answer with.

use std::time::SystemTime;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;

use crate::primitives::DateTime;

/// Reads `{"AccessKeyId", "SecretAccessKey", "Token" or "SessionToken", "Expiration"}`.
pub fn credentials(text: &str, source: &'static str) -> Result<Credentials, CredentialsError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        CredentialsError::provider_error(format!(
            "{source} answered with something that is not JSON: {e}"
        ))
    })?;
    if let Some(code) = value
        .get("Code")
        .and_then(|c| c.as_str())
        .filter(|c| *c != "Success")
    {
        let message = value
            .get("Message")
            .and_then(|m| m.as_str())
            .unwrap_or_default();
        return Err(CredentialsError::provider_error(format!(
            "{source} refused: {code} {message}"
        )));
    }
    let field = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let missing =
        |name: &str| CredentialsError::provider_error(format!("{source} answered without {name}"));
    let access_key_id = field("AccessKeyId").ok_or_else(|| missing("AccessKeyId"))?;
    let secret = field("SecretAccessKey").ok_or_else(|| missing("SecretAccessKey"))?;
    let token = field("Token").or_else(|| field("SessionToken"));
    let expiry = match field("Expiration") {
        Some(text) => Some(expiration(&text, source)?),
        None => None,
    };
    Ok(Credentials::new(
        access_key_id,
        secret,
        token,
        expiry,
        source,
    ))
}

/// An RFC 3339 expiration time.
pub fn expiration(text: &str, source: &str) -> Result<SystemTime, CredentialsError> {
    DateTime::parse_rfc3339(text)
        .and_then(|t| SystemTime::try_from(t).ok())
        .ok_or_else(|| {
            CredentialsError::provider_error(format!(
                "{source} gave an expiration that is not a date: {text:?}"
            ))
        })
}
