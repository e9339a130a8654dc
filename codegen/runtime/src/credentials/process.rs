//! `credential_process`: a command that prints credentials as JSON.

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;

use super::json;

/// Runs `command` through the shell and reads the credentials it prints
/// (`{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`).
pub async fn credentials(command: &str) -> Result<Credentials, CredentialsError> {
    let mut shell = if cfg!(windows) {
        let mut c = tokio::process::Command::new("cmd");
        c.arg("/C");
        c
    } else {
        let mut c = tokio::process::Command::new("sh");
        c.arg("-c");
        c
    };
    let output = shell
        .arg(command)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|e| {
            CredentialsError::provider_error(format!(
                "credential_process {command:?} cannot be run: {e}"
            ))
        })?;
    if !output.status.success() {
        let stderr: String = String::from_utf8_lossy(&output.stderr)
            .chars()
            .take(200)
            .collect();
        return Err(CredentialsError::provider_error(format!(
            "credential_process {command:?} failed ({}): {stderr}",
            output.status
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        CredentialsError::provider_error(format!(
            "credential_process {command:?} printed something that is not JSON: {e}"
        ))
    })?;
    if value.get("Version").and_then(serde_json::Value::as_u64) != Some(1) {
        return Err(CredentialsError::provider_error(format!(
            "credential_process {command:?} printed no `\"Version\": 1`"
        )));
    }
    json::credentials(&text, "CredentialProcess")
}
