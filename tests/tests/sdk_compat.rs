//! Programs written for the official SDK (`aws-sdk-lambda` with `aws-config`),
//! with only the crate name changed from `aws_sdk_lambda` to
//! `aws_lambda_client`, compiled and run against a local HTTP fake. Each
//! module is one such program, its imports and calls as the SDK's
//! documentation writes them.

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATH: &str = "/2015-03-31/event-source-mappings";

/// Two pages of mappings, then a 404 for the function `missing`.
async fn fake_lambda() -> MockServer {
    let server = MockServer::start().await;
    let mapping = |uuid: &str| json!({"UUID": uuid, "BatchSize": 10, "State": "Enabled", "LastModified": 1700000000});
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("FunctionName", "missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-amzn-ErrorType", "ResourceNotFoundException")
                .set_body_json(json!({"Type": "User", "Message": "Function not found: missing"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("Marker", "page-2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"EventSourceMappings": [mapping("u3")]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"EventSourceMappings": [mapping("u1"), mapping("u2")], "NextMarker": "page-2"}),
        ))
        .mount(&server)
        .await;
    server
}

/// `aws_config::defaults(..).load()` and `Client::new(&sdk_config)`, output getters.
mod with_aws_config {
    use aws_config::BehaviorVersion;
    use aws_lambda_client::config::Credentials;
    use aws_lambda_client::Client;

    pub async fn first_page(
        endpoint: &str,
    ) -> Result<(Vec<String>, Option<String>), aws_lambda_client::Error> {
        let sdk_config = aws_config::defaults(BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new(
                "AKIDEXAMPLE",
                "secret",
                None,
                None,
                "example",
            ))
            .load()
            .await;
        let client = Client::new(&sdk_config);
        let resp = client
            .list_event_source_mappings()
            .function_name("my-function")
            .send()
            .await?;
        let uuids = resp
            .event_source_mappings()
            .iter()
            .map(|m| {
                format!(
                    "{}:{}:{}",
                    m.uuid().unwrap_or_default(),
                    m.batch_size().unwrap_or_default(),
                    m.state().unwrap_or_default()
                )
            })
            .collect();
        Ok((uuids, resp.next_marker().map(str::to_owned)))
    }
}

/// `Config::builder()` with region, credentials, endpoint, retries and timeouts;
/// `Client::from_conf`; paginators.
mod with_config_builder {
    use std::time::Duration;

    use aws_lambda_client::config::retry::RetryConfig;
    use aws_lambda_client::config::timeout::TimeoutConfig;
    use aws_lambda_client::config::{BehaviorVersion, Credentials, Region};
    use aws_lambda_client::types::EventSourceMappingConfiguration;
    use aws_lambda_client::{Client, Config};

    pub fn client(endpoint: &str) -> Client {
        let config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-1"))
            .credentials_provider(Credentials::new(
                "AKIDEXAMPLE",
                "secret",
                None,
                None,
                "example",
            ))
            .endpoint_url(endpoint)
            .retry_config(RetryConfig::standard().with_max_attempts(2))
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(Duration::from_secs(10))
                    .build(),
            )
            .build();
        Client::from_conf(config)
    }

    pub async fn all_mappings(
        client: &Client,
    ) -> Result<Vec<EventSourceMappingConfiguration>, aws_lambda_client::Error> {
        let mappings = client
            .list_event_source_mappings()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await?;
        Ok(mappings)
    }

    pub async fn page_count(client: &Client) -> Result<usize, aws_lambda_client::Error> {
        let mut pages = client
            .list_event_source_mappings()
            .into_paginator()
            .page_size(2)
            .send();
        let mut count = 0;
        while let Some(page) = pages.next().await {
            let _page = page?;
            count += 1;
        }
        Ok(count)
    }

    pub fn behavior_version_latest(endpoint: &str) -> Client {
        let config = Config::builder()
            .behavior_version_latest()
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .build();
        Client::from_conf(config)
    }
}

/// Errors: `SdkError`, `into_service_error`, `is_*`, `ProvideErrorMetadata`,
/// `DisplayErrorContext`, and the modeled error in `types::error`.
mod errors {
    use aws_lambda_client::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
    use aws_lambda_client::operation::list_event_source_mappings::ListEventSourceMappingsError;
    use aws_lambda_client::types::error::ResourceNotFoundException;
    use aws_lambda_client::Client;

    pub async fn describe_missing(client: &Client) -> String {
        let result = client
            .list_event_source_mappings()
            .function_name("missing")
            .send()
            .await;
        let err: SdkError<ListEventSourceMappingsError> =
            result.expect_err("the function is missing");
        let shown = format!("{}", DisplayErrorContext(&err));
        let code = err.code().map(str::to_owned);
        let service_error = err.into_service_error();
        assert!(service_error.is_resource_not_found_exception());
        let message = match &service_error {
            ListEventSourceMappingsError::ResourceNotFoundException(e) => {
                e.message().map(str::to_owned)
            }
            other => other.message().map(str::to_owned),
        };
        let modeled: Option<&ResourceNotFoundException> = match &service_error {
            ListEventSourceMappingsError::ResourceNotFoundException(e) => Some(e),
            _ => None,
        };
        format!("{code:?} {message:?} {} {shown}", modeled.is_some())
    }
}

/// Inputs and types built with the builders, at the SDK's paths.
mod builders {
    use aws_lambda_client::operation::list_event_source_mappings::builders::{
        ListEventSourceMappingsFluentBuilder, ListEventSourceMappingsInputBuilder,
    };
    use aws_lambda_client::operation::list_event_source_mappings::{
        ListEventSourceMappingsError, ListEventSourceMappingsInput, ListEventSourceMappingsOutput,
    };
    use aws_lambda_client::primitives::DateTime;
    use aws_lambda_client::types::builders::{
        EventSourceMappingConfigurationBuilder, FilterBuilder,
    };
    use aws_lambda_client::types::{EventSourceMappingConfiguration, Filter};

    pub fn build(fluent: ListEventSourceMappingsFluentBuilder) -> (String, f64) {
        let fluent = fluent.function_name("f").max_items(5);
        let input_builder: &ListEventSourceMappingsInputBuilder = fluent.as_input();
        let _: ListEventSourceMappingsInput = input_builder.clone().build();
        let filter: Filter = FilterBuilder::default().pattern("{}").build();
        let mapping: EventSourceMappingConfiguration =
            EventSourceMappingConfigurationBuilder::default()
                .uuid("u1")
                .last_modified(DateTime::from_secs(1_700_000_000))
                .build();
        let output = ListEventSourceMappingsOutput::builder()
            .event_source_mappings(mapping)
            .build();
        let _: Option<ListEventSourceMappingsError> = None;
        let seconds = output.event_source_mappings()[0]
            .last_modified()
            .map(DateTime::as_secs_f64);
        (
            format!("{:?}", filter.pattern()),
            seconds.unwrap_or_default(),
        )
    }
}

#[tokio::test]
async fn a_program_that_loads_aws_config() {
    let server = fake_lambda().await;
    let (uuids, marker) = with_aws_config::first_page(&server.uri())
        .await
        .expect("the first page");
    assert_eq!(uuids, ["u1:10:Enabled", "u2:10:Enabled"]);
    assert_eq!(marker.as_deref(), Some("page-2"));
}

#[tokio::test]
async fn a_program_that_builds_its_config_and_pages() {
    let server = fake_lambda().await;
    let client = with_config_builder::client(&server.uri());
    let all = with_config_builder::all_mappings(&client)
        .await
        .expect("every mapping");
    let uuids: Vec<_> = all.iter().filter_map(|m| m.uuid()).collect();
    assert_eq!(uuids, ["u1", "u2", "u3"]);
    assert_eq!(
        with_config_builder::page_count(&client)
            .await
            .expect("pages"),
        2
    );
    let requests = server.received_requests().await.expect("recorded");
    let page_sizes = requests
        .iter()
        .filter(|r| r.url.query().is_some_and(|q| q.contains("MaxItems=2")))
        .count();
    assert_eq!(
        page_sizes, 2,
        "page_size sets MaxItems on every page request"
    );
    let latest = with_config_builder::behavior_version_latest(&server.uri());
    assert!(latest.config().behavior_version().is_some());
}

#[tokio::test]
async fn a_program_that_handles_errors() {
    let server = fake_lambda().await;
    let client = with_config_builder::client(&server.uri());
    let described = errors::describe_missing(&client).await;
    assert!(
        described.starts_with(
            "Some(\"ResourceNotFoundException\") Some(\"Function not found: missing\") true ResourceNotFoundException"
        ),
        "{described}"
    );
}

#[tokio::test]
async fn a_program_that_uses_the_builders() {
    let server = fake_lambda().await;
    let client = with_config_builder::client(&server.uri());
    let (pattern, seconds) = builders::build(client.list_event_source_mappings());
    assert_eq!(pattern, "Some(\"{}\")");
    assert_eq!(seconds, 1_700_000_000.0);
}
