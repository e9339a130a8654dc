//! The standard chain of the AWS SDKs, in their order: environment
//! variables, the shared profile files, web identity, the container
//! endpoint, EC2 instance metadata; and a cache in front of it that refreshes
//! temporary credentials before they expire, once for all concurrent callers.

use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials};
use aws_credential_types::Credentials;
use tokio::sync::Mutex;

use super::container::Container;
use super::env::Env;
use super::imds::Imds;
use super::profile::{Profile, ProfileSet};
use super::sts::Sts;
use super::{process, EnvironmentCredentials};

/// Credentials are refreshed this long before they expire.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);
/// A failed lookup answers the callers that were waiting for it, and those
/// that come this soon after, instead of each running the chain again.
const FAILURE_MEMORY: Duration = Duration::from_secs(1);

/// What the chain last found.
#[derive(Debug, Default)]
struct State {
    credentials: Option<Credentials>,
    /// When the last lookup failed, its message, and whether it was "not loaded".
    failure: Option<(Instant, String, bool)>,
}

/// The default credential chain, cached. `Config::from_env()` and a config
/// built without a credentials provider use it.
#[derive(Debug)]
pub struct DefaultCredentialsChain {
    env: Env,
    state: Mutex<State>,
}

impl DefaultCredentialsChain {
    /// The chain over the process's environment and files.
    pub fn new() -> DefaultCredentialsChain {
        DefaultCredentialsChain::with_env(Env::real())
    }

    /// The chain over these variables (and the files they name).
    pub fn with_env(env: Env) -> DefaultCredentialsChain {
        DefaultCredentialsChain {
            env,
            state: Mutex::new(State::default()),
        }
    }

    /// Cached credentials while they are valid for a while yet; otherwise the
    /// chain is asked again. Concurrent callers wait for one answer, a
    /// failure included.
    pub async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let mut state = self.state.lock().await;
        if let Some(credentials) = state.credentials.as_ref() {
            let fresh = credentials
                .expiry()
                .is_none_or(|expiry| expiry > SystemTime::now() + REFRESH_BEFORE_EXPIRY);
            if fresh {
                return Ok(credentials.clone());
            }
        }
        if let Some((at, message, not_loaded)) = &state.failure {
            if at.elapsed() < FAILURE_MEMORY {
                return Err(if *not_loaded {
                    CredentialsError::not_loaded(message.clone())
                } else {
                    CredentialsError::provider_error(message.clone())
                });
            }
        }
        match resolve(&self.env).await {
            Ok(credentials) => {
                *state = State {
                    credentials: Some(credentials.clone()),
                    failure: None,
                };
                Ok(credentials)
            }
            Err(e) => {
                let not_loaded = matches!(e, CredentialsError::CredentialsNotLoaded(_));
                state.failure = Some((Instant::now(), reason(&e), not_loaded));
                Err(e)
            }
        }
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        DefaultCredentialsChain::new()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.credentials())
    }
}

/// Each source in order; the first that has credentials answers. A source
/// that is not configured (or, for IMDS, not reachable) passes to the next;
/// one that is configured but fails ends the chain with its error.
pub async fn resolve(env: &Env) -> Result<Credentials, CredentialsError> {
    let mut tried = Vec::new();
    macro_rules! attempt {
        ($name:literal, $result:expr) => {
            match $result {
                Ok(credentials) => return Ok(credentials),
                Err(e @ CredentialsError::CredentialsNotLoaded(_)) => {
                    tried.push(format!("{}: {}", $name, reason(&e)))
                }
                Err(e) => return Err(e),
            }
        };
    }
    attempt!("environment", EnvironmentCredentials::load_from(env));
    attempt!("profile", profile_credentials(env).await);
    attempt!("web identity", web_identity_from_env(env).await);
    attempt!(
        "container",
        match Container::new(env) {
            Ok(container) => container.credentials().await,
            Err(e) => Err(e),
        }
    );
    attempt!("IMDS", Imds::new(env).credentials().await);
    Err(CredentialsError::not_loaded(format!(
        "no credentials in the environment, the profile files, web identity, the container endpoint or instance metadata ({})",
        tried.join("; ")
    )))
}

/// What an error says, its source's words when it has one.
fn reason(e: &CredentialsError) -> String {
    match std::error::Error::source(e) {
        Some(source) => source.to_string(),
        None => e.to_string(),
    }
}

/// The region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the selected profile's `region`.
pub fn region_without_imds(env: &Env) -> Option<String> {
    env.var("AWS_REGION")
        .or_else(|| env.var("AWS_DEFAULT_REGION"))
        .or_else(|| {
            ProfileSet::load(env)
                .ok()?
                .selected_profile()?
                .get("region")
                .cloned()
        })
}

/// The region as the SDKs find it, instance metadata last.
pub async fn region(env: &Env) -> Option<String> {
    match region_without_imds(env) {
        Some(region) => Some(region),
        None => Imds::new(env).region().await.ok(),
    }
}

/// `AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN` (EKS IRSA and the like).
async fn web_identity_from_env(env: &Env) -> Result<Credentials, CredentialsError> {
    let (Some(token_file), Some(role_arn)) = (
        env.var("AWS_WEB_IDENTITY_TOKEN_FILE"),
        env.var("AWS_ROLE_ARN"),
    ) else {
        return Err(CredentialsError::not_loaded(
            "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set",
        ));
    };
    let session = env
        .var("AWS_ROLE_SESSION_NAME")
        .unwrap_or_else(session_name);
    web_identity(
        env,
        region_without_imds(env).as_deref(),
        &role_arn,
        &token_file,
        &session,
    )
    .await
}

async fn web_identity(
    env: &Env,
    region: Option<&str>,
    role_arn: &str,
    token_file: &str,
    session: &str,
) -> Result<Credentials, CredentialsError> {
    let token = std::fs::read_to_string(token_file).map_err(|e| {
        CredentialsError::invalid_configuration(format!(
            "the web identity token file {token_file}: {e}"
        ))
    })?;
    Sts::new(env, region)
        .assume_role_with_web_identity(role_arn, session, token.trim())
        .await
}

fn session_name() -> String {
    let millis = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("smithy-lean-{millis}")
}

/// The selected profile's credentials: static keys, `credential_process`, or
/// a role assumed with `source_profile` or `web_identity_token_file`.
async fn profile_credentials(env: &Env) -> Result<Credentials, CredentialsError> {
    let profiles = ProfileSet::load(env).map_err(CredentialsError::invalid_configuration)?;
    let Some(profile) = profiles.selected_profile() else {
        return Err(CredentialsError::not_loaded(format!(
            "the profile files define no profile {:?}",
            profiles.selected()
        )));
    };
    // The region, without reading the files a second time.
    let region = env
        .var("AWS_REGION")
        .or_else(|| env.var("AWS_DEFAULT_REGION"))
        .or_else(|| profile.get("region").cloned());
    let mut visited = vec![profiles.selected().to_owned()];
    from_profile(env, &profiles, profile, region.as_deref(), &mut visited).await
}

fn from_profile<'a>(
    env: &'a Env,
    profiles: &'a ProfileSet,
    profile: &'a Profile,
    region: Option<&'a str>,
    visited: &'a mut Vec<String>,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>,
> {
    Box::pin(async move {
        let name = visited.last().cloned().unwrap_or_default();
        let get = |key: &str| {
            profile
                .get(key)
                .map(String::as_str)
                .filter(|v| !v.is_empty())
        };
        // A source profile's own keys come before its role, as in the AWS SDKs.
        if visited.len() > 1 && get("aws_access_key_id").is_some() {
            return static_keys(&name, profile);
        }
        if let Some(role_arn) = get("role_arn") {
            let session = get("role_session_name").map_or_else(session_name, str::to_owned);
            if let Some(token_file) = get("web_identity_token_file") {
                return web_identity(env, region, role_arn, token_file, &session).await;
            }
            let Some(source) = get("source_profile") else {
                return Err(CredentialsError::invalid_configuration(format!(
                    "the profile {name:?} has a role_arn but neither source_profile nor web_identity_token_file (credential_source is not supported without the aws-config feature)"
                )));
            };
            if visited.iter().any(|v| v == source) && source != name {
                return Err(CredentialsError::invalid_configuration(format!(
                    "the profiles {} form a source_profile cycle",
                    visited.join(" -> ")
                )));
            }
            let Some(source_profile) = profiles.get(source) else {
                return Err(CredentialsError::invalid_configuration(format!(
                    "the profile {name:?} names the source_profile {source:?}, which is not defined"
                )));
            };
            let source_credentials = if source == name {
                static_keys(&name, source_profile)?
            } else {
                visited.push(source.to_owned());
                from_profile(env, profiles, source_profile, region, visited).await?
            };
            return Sts::new(env, region)
                .assume_role(role_arn, &session, get("external_id"), &source_credentials)
                .await;
        }
        if let Some(command) = get("credential_process") {
            return process::credentials(command).await;
        }
        if get("sso_session").is_some() || get("sso_start_url").is_some() {
            return Err(CredentialsError::invalid_configuration(format!(
                "the profile {name:?} uses AWS SSO, which the built-in chain does not read: use the aws-config feature and `Client::new(&aws_config::load_defaults(..).await)`"
            )));
        }
        static_keys(&name, profile)
    })
}

fn static_keys(name: &str, profile: &Profile) -> Result<Credentials, CredentialsError> {
    match (
        profile.get("aws_access_key_id"),
        profile.get("aws_secret_access_key"),
    ) {
        (Some(id), Some(secret)) => Ok(Credentials::new(
            id.clone(),
            secret.clone(),
            profile.get("aws_session_token").cloned(),
            None,
            "Profile",
        )),
        (Some(_), None) => Err(CredentialsError::invalid_configuration(format!(
            "the profile {name:?} has aws_access_key_id but no aws_secret_access_key"
        ))),
        _ => Err(CredentialsError::not_loaded(format!(
            "the profile {name:?} has no credentials"
        ))),
    }
}
