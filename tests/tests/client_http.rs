//! The generated client against a local HTTP fake (wiremock): the exact
//! requests it sends, modeled errors, retries, timeouts and pagination.

use std::time::{Duration, Instant};

use aws_lambda_client::config::retry::RetryConfig;
use aws_lambda_client::config::timeout::TimeoutConfig;
use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::error::{ProvideErrorMetadata, SdkError, TimeoutKind};
use aws_lambda_client::operation::list_event_source_mappings::ListEventSourceMappingsError;
use aws_lambda_client::{Client, Config};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PATH: &str = "/2015-03-31/event-source-mappings";

fn config(uri: &str) -> aws_lambda_client::config::Builder {
    Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(uri)
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "test",
        ))
        .retry_config(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(50)),
        )
}

fn client(server: &MockServer) -> Client {
    Client::new(config(&server.uri()).build())
}

fn mapping(uuid: &str) -> serde_json::Value {
    json!({"UUID": uuid, "BatchSize": 10, "State": "Enabled", "LastModified": 1700000000.5})
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn request_has_the_modeled_method_path_query_and_a_sigv4_signature() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("FunctionName", "my-function"))
        .and(query_param("MaxItems", "50"))
        .and(query_param_is_missing("Marker"))
        .and(query_param_is_missing("EventSourceArn"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"EventSourceMappings": [mapping("u1")]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let output = client(&server)
        .list_event_source_mappings()
        .function_name("my-function")
        .max_items(50)
        .send()
        .await
        .expect("the call succeeds");
    let mappings = output.event_source_mappings.expect("mappings");
    assert_eq!(mappings[0].uuid.as_deref(), Some("u1"));

    let requests = server.received_requests().await.expect("recording is on");
    let request = &requests[0];
    let authorization = header(request, "authorization").expect("signed");
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            && authorization.contains("/us-east-1/lambda/aws4_request")
            && authorization.contains("SignedHeaders=")
            && authorization.contains("Signature="),
        "{authorization}"
    );
    assert!(header(request, "x-amz-date").is_some());
    assert!(header(request, "x-amz-security-token").is_none());
    assert_eq!(
        header(request, "user-agent"),
        Some("aws-lambda-client/0.1.0 smithy-lean-runtime/0.1.0")
    );
    assert!(request.body.is_empty(), "GET has no body");
}

#[tokio::test]
async fn query_values_are_percent_encoded_and_arrive_unchanged() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let marker = "a:b/c+d=e&f g~é_-.%";
    let arn = "arn:aws:sqs:us-east-1:123456789012:my queue+1";
    client(&server)
        .list_event_source_mappings()
        .marker(marker)
        .event_source_arn(arn)
        .send()
        .await
        .expect("the call succeeds");
    let requests = server.received_requests().await.expect("recording is on");
    let query = requests[0].url.query().expect("a query string");
    assert!(
        query.contains("Marker=a%3Ab%2Fc%2Bd%3De%26f%20g~%C3%A9_-.%25"),
        "RFC 3986 encoding: {query}"
    );
    let pairs: Vec<(String, String)> = requests[0].url.query_pairs().into_owned().collect();
    assert!(
        pairs.contains(&("Marker".to_owned(), marker.to_owned())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("EventSourceArn".to_owned(), arn.to_owned())),
        "{pairs:?}"
    );
}

#[tokio::test]
async fn session_tokens_are_sent_and_signed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server.uri())
            .credentials_provider(Credentials::new(
                "ASIATEMP",
                "secret",
                Some("the-token".to_owned()),
                None,
                "test",
            ))
            .build(),
    );
    client
        .list_event_source_mappings()
        .send()
        .await
        .expect("the call succeeds");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(
        header(&requests[0], "x-amz-security-token"),
        Some("the-token")
    );
    let authorization = header(&requests[0], "authorization").expect("signed");
    assert!(
        authorization.contains("x-amz-security-token"),
        "{authorization}"
    );
}

#[tokio::test]
async fn invalid_input_is_rejected_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let cases = [
        (
            client.list_event_source_mappings().function_name(""),
            "FunctionName",
            "length 1 to 256",
        ),
        (
            client
                .list_event_source_mappings()
                .function_name("x".repeat(257)),
            "FunctionName",
            "length 1 to 256",
        ),
        (
            client
                .list_event_source_mappings()
                .function_name("bad name!"),
            "FunctionName",
            "pattern",
        ),
        (
            client.list_event_source_mappings().max_items(0),
            "MaxItems",
            "range 1 to 10000",
        ),
        (
            client.list_event_source_mappings().max_items(10001),
            "MaxItems",
            "range 1 to 10000",
        ),
        (
            client
                .list_event_source_mappings()
                .event_source_arn("not-an-arn"),
            "EventSourceArn",
            "pattern",
        ),
    ];
    for (call, member, constraint) in cases {
        match call.send().await {
            Err(SdkError::Validation(e)) => {
                assert_eq!(e.member(), member);
                assert!(e.constraint().starts_with(constraint), "{e}");
                assert!(e.to_string().contains(member), "{e}");
            }
            other => panic!("expected a validation error for {member}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn modeled_errors_carry_code_message_status_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-amzn-RequestId", "req-404")
                .insert_header(
                    "X-Amzn-Errortype",
                    "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/",
                )
                .set_body_json(json!({"Type": "User", "Message": "Function not found: my-function"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .list_event_source_mappings()
        .function_name("my-function")
        .send()
        .await
        .expect_err("404");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(err.message(), Some("Function not found: my-function"));
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("req-404"));
    assert!(err.to_string().contains("req-404"), "{err}");
    match err.into_service_error() {
        ListEventSourceMappingsError::ResourceNotFoundException(e) => {
            assert_eq!(e.r#type.as_deref(), Some("User"));
            assert_eq!(e.message(), Some("Function not found: my-function"));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

#[tokio::test]
async fn error_code_from_the_body_with_namespace_and_unmodeled_codes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("FunctionName", "a"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"__type": "com.amazonaws.lambda#InvalidParameterValueException", "message": "bad"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("FunctionName", "b"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"code": "AccessDeniedException", "Message": "no"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .list_event_source_mappings()
        .function_name("a")
        .send()
        .await
        .expect_err("400");
    let service = err.as_service_error().expect("a service error");
    assert!(
        service.is_invalid_parameter_value_exception(),
        "{service:?}"
    );
    assert_eq!(service.code(), Some("InvalidParameterValueException"));
    assert_eq!(service.message(), Some("bad"));
    let err = client
        .list_event_source_mappings()
        .function_name("b")
        .send()
        .await
        .expect_err("403");
    match err.as_service_error() {
        Some(ListEventSourceMappingsError::Unhandled(u)) => {
            assert_eq!(u.code(), Some("AccessDeniedException"));
            assert_eq!(u.message(), Some("no"));
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
    assert_eq!(
        server.received_requests().await.map(|r| r.len()),
        Some(2),
        "4xx are not retried"
    );
}

#[tokio::test]
async fn throttling_is_retried_honouring_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .insert_header("X-Amzn-Errortype", "TooManyRequestsException")
                .set_body_json(
                    json!({"message": "Rate exceeded", "Reason": "CallerRateLimitExceeded"}),
                ),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"EventSourceMappings": []})))
        .mount(&server)
        .await;
    let started = Instant::now();
    let output = client(&server)
        .list_event_source_mappings()
        .send()
        .await
        .expect("succeeds on retry");
    assert_eq!(output.event_source_mappings, Some(vec![]));
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1 was not honoured"
    );
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(2));
}

#[tokio::test]
async fn throttling_that_persists_gives_up_with_the_modeled_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "0")
                .insert_header("x-amzn-RequestId", "req-429")
                .set_body_json(json!({"__type": "TooManyRequestsException", "message": "Rate exceeded", "Reason": "CallerRateLimitExceeded"})),
        )
        .expect(3)
        .mount(&server)
        .await;
    let err = client(&server)
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("throttled");
    assert_eq!(err.request_id(), Some("req-429"));
    match err.into_service_error() {
        ListEventSourceMappingsError::TooManyRequestsException(e) => {
            assert_eq!(
                e.retry_after_seconds.as_deref(),
                Some("0"),
                "from the Retry-After header"
            );
            assert_eq!(
                e.reason.as_ref().map(|r| r.as_str()),
                Some("CallerRateLimitExceeded")
            );
        }
        other => panic!("expected TooManyRequestsException, got {other:?}"),
    }
}

#[tokio::test]
async fn server_errors_are_retried_until_the_server_recovers() {
    for status in [500, 502, 503, 504] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .up_to_n_times(2)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"NextMarker": "m"})))
            .mount(&server)
            .await;
        let output = client(&server)
            .list_event_source_mappings()
            .send()
            .await
            .expect("recovers");
        assert_eq!(output.next_marker.as_deref(), Some("m"));
        assert_eq!(
            server.received_requests().await.map(|r| r.len()),
            Some(3),
            "status {status}"
        );
    }
}

#[tokio::test]
async fn service_exceptions_exhaust_the_configured_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("X-Amzn-Errortype", "ServiceException")
                .set_body_json(json!({"Message": "internal"})),
        )
        .expect(5)
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server.uri())
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(5)
                    .with_initial_backoff(Duration::from_millis(1)),
            )
            .build(),
    );
    let err = client
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("always 500");
    assert!(matches!(
        err.as_service_error(),
        Some(ListEventSourceMappingsError::ServiceException(_))
    ));
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn attempt_and_operation_timeouts_fire() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let timeouts = TimeoutConfig::builder().operation_attempt_timeout(Duration::from_millis(100));
    let client = Client::new(
        config(&server.uri())
            .timeout_config(timeouts.clone().build())
            .build(),
    );
    let err = client
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("too slow");
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
    assert_eq!(
        server.received_requests().await.map(|r| r.len()),
        Some(3),
        "timeouts are retried"
    );

    let client = Client::new(
        config(&server.uri())
            .timeout_config(
                timeouts
                    .operation_timeout(Duration::from_millis(150))
                    .build(),
            )
            .build(),
    );
    let err = client
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("too slow");
    assert!(
        matches!(
            err,
            SdkError::Timeout {
                kind: TimeoutKind::Operation,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = Client::new(config(&format!("http://{address}")).build());
    let err = client
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn unreadable_responses_are_errors_with_the_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-amzn-RequestId", "req-html")
                .set_body_string("<html>not json</html>"),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("HTML");
    assert!(matches!(err, SdkError::Response { .. }), "{err:?}");
    assert_eq!(err.request_id(), Some("req-html"));
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn paginator_follows_markers_and_streams_items() {
    let server = MockServer::start().await;
    let pages = [
        (None, Some("m1"), vec!["a", "b"]),
        (Some("m1"), Some("m2"), vec!["c"]),
        (Some("m2"), Some(""), vec!["d", "e"]),
    ];
    for (marker, next, uuids) in pages {
        let mut body =
            json!({"EventSourceMappings": uuids.iter().map(|u| mapping(u)).collect::<Vec<_>>()});
        if let Some(next) = next {
            body["NextMarker"] = json!(next);
        }
        let mock = Mock::given(method("GET"))
            .and(path(PATH))
            .and(query_param("MaxItems", "2"));
        let mock = match marker {
            Some(m) => mock.and(query_param("Marker", m)),
            None => mock.and(query_param_is_missing("Marker")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(2)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let pages: Vec<_> = client
        .list_event_source_mappings()
        .max_items(2)
        .into_paginator()
        .collect()
        .await;
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(Result::is_ok));
    let uuids: Vec<String> = client
        .list_event_source_mappings()
        .max_items(2)
        .into_paginator()
        .items()
        .map(|item| item.expect("no error").uuid.expect("uuid"))
        .collect()
        .await;
    assert_eq!(uuids, ["a", "b", "c", "d", "e"]);
}

#[tokio::test]
async fn paginator_stops_when_the_marker_comes_back() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"NextMarker": "same", "EventSourceMappings": [mapping("x")]}),
            ),
        )
        .expect(2)
        .mount(&server)
        .await;
    let results: Vec<_> = client(&server)
        .list_event_source_mappings()
        .into_paginator()
        .collect()
        .await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    match &results[1] {
        Err(SdkError::Pagination(message)) => assert!(message.contains("same"), "{message}"),
        other => panic!("expected a pagination error, got {other:?}"),
    }
}

#[tokio::test]
async fn missing_region_is_a_construction_error() {
    let client = Client::new(
        Config::builder()
            .credentials_provider(Credentials::new("a", "b", None, None, "test"))
            .build(),
    );
    let err = client
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("no region");
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(err.to_string().contains("region"), "{err}");
}

#[tokio::test]
async fn config_from_aws_config_uses_its_region_credentials_and_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("eu-west-3"))
        .endpoint_url(server.uri())
        .credentials_provider(aws_credential_types::Credentials::new(
            "AKIDCHAIN",
            "s",
            None,
            None,
            "test",
        ))
        .load()
        .await;
    let client = Client::from_sdk_config(&sdk_config);
    assert_eq!(
        client.config().region().map(Region::as_str),
        Some("eu-west-3")
    );
    client
        .list_event_source_mappings()
        .send()
        .await
        .expect("the call succeeds");
    let requests = server.received_requests().await.expect("recording is on");
    let authorization = header(&requests[0], "authorization").expect("signed");
    assert!(
        authorization.contains("AKIDCHAIN/") && authorization.contains("/eu-west-3/lambda/"),
        "{authorization}"
    );
}

/// Collects everything a `fmt` subscriber writes.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_reports_calls_and_attempts_without_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-amzn-RequestId", "req-trace-1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-amzn-RequestId", "req-trace-2")
                .set_body_json(json!({})),
        )
        .mount(&server)
        .await;
    let secret = "SECRET/K7MDENG+bPxRfiCYEXAMPLEKEY";
    let token = "SESSION-TOKEN-VALUE";
    let client = Client::new(
        config(&server.uri())
            .credentials_provider(Credentials::new(
                "ASIATRACE",
                secret,
                Some(token.to_owned()),
                None,
                "test",
            ))
            .build(),
    );
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    client
        .list_event_source_mappings()
        .function_name("f")
        .send()
        .await
        .expect("recovers");
    let failing = Client::new(
        config("http://127.0.0.1:9")
            .credentials_provider(Credentials::new(
                "ASIATRACE",
                secret,
                Some(token.to_owned()),
                None,
                "test",
            ))
            .build(),
    );
    let _ = failing
        .list_event_source_mappings()
        .send()
        .await
        .expect_err("nothing listens");
    drop(guard);

    let log = String::from_utf8(captured.0.lock().expect("not poisoned").clone()).expect("UTF-8");
    for expected in [
        "ListEventSourceMappings",
        "attempt=1",
        "attempt=2",
        "status=503",
        "req-trace-1",
        "req-trace-2",
    ] {
        assert!(
            log.contains(expected),
            "tracing output lacks {expected}:\n{log}"
        );
    }
    let requests = server.received_requests().await.expect("recording is on");
    let authorization = header(&requests[0], "authorization").expect("signed");
    let signature = authorization
        .rsplit("Signature=")
        .next()
        .expect("a signature");
    for leaked in [secret, token, signature] {
        assert!(
            !log.contains(leaked),
            "tracing output contains a secret ({leaked})"
        );
    }
    assert!(!format!("{:?}", client.config()).contains(secret));
}
