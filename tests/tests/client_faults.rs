//! The generated client under faults: servers that fail, break connections,
//! stall, send garbage or page forever. Every case checks the outcome and how
//! many attempts the server saw; none may panic or hang.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_lambda_client::config::retry::RetryConfig;
use aws_lambda_client::config::timeout::TimeoutConfig;
use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::error::{ProvideErrorMetadata, SdkError, TimeoutKind};
use aws_lambda_client::operation::list_event_source_mappings::ListEventSourceMappingsError;
use aws_lambda_client::types::EventSourcePosition;
use aws_lambda_client::{Client, Config};
use futures::StreamExt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn config(uri: &str) -> aws_lambda_client::config::Builder {
    Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(uri)
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "test",
        ))
        .retry_config(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(20)),
        )
}

async fn attempts(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

/// Answers with `first` once, then with `then`.
async fn flaky(first: ResponseTemplate, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(then)
        .mount(&server)
        .await;
    server
}

fn ok_page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "EventSourceMappings": [{ "UUID": "u1" }] }))
}

#[tokio::test]
async fn gateway_errors_are_retried_and_the_call_succeeds_when_the_server_recovers() {
    for status in [500, 502, 503, 504] {
        let server = flaky(ResponseTemplate::new(status), ok_page()).await;
        let out = Client::new(config(&server.uri()).build())
            .list_event_source_mappings()
            .send()
            .await
            .unwrap_or_else(|e| panic!("{status} then 200 should succeed: {e}"));
        assert_eq!(out.event_source_mappings.map(|m| m.len()), Some(1));
        assert_eq!(attempts(&server).await, 2, "{status}");
    }
}

#[tokio::test]
async fn a_server_that_keeps_failing_gets_the_configured_attempts_and_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("x-amzn-RequestId", "req-last")
                .set_body_json(json!({ "message": "slow down" })),
        )
        .mount(&server)
        .await;
    let retry = RetryConfig::standard()
        .with_max_attempts(4)
        .with_initial_backoff(Duration::from_millis(1));
    let err = Client::new(config(&server.uri()).retry_config(retry).build())
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("always 503");
    assert_eq!(attempts(&server).await, 4);
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.request_id(), Some("req-last"));
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({ "message": "no" })))
        .mount(&server)
        .await;
    let err = Client::new(config(&server.uri()).build())
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("403");
    assert_eq!(attempts(&server).await, 1);
    assert_eq!(err.status(), Some(403));
}

/// A raw TCP server: each connection gets `reply`, and the count of
/// connections is returned alongside the URL.
async fn raw_server(reply: &'static [u8], close: bool, stall: bool) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                if stall {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                }
                let _ = stream.write_all(reply).await;
                if close {
                    let _ = stream.shutdown().await;
                } else {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                }
            });
        }
    });
    (url, count)
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_a_retried_transport_error() {
    let reply = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"EventSourceMappings\": [";
    let (url, count) = raw_server(reply, true, false).await;
    let err = Client::new(config(&url).build())
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("cut short");
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert_eq!(
        count.load(Ordering::SeqCst),
        3,
        "a broken connection is retried"
    );
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_an_error() {
    let reply = b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n{}";
    let (url, count) = raw_server(reply, true, false).await;
    let retry = RetryConfig::standard()
        .with_max_attempts(2)
        .with_initial_backoff(Duration::from_millis(1));
    let err = Client::new(config(&url).retry_config(retry).build())
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("short body");
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_in_bounded_time() {
    let (url, count) = raw_server(b"", false, true).await;
    let retry = RetryConfig::standard()
        .with_max_attempts(2)
        .with_initial_backoff(Duration::from_millis(1));
    let timeouts = TimeoutConfig::builder().operation_attempt_timeout(Duration::from_millis(200));
    let started = Instant::now();
    let err = Client::new(
        config(&url)
            .retry_config(retry)
            .timeout_config(timeouts.build())
            .build(),
    )
    .list_event_source_mappings()
    .send()
    .await
    .expect_err("silence");
    assert!(
        matches!(
            err,
            SdkError::Timeout {
                kind: TimeoutKind::Attempt,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 2);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

/// Sends one call against a 200 response with this body, retries off.
async fn parse_200(
    body: Vec<u8>,
) -> (Result<usize, SdkError<ListEventSourceMappingsError>>, usize) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-amzn-RequestId", "req-bad")
                .set_body_raw(body, "application/json"),
        )
        .mount(&server)
        .await;
    let result = Client::new(
        config(&server.uri())
            .retry_config(RetryConfig::disabled())
            .build(),
    )
    .list_event_source_mappings()
    .send()
    .await
    .map(|o| o.event_source_mappings.map_or(0, |m| m.len()));
    (result, attempts(&server).await)
}

#[tokio::test]
async fn malformed_bodies_are_response_errors_with_the_request_id() {
    let nested = format!(
        "{{\"EventSourceMappings\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for body in [
        b"{\"EventSourceMappings\": [".to_vec(),
        b"[1, 2, 3]".to_vec(),
        b"\"a string\"".to_vec(),
        b"{\"EventSourceMappings\": [{\"BatchSize\": \"five\"}]}".to_vec(),
        b"{\"EventSourceMappings\": {\"UUID\": \"x\"}}".to_vec(),
        b"<html><body>Bad gateway</body></html>".to_vec(),
        nested.into_bytes(),
        vec![0xff, 0xfe, 0x00],
    ] {
        let shown = String::from_utf8_lossy(&body[..body.len().min(40)]).into_owned();
        let (result, attempts) = parse_200(body).await;
        let err = result.expect_err(&shown);
        assert!(matches!(err, SdkError::Response { .. }), "{shown}: {err:?}");
        assert_eq!(err.request_id(), Some("req-bad"), "{shown}");
        assert_eq!(attempts, 1, "{shown}: an unreadable success is not retried");
        assert!(!err.to_string().is_empty());
    }
}

#[tokio::test]
async fn an_empty_body_is_an_empty_output() {
    let (result, _) = parse_200(Vec::new()).await;
    assert_eq!(result.expect("empty is no members"), 0);
}

#[tokio::test]
async fn unknown_members_nulls_and_unknown_enum_values_parse() {
    let body = json!({
        "EventSourceMappings": [
            { "UUID": "u1", "StartingPosition": "FROM_THE_FUTURE", "BatchSize": null, "Brand": "new", "Nested": { "a": [1, 2] } },
            { "UUID": "u2" }
        ],
        "NextMarker": null,
        "SomethingElse": 42
    });
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let out = Client::new(config(&server.uri()).build())
        .list_event_source_mappings()
        .send()
        .await
        .expect("parses");
    let mappings = out.event_source_mappings.expect("mappings");
    assert_eq!(mappings.len(), 2);
    assert_eq!(
        mappings[0]
            .starting_position
            .as_ref()
            .map(EventSourcePosition::as_str),
        Some("FROM_THE_FUTURE")
    );
    assert_eq!(mappings[0].batch_size, None);
    assert_eq!(out.next_marker, None);
}

#[tokio::test]
async fn an_error_without_a_code_still_reports_status_and_request_id() {
    for body in ["", "{}", "not json", "{\"message\": 5}"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(400)
                    .insert_header("x-amzn-RequestId", "req-nocode")
                    .set_body_string(body),
            )
            .mount(&server)
            .await;
        let err = Client::new(config(&server.uri()).build())
            .list_event_source_mappings()
            .send()
            .await
            .expect_err(body);
        assert_eq!(err.status(), Some(400), "{body:?}");
        assert_eq!(err.request_id(), Some("req-nocode"), "{body:?}");
        assert_eq!(err.code(), None, "{body:?}");
        assert_eq!(attempts(&server).await, 1);
    }
}

#[tokio::test]
async fn a_body_past_the_size_limit_is_refused() {
    let big =
        json!({ "EventSourceMappings": vec![json!({ "UUID": "x".repeat(100) }); 100] }).to_string();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(big))
        .mount(&server)
        .await;
    let err = Client::new(config(&server.uri()).max_response_size(4096).build())
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("too large");
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("larger than the limit of 4096 bytes"),
        "{err}"
    );
    assert_eq!(
        attempts(&server).await,
        1,
        "a response too large is not retried"
    );
}

#[tokio::test]
async fn a_service_that_pages_forever_stops_at_the_page_limit() {
    let server = MockServer::start().await;
    let counter = Arc::new(AtomicUsize::new(0));
    let next = counter.clone();
    Mock::given(method("GET"))
        .respond_with(move |_: &wiremock::Request| {
            let n = next.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200).set_body_json(
                json!({ "EventSourceMappings": [{ "UUID": "u" }], "NextMarker": format!("m{n}") }),
            )
        })
        .mount(&server)
        .await;
    let client = Client::new(config(&server.uri()).max_pages(5).build());
    let started = Instant::now();
    let results: Vec<_> = client
        .list_event_source_mappings()
        .into_paginator()
        .items()
        .collect()
        .await;
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    assert_eq!(ok.len(), 5);
    assert_eq!(errors.len(), 1);
    let err = errors
        .into_iter()
        .next()
        .and_then(Result::err)
        .expect("an error");
    assert!(matches!(err, SdkError::Pagination(_)), "{err:?}");
    assert!(err.to_string().contains("5 pages"), "{err}");
    assert_eq!(attempts(&server).await, 5);
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// The defaults bound every call: 3.1 s to connect, 30 s for each attempt's
/// response, so with the standard 3 attempts a server that accepts and never
/// answers fails the call in about 95 s instead of hanging.
#[test]
fn the_default_timeouts_bound_a_call() {
    let config = Config::builder().build();
    let timeouts = config.timeout_config();
    assert_eq!(
        timeouts.connect_timeout(),
        Some(Duration::from_millis(3100))
    );
    assert_eq!(timeouts.read_timeout(), Some(Duration::from_secs(30)));
    let retry = config.retry_config();
    let attempts = retry.max_attempts();
    // Full jitter: the wait before retry i is at most initial × 2^(i-1), capped.
    let backoff: Duration = (1..attempts)
        .map(|i| (retry.initial_backoff() * 2u32.pow(i - 1)).min(retry.max_backoff()))
        .sum();
    let worst = timeouts.read_timeout().expect("a read timeout") * attempts + backoff;
    assert!(worst < Duration::from_secs(120), "{worst:?}");
}

/// The example program against a server that accepts connections and never
/// answers: it fails with a timeout error instead of hanging.
#[tokio::test]
async fn the_example_program_times_out_on_a_server_that_never_answers() {
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
    let started = Instant::now();
    let output = tokio::process::Command::new(tests::example_binary())
        .args([
            "--endpoint-url",
            &endpoint,
            "--region",
            "us-east-1",
            "--read-timeout",
            "0.3",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .await
        .expect("run the example");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("reading the response timed out after 300ms"),
        "{stderr}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
}
