//! Parses one ListEventSourceMappings response of 100 fully populated
//! mappings through each client's real `send()` path, with the HTTP layer
//! replaced by an in-memory response; `serde_json::Value` of the same bytes
//! is the yardstick.

use std::sync::Arc;

use aws_lambda_client::config::http::{ConnectorError, HttpClient, HttpRequest, HttpResponse};
use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::config::http::BoxFuture;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// One mapping with every member the model has set, shared with the
/// pagination benchmark's fake server.
const MAPPING: &str = include_str!("../../fixtures/mapping.json");

fn body() -> Vec<u8> {
    let mapping: serde_json::Value = serde_json::from_str(MAPPING).expect("the fixture is JSON");
    let mappings = vec![mapping; 100];
    serde_json::to_vec(&serde_json::json!({ "EventSourceMappings": mappings, "NextMarker": "next" })).expect("JSON")
}

/// Answers every request with the same response, from memory.
#[derive(Debug)]
struct Canned(Arc<Vec<u8>>);

impl HttpClient for Canned {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>> {
        let body = self.0.as_ref().clone();
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(body)
                .expect("a response"))
        })
    }
}

fn benches(c: &mut Criterion) {
    let body = Arc::new(body());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let mut group = c.benchmark_group("list_event_source_mappings_100");
    group.throughput(Throughput::Bytes(body.len() as u64));

    let ours = aws_lambda_client::Client::new(
        aws_lambda_client::Config::builder()
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "test"))
            .http_client(Canned(body.clone()))
            .build(),
    );
    group.bench_function("ours", |b| {
        b.to_async(&runtime).iter(|| async {
            let out = ours.list_event_source_mappings().send().await.expect("parses");
            assert_eq!(out.event_source_mappings.as_ref().map(Vec::len), Some(100));
        })
    });

    let reply = body.clone();
    let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(aws_smithy_types::body::SdkBody::from(reply.as_ref().clone()))
            .expect("a response")
    });
    let config = aws_sdk_lambda::Config::builder()
        .behavior_version(aws_sdk_lambda::config::BehaviorVersion::latest())
        .region(aws_sdk_lambda::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_lambda::config::Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .http_client(http)
        .build();
    let reference = aws_sdk_lambda::Client::from_conf(config);
    group.bench_function("reference", |b| {
        b.to_async(&runtime).iter(|| async {
            let out = reference.list_event_source_mappings().send().await.expect("parses");
            assert_eq!(out.event_source_mappings().len(), 100);
        })
    });

    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(&body).expect("JSON"))
    });
    group.finish();
}

criterion_group!(parse, benches);
criterion_main!(parse);
