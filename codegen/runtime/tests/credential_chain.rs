//! The standard credential and region chain against local fakes: profile
//! files in a temporary home, and a loopback IMDS, container endpoint and STS.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use smithy_lean_runtime::config::Config;
use smithy_lean_runtime::credentials::{DefaultCredentialsChain, Env, ProvideCredentials};
use wiremock::matchers::{body_string_contains, header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A temporary home with these `~/.aws/config` and `~/.aws/credentials`.
fn home(config: &str, credentials: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary home");
    std::fs::create_dir_all(dir.path().join(".aws")).expect(".aws");
    std::fs::write(dir.path().join(".aws/config"), config).expect("config");
    std::fs::write(dir.path().join(".aws/credentials"), credentials).expect("credentials");
    dir
}

/// Variables for a chain confined to `home`, IMDS switched off unless asked for.
fn env(home: &Path, extra: &[(&str, &str)]) -> Env {
    let mut vars = vec![
        ("HOME".to_owned(), home.to_string_lossy().into_owned()),
        ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
    ];
    for (k, v) in extra {
        vars.retain(|(name, _)| name != k);
        vars.push(((*k).to_owned(), (*v).to_owned()));
    }
    Env::from_vars(vars)
}

async fn resolve(env: Env) -> Result<aws_credential_types::Credentials, CredentialsError> {
    DefaultCredentialsChain::with_env(env)
        .provide_credentials()
        .await
}

fn message(e: &CredentialsError) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

const STS_ANSWER: &str = "<AssumeRoleResponse><AssumeRoleResult><Credentials>\
    <AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>\
    <SessionToken>role-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>\
    </Credentials></AssumeRoleResult></AssumeRoleResponse>";

#[tokio::test]
async fn environment_variables_come_first() {
    let home = home(
        "",
        "[default]\naws_access_key_id = PROFILE\naws_secret_access_key = s\n",
    );
    let env = env(
        home.path(),
        &[
            ("AWS_ACCESS_KEY_ID", "ENVKEY"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_SESSION_TOKEN", "tok"),
        ],
    );
    let c = resolve(env).await.expect("credentials");
    assert_eq!(
        (c.access_key_id(), c.session_token()),
        ("ENVKEY", Some("tok"))
    );
}

#[tokio::test]
async fn static_keys_of_the_selected_profile() {
    let home = home(
        "[profile dev]\nregion = eu-west-3\n",
        "[default]\naws_access_key_id = DEFAULT\naws_secret_access_key = s\n[dev]\naws_access_key_id = DEV\naws_secret_access_key = dev-secret\n",
    );
    let c = resolve(env(home.path(), &[]))
        .await
        .expect("default profile");
    assert_eq!(c.access_key_id(), "DEFAULT");
    let c = resolve(env(home.path(), &[("AWS_PROFILE", "dev")]))
        .await
        .expect("dev profile");
    assert_eq!(
        (c.access_key_id(), c.secret_access_key()),
        ("DEV", "dev-secret")
    );
    let config = Config::from_env_vars(env(home.path(), &[("AWS_PROFILE", "dev")]));
    assert_eq!(
        config.region().map(|r| r.as_str()),
        Some("eu-west-3"),
        "the region comes from the profile"
    );
}

#[tokio::test]
async fn files_named_by_the_environment_are_read() {
    let elsewhere = tempfile::tempdir().expect("folder");
    let credentials = elsewhere.path().join("creds");
    std::fs::write(
        &credentials,
        "[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = s\n",
    )
    .expect("write");
    let home = home("", "");
    let env = env(
        home.path(),
        &[(
            "AWS_SHARED_CREDENTIALS_FILE",
            credentials.to_str().expect("utf-8"),
        )],
    );
    assert_eq!(
        resolve(env).await.expect("credentials").access_key_id(),
        "FROMFILE"
    );
}

#[tokio::test]
async fn a_malformed_file_is_an_error_naming_file_and_line() {
    let home = home(
        "[default]\nregion = us-east-1\nthis is not a property\n",
        "",
    );
    let e = resolve(env(home.path(), &[])).await.expect_err("malformed");
    let text = message(&e);
    let config = home.path().join(".aws/config");
    assert!(
        text.contains(&format!("{}:3: expected `name = value`", config.display())),
        "{text}"
    );
}

#[tokio::test]
async fn credential_process_is_run() {
    let command = r#"printf '{"Version": 1, "AccessKeyId": "PROCESS", "SecretAccessKey": "p", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}'"#;
    let home = home(&format!("[default]\ncredential_process = {command}\n"), "");
    let c = resolve(env(home.path(), &[])).await.expect("credentials");
    assert_eq!(
        (c.access_key_id(), c.session_token()),
        ("PROCESS", Some("t"))
    );
    assert!(c.expiry().is_some_and(|e| e > SystemTime::now()));
    let home = self::home("[default]\ncredential_process = exit 3\n", "");
    let e = resolve(env(home.path(), &[]))
        .await
        .expect_err("the process fails");
    assert!(
        message(&e).contains("credential_process \"exit 3\" failed"),
        "{}",
        message(&e)
    );
}

#[tokio::test]
async fn a_role_is_assumed_with_the_source_profile() {
    let sts = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("Action=AssumeRole&"))
        .and(body_string_contains(
            "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fadmin",
        ))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(200).set_body_string(STS_ANSWER))
        .expect(1)
        .mount(&sts)
        .await;
    let home = home(
        // The source profile's own keys win over its role, as in the AWS SDKs: one AssumeRole.
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nregion = eu-central-1\n\
         [profile base]\nrole_arn = arn:aws:iam::123456789012:role/never\nsource_profile = base\n",
        "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = base-secret\n",
    );
    let env = env(
        home.path(),
        &[
            ("AWS_PROFILE", "admin"),
            ("AWS_ENDPOINT_URL_STS", &sts.uri()),
        ],
    );
    let c = resolve(env).await.expect("the role's credentials");
    assert_eq!(
        (c.access_key_id(), c.session_token()),
        ("ASIAROLE", Some("role-token"))
    );
    let requests = sts.received_requests().await.expect("recorded");
    let authorization = requests[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        authorization.contains("Credential=BASEKEY/")
            && authorization.contains("/eu-central-1/sts/"),
        "{authorization}"
    );
}

#[tokio::test]
async fn a_source_profile_cycle_is_an_error() {
    let home = home("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n", "");
    let e = resolve(env(home.path(), &[("AWS_PROFILE", "a")]))
        .await
        .expect_err("a cycle");
    assert!(
        message(&e).contains("source_profile cycle"),
        "{}",
        message(&e)
    );
}

#[tokio::test]
async fn web_identity_from_the_environment_and_from_a_profile() {
    let sts = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("Action=AssumeRoleWithWebIdentity"))
        .and(body_string_contains("WebIdentityToken=the-jwt"))
        .respond_with(ResponseTemplate::new(200).set_body_string(STS_ANSWER))
        .mount(&sts)
        .await;
    let home = home("", "");
    let token = home.path().join("token");
    std::fs::write(&token, "the-jwt\n").expect("token file");
    let token = token.to_str().expect("utf-8");
    let env_vars = env(
        home.path(),
        &[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", token),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod"),
            ("AWS_ENDPOINT_URL_STS", &sts.uri()),
        ],
    );
    assert_eq!(
        resolve(env_vars)
            .await
            .expect("web identity")
            .access_key_id(),
        "ASIAROLE"
    );
    let requests = sts.received_requests().await.expect("recorded");
    assert!(
        requests[0].headers.get("authorization").is_none(),
        "AssumeRoleWithWebIdentity is not signed"
    );
    let home2 = self::home(
        &format!(
            "[default]\nrole_arn = arn:aws:iam::1:role/p\nweb_identity_token_file = {token}\n"
        ),
        "",
    );
    let c = resolve(env(home2.path(), &[("AWS_ENDPOINT_URL_STS", &sts.uri())]))
        .await
        .expect("profile web identity");
    assert_eq!(c.access_key_id(), "ASIAROLE");
}

#[tokio::test]
async fn an_sts_error_is_reported_with_its_code() {
    let sts = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_string(
            "<ErrorResponse><Error><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>",
        ))
        .mount(&sts)
        .await;
    let home = home("", "");
    let token = home.path().join("token");
    std::fs::write(&token, "jwt").expect("token");
    let env = env(
        home.path(),
        &[
            (
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                token.to_str().expect("utf-8"),
            ),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/x"),
            ("AWS_ENDPOINT_URL_STS", &sts.uri()),
        ],
    );
    let e = resolve(env).await.expect_err("denied");
    assert!(
        message(&e).contains("AccessDenied: Not authorized"),
        "{}",
        message(&e)
    );
}

fn credentials_json(key: &str, expires_in: Duration) -> serde_json::Value {
    let expiration =
        smithy_lean_runtime::primitives::DateTime::from(SystemTime::now() + expires_in);
    serde_json::json!({
        "Code": "Success",
        "AccessKeyId": key,
        "SecretAccessKey": "secret",
        "Token": "token",
        "Expiration": expiration.to_string(),
    })
}

#[tokio::test]
async fn container_credentials_with_the_authorization_token_file() {
    let agent = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/credentials"))
        .and(header("authorization", "the-token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(credentials_json("CONTAINER", Duration::from_secs(3600))),
        )
        .mount(&agent)
        .await;
    let home = home("", "");
    let token = home.path().join("token");
    std::fs::write(&token, "the-token\n").expect("token");
    let uri = format!("{}/v2/credentials", agent.uri());
    let env = env(
        home.path(),
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            (
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                token.to_str().expect("utf-8"),
            ),
        ],
    );
    assert_eq!(
        resolve(env).await.expect("container").access_key_id(),
        "CONTAINER"
    );
    let env = self::env(
        home.path(),
        &[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://example.com/creds",
        )],
    );
    let e = resolve(env).await.expect_err("not a local address");
    assert!(
        message(&e).contains("neither HTTPS nor a loopback"),
        "{}",
        message(&e)
    );
}

/// A fake IMDS: token, role, credentials (counted), region.
async fn imds(expires_in: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/latest/api/token"))
        .and(header("x-aws-ec2-metadata-token-ttl-seconds", "21600"))
        .respond_with(ResponseTemplate::new(200).set_body_string("imds-token"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/latest/meta-data/iam/security-credentials/"))
        .and(header("x-aws-ec2-metadata-token", "imds-token"))
        .respond_with(ResponseTemplate::new(200).set_body_string("web-role\n"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/latest/meta-data/iam/security-credentials/web-role"))
        .respond_with(move |_: &Request| {
            ResponseTemplate::new(200)
                .set_body_json(credentials_json("INSTANCE", expires_in))
                .set_delay(Duration::from_millis(50))
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/latest/meta-data/placement/region"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ap-southeast-2"))
        .mount(&server)
        .await;
    server
}

async fn credential_fetches(server: &MockServer) -> usize {
    let requests = server.received_requests().await.expect("recorded");
    requests
        .iter()
        .filter(|r| r.url.path().ends_with("/web-role"))
        .count()
}

#[tokio::test]
async fn instance_metadata_credentials_are_cached_once_for_concurrent_callers() {
    let server = imds(Duration::from_secs(3600)).await;
    let home = home("", "");
    let env = env(
        home.path(),
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.uri()),
        ],
    );
    let chain = DefaultCredentialsChain::with_env(env);
    let calls = (0..10).map(|_| chain.provide_credentials());
    let results = futures_util::future::join_all(calls).await;
    assert!(results
        .iter()
        .all(|r| r.as_ref().is_ok_and(|c| c.access_key_id() == "INSTANCE")));
    assert_eq!(
        credential_fetches(&server).await,
        1,
        "one fetch for ten concurrent callers"
    );
    chain.provide_credentials().await.expect("cached");
    assert_eq!(credential_fetches(&server).await, 1, "still cached");
}

#[tokio::test]
async fn credentials_about_to_expire_are_refreshed() {
    let server = imds(Duration::from_secs(60)).await;
    let home = home("", "");
    let env = env(
        home.path(),
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.uri()),
        ],
    );
    let chain = DefaultCredentialsChain::with_env(env);
    chain.provide_credentials().await.expect("first");
    chain.provide_credentials().await.expect("second");
    assert_eq!(
        credential_fetches(&server).await,
        2,
        "credentials within 5 minutes of expiry are fetched again"
    );
}

#[tokio::test]
async fn the_region_comes_from_instance_metadata_last() {
    let server = imds(Duration::from_secs(3600)).await;
    let home = home("", "");
    let env = env(
        home.path(),
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.uri()),
        ],
    );
    let config = Config::from_env_vars(env);
    assert!(config.region().is_none());
    let resolved = config
        .with_resolved_region()
        .await
        .expect("a region from IMDS");
    assert_eq!(
        resolved.region().map(|r| r.as_str()),
        Some("ap-southeast-2")
    );
    let env = self::env(home.path(), &[("AWS_REGION", "us-west-2")]);
    assert_eq!(
        Config::from_env_vars(env).region().map(|r| r.as_str()),
        Some("us-west-2")
    );
}

#[tokio::test]
async fn an_unreachable_imds_is_skipped_fast_and_the_error_lists_every_source() {
    // Nothing listens on this port: the connection is refused at once.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let home = home("", "");
    let endpoint = format!("http://127.0.0.1:{port}");
    let env = env(
        home.path(),
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint),
        ],
    );
    let started = Instant::now();
    let e = resolve(env).await.expect_err("no credentials anywhere");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    let text = message(&e);
    for source in [
        "environment:",
        "profile:",
        "web identity:",
        "container:",
        "IMDS:",
    ] {
        assert!(text.contains(source), "{source} in {text}");
    }
}

#[tokio::test]
async fn an_imds_that_never_answers_is_given_up_on_within_its_timeout() {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let endpoint = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let home = home("", "");
    let env = env(
        home.path(),
        &[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint),
        ],
    );
    let started = Instant::now();
    let e = resolve(env).await.expect_err("no credentials");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        message(&e).contains("did not answer within"),
        "{}",
        message(&e)
    );
}

#[tokio::test]
async fn an_unreachable_sts_stops_the_chain_instead_of_falling_through() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let closed = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let instance = imds(Duration::from_secs(3600)).await;
    let home = home("", "");
    let token = home.path().join("token");
    std::fs::write(&token, "jwt").expect("token");
    let env = env(
        home.path(),
        &[
            (
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                token.to_str().expect("utf-8"),
            ),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod"),
            ("AWS_ENDPOINT_URL_STS", &closed),
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &instance.uri()),
        ],
    );
    let e = resolve(env).await.expect_err("STS is down");
    assert!(
        message(&e).contains("STS: ") && message(&e).contains("cannot be reached"),
        "{}",
        message(&e)
    );
    assert_eq!(
        credential_fetches(&instance).await,
        0,
        "the instance role is not used instead"
    );
}

#[test]
fn debug_output_never_shows_variable_values() {
    let env = Env::from_vars([("AWS_SECRET_ACCESS_KEY", "s3cr3t-value")]);
    let chain = DefaultCredentialsChain::with_env(env.clone());
    for shown in [format!("{env:?}"), format!("{chain:?}")] {
        assert!(!shown.contains("s3cr3t-value"), "{shown}");
    }
    assert!(format!("{env:?}").contains("AWS_SECRET_ACCESS_KEY"));
}
