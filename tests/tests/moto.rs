//! End to end against moto, with boto3 as the reference client.
//!
//! `tests/moto/harness.py` (run in a pinned venv under `target/`) starts
//! moto's server and a loopback proxy that checks every request's SigV4
//! signature with botocore's signer, creates functions, queues, streams and
//! event source mappings with boto3, and prints what boto3's
//! `list_event_source_mappings` returns. These tests list the same mappings
//! with the generated client through the proxy and compare.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use aws_lambda_client::config::retry::RetryConfig;
use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::error::{ProvideErrorMetadata, SdkError};
use aws_lambda_client::operation::list_event_source_mappings::ListEventSourceMappingsError;
use aws_lambda_client::{Client, Config};
use futures::StreamExt;
use serde_json::Value;
use tests::moto::Harness;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The generated client's view of the harness.
trait LambdaHarness {
    fn client(&self, credentials: Credentials) -> Client;
    fn credentials(&self) -> Credentials;
}

impl LambdaHarness for Harness {
    fn client(&self, credentials: Credentials) -> Client {
        Client::new(
            Config::builder()
                .region(Region::new(self.str("region").to_owned()))
                .endpoint_url(self.str("endpoint"))
                .credentials_provider(credentials)
                .retry_config(RetryConfig::disabled())
                .build(),
        )
    }

    fn credentials(&self) -> Credentials {
        Credentials::new(
            self.str("access_key"),
            self.str("secret_key"),
            None,
            None,
            "test",
        )
    }
}

/// Shapes of our model, to keep only the members it has from boto3's view.
struct Model(serde_json::Map<String, Value>);

impl Model {
    fn load() -> Model {
        let text =
            std::fs::read_to_string(root().join("model/lambda.json")).expect("model/lambda.json");
        let model: Value = serde_json::from_str(&text).expect("JSON");
        Model(model["shapes"].as_object().expect("shapes").clone())
    }

    /// `value` with only the members the shape `id` (and its nested shapes) has.
    fn restrict(&self, id: &str, value: &Value) -> Value {
        let Some(shape) = self.0.get(id) else {
            return value.clone();
        };
        match (shape["type"].as_str(), value) {
            (Some("structure"), Value::Object(members)) => {
                let known = shape["members"].as_object().expect("members");
                let kept = members
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .filter_map(|(k, v)| {
                        let target = known.get(k)?["target"].as_str()?;
                        Some((k.clone(), self.restrict(target, v)))
                    })
                    .collect();
                Value::Object(kept)
            }
            (Some("list"), Value::Array(items)) => {
                let target = shape["member"]["target"].as_str().expect("list member");
                Value::Array(items.iter().map(|v| self.restrict(target, v)).collect())
            }
            (Some("map"), Value::Object(entries)) => {
                let target = shape["value"]["target"].as_str().expect("map value");
                Value::Object(
                    entries
                        .iter()
                        .map(|(k, v)| (k.clone(), self.restrict(target, v)))
                        .collect(),
                )
            }
            _ => value.clone(),
        }
    }
}

const MAPPING: &str = "com.amazonaws.lambda#EventSourceMappingConfiguration";

/// Mappings by UUID, as boto3 saw them (restricted to our model) and as our client did.
fn by_uuid(items: &[Value]) -> BTreeMap<String, Value> {
    items
        .iter()
        .map(|m| (m["UUID"].as_str().expect("UUID").to_owned(), m.clone()))
        .collect()
}

fn assert_same(
    model: &Model,
    expected: &Value,
    ours: &[aws_lambda_client::types::EventSourceMappingConfiguration],
    what: &str,
) {
    let boto: Vec<Value> = expected["EventSourceMappings"]
        .as_array()
        .unwrap_or_else(|| panic!("boto3's {what} lacks EventSourceMappings"))
        .iter()
        .map(|m| model.restrict(MAPPING, m))
        .collect();
    let ours: Vec<Value> = ours
        .iter()
        .map(|m| serde_json::to_value(m).expect("serialises"))
        .collect();
    assert!(
        !boto.is_empty(),
        "the fixture should have mappings for {what}"
    );
    let (boto, ours) = (by_uuid(&boto), by_uuid(&ours));
    assert_eq!(
        boto.keys().collect::<Vec<_>>(),
        ours.keys().collect::<Vec<_>>(),
        "{what}: the same mappings"
    );
    for (uuid, expected) in &boto {
        let actual = &ours[uuid];
        for (member, value) in expected.as_object().expect("object") {
            let got = &actual[member];
            let equal = match (value.as_f64(), got.as_f64()) {
                (Some(a), Some(b)) if value.is_f64() || got.is_f64() => (a - b).abs() < 1e-3,
                _ => value == got,
            };
            assert!(
                equal,
                "{what}: mapping {uuid} member {member}: boto3 {value}, ours {got}"
            );
        }
        let extra: Vec<&String> = actual
            .as_object()
            .expect("object")
            .keys()
            .filter(|k| !expected.as_object().is_some_and(|e| e.contains_key(*k)))
            .collect();
        assert!(
            extra.is_empty(),
            "{what}: mapping {uuid} has members boto3 did not see: {extra:?}"
        );
    }
}

async fn all_items(
    call: aws_lambda_client::operation::list_event_source_mappings::ListEventSourceMappingsFluentBuilder,
) -> Vec<aws_lambda_client::types::EventSourceMappingConfiguration> {
    call.into_paginator()
        .items()
        .map(|item| item.unwrap_or_else(|e| panic!("listing failed: {e}")))
        .collect()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_the_same_mappings_as_boto3_through_a_sigv4_checking_proxy() {
    let harness = Harness::lambda();
    let model = Model::load();
    let client = harness.client(harness.credentials());

    let all = all_items(client.list_event_source_mappings()).await;
    assert_same(&model, &harness.info["all"], &all, "all mappings");

    let by_function = all_items(
        client
            .list_event_source_mappings()
            .function_name("my-function"),
    )
    .await;
    assert_same(
        &model,
        &harness.info["by_function"],
        &by_function,
        "by function name",
    );

    let queue = harness.str("queue_arn");
    let by_source = all_items(client.list_event_source_mappings().event_source_arn(queue)).await;
    assert_same(
        &model,
        &harness.info["by_event_source"],
        &by_source,
        "by event source ARN",
    );

    // Page by page: each page is a complete, signed request of its own.
    let pages: Vec<_> = client
        .list_event_source_mappings()
        .max_items(1)
        .into_paginator()
        .collect()
        .await;
    let paged: Vec<_> = pages
        .into_iter()
        .flat_map(|page| {
            page.expect("page")
                .event_source_mappings
                .unwrap_or_default()
        })
        .collect();
    assert_same(&model, &harness.info["all"], &paged, "page by page");

    // Temporary credentials: the session token is signed too.
    let session = &harness.info["session"];
    let temporary = harness.client(Credentials::new(
        session["access_key"].as_str().expect("access key"),
        session["secret_key"].as_str().expect("secret"),
        Some(session["token"].as_str().expect("token").to_owned()),
        None,
        "test",
    ));
    let with_token = all_items(
        temporary
            .list_event_source_mappings()
            .function_name("my-function"),
    )
    .await;
    assert_same(
        &model,
        &harness.info["by_function"],
        &with_token,
        "with a session token",
    );

    // A wrong secret: the proxy's reference signer rejects the request.
    let wrong = harness.client(Credentials::new(
        harness.str("access_key"),
        "not-the-secret",
        None,
        None,
        "test",
    ));
    let err = wrong
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("bad signature");
    assert_eq!(err.status(), Some(403), "{err}");
    assert_eq!(err.code(), Some("InvalidSignatureException"), "{err}");
    assert!(err.request_id().is_some_and(|id| !id.is_empty()), "{err}");
    assert!(matches!(
        err,
        SdkError::Service {
            error: ListEventSourceMappingsError::Unhandled(_),
            ..
        }
    ));

    // The example program, as a user runs it: credentials from the environment.
    let example = tests::example_binary();
    let output = Command::new(&example)
        .args([
            "--endpoint-url",
            harness.str("endpoint"),
            "--region",
            harness.str("region"),
        ])
        .env("AWS_ACCESS_KEY_ID", harness.str("access_key"))
        .env("AWS_SECRET_ACCESS_KEY", harness.str("secret_key"))
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("run the example");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).expect("the example prints JSON");
    let mappings: Vec<aws_lambda_client::types::EventSourceMappingConfiguration> =
        serde_json::from_value(printed["EventSourceMappings"].clone()).expect("in wire form");
    assert_same(
        &model,
        &harness.info["all"],
        &mappings,
        "the example program",
    );

    let output = Command::new(&example)
        .args([
            "--endpoint-url",
            harness.str("endpoint"),
            "--region",
            harness.str("region"),
        ])
        .env("AWS_ACCESS_KEY_ID", harness.str("access_key"))
        .env("AWS_SECRET_ACCESS_KEY", "not-the-secret")
        .output()
        .expect("run the example");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("code: InvalidSignatureException") && stderr.contains("request id: "),
        "{stderr}"
    );
}
