//! Credentials and where they come from.
//!
//! The types are those of the AWS SDK for Rust (`aws-credential-types`), so a
//! credentials provider written for the official SDK, or the credential
//! chain of `aws-config`, plugs in unchanged. [`DefaultCredentialsChain`] is
//! the standard chain of the AWS SDKs, built in: environment variables, the
//! shared profile files, web identity, the container endpoint and EC2
//! instance metadata.

mod chain;
mod container;
mod env;
mod http;
mod imds;
mod json;
mod process;
mod profile;
mod sts;

pub use chain::{region, region_without_imds, DefaultCredentialsChain};
pub use env::Env;
pub use profile::{ProfileError, ProfileSet};

pub use aws_credential_types::provider::error::CredentialsError;
pub use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
pub use aws_credential_types::Credentials;

/// The name [`EnvironmentCredentials`] gives the credentials it reads.
const ENVIRONMENT: &str = "Environment";

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (for temporary
/// credentials) `AWS_SESSION_TOKEN` at every call.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvironmentCredentials;

impl EnvironmentCredentials {
    /// The credentials the environment holds now.
    pub fn load() -> Result<Credentials, CredentialsError> {
        EnvironmentCredentials::load_from(&Env::real())
    }

    /// The credentials these variables hold.
    pub fn load_from(env: &Env) -> Result<Credentials, CredentialsError> {
        let var = |name: &str| env.var(name);
        let missing = |name: &str| {
            CredentialsError::not_loaded(format!("the environment variable {name} is not set"))
        };
        let access_key_id = var("AWS_ACCESS_KEY_ID").ok_or_else(|| missing("AWS_ACCESS_KEY_ID"))?;
        let secret =
            var("AWS_SECRET_ACCESS_KEY").ok_or_else(|| missing("AWS_SECRET_ACCESS_KEY"))?;
        Ok(Credentials::new(
            access_key_id,
            secret,
            var("AWS_SESSION_TOKEN"),
            None,
            ENVIRONMENT,
        ))
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(EnvironmentCredentials::load())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let c = Credentials::new("AKID", "SECRET-KEY", Some("TOKEN".to_owned()), None, "test");
        let shown = format!("{c:?}");
        assert!(shown.contains("AKID"));
        assert!(
            !shown.contains("SECRET-KEY") && !shown.contains("TOKEN"),
            "{shown}"
        );
    }
}
