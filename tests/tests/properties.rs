//! Properties of the generated client: inputs reach the server unchanged,
//! no response bytes make the parser panic, and the types round-trip
//! through serde.

use std::sync::{Arc, Mutex};

use aws_lambda_client::config::http::BoxFuture;
use aws_lambda_client::config::http::{ConnectorError, HttpClient, HttpRequest, HttpResponse};
use aws_lambda_client::config::retry::RetryConfig;
use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::error::SdkError;
use aws_lambda_client::primitives::DateTime;
use aws_lambda_client::types::{
    AmazonManagedKafkaEventSourceConfig, DestinationConfig, DocumentDbEventSourceConfig,
    EndPointType, EventSourceMappingConfiguration, EventSourcePosition, Filter, FilterCriteria,
    FullDocument, FunctionResponseType, OnFailure, OnSuccess, ScalingConfig,
    SelfManagedEventSource, SelfManagedKafkaEventSourceConfig, SourceAccessConfiguration,
    SourceAccessType,
};
use aws_lambda_client::{Client, Config};
use proptest::prelude::*;
use serde_json::json;

/// Records the request's URI and answers with a fixed status and body.
#[derive(Debug, Clone)]
struct Fake {
    seen: Arc<Mutex<Vec<String>>>,
    status: u16,
    body: Vec<u8>,
}

impl HttpClient for Fake {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>> {
        if let Ok(mut seen) = self.seen.lock() {
            seen.push(request.uri().to_string());
        }
        let response = http::Response::builder()
            .status(self.status)
            .body(self.body.clone());
        Box::pin(async move { Ok(response.expect("a valid response")) })
    }
}

fn client(fake: Fake) -> Client {
    Client::new(
        Config::builder()
            .region(Region::new("us-east-1"))
            .endpoint_url("http://127.0.0.1:1")
            .credentials_provider(Credentials::new(
                "AKIDEXAMPLE",
                "secret",
                None,
                None,
                "test",
            ))
            .retry_config(RetryConfig::disabled())
            .http_client(fake)
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// The query parameters of a URI, percent-decoded.
fn query(uri: &str) -> Vec<(String, String)> {
    let query = uri.split_once('?').map_or("", |(_, q)| q);
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .expect("UTF-8")
            .into_owned()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_marker_and_arn_reach_the_server_unchanged(
        marker in any::<String>(),
        // The model's ARN pattern ends in `(.*)$`: anything but a line feed.
        tail in "[^\n]{0,40}",
        // The model's range for MaxItems is 1 to 10,000.
        max_items in 1i32..=10_000,
    ) {
        let arn = format!("arn:aws:sqs:us-east-1:123456789012:{tail}");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let fake = Fake { seen: seen.clone(), status: 200, body: b"{}".to_vec() };
        runtime().block_on(async {
            client(fake)
                .list_event_source_mappings()
                .marker(marker.clone())
                .event_source_arn(arn.clone())
                .max_items(max_items)
                .send()
                .await
        }).expect("valid input is sent");
        let uri = seen.lock().expect("lock")[0].clone();
        let mut got = query(&uri);
        got.sort();
        let mut want = vec![
            ("EventSourceArn".to_owned(), arn),
            ("Marker".to_owned(), marker),
            ("MaxItems".to_owned(), max_items.to_string()),
        ];
        want.sort();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn any_response_bytes_give_ok_or_err_never_a_panic(
        body in proptest::collection::vec(any::<u8>(), 0..512),
        status in prop_oneof![Just(200u16), Just(400), Just(404), Just(429), Just(500)],
        json_ish in any::<bool>(),
    ) {
        let body = if json_ish {
            // Bias towards almost-valid JSON: a valid prefix, then the random bytes.
            let mut b = b"{\"EventSourceMappings\":[{\"UUID\":\"".to_vec();
            b.extend(&body);
            b
        } else {
            body
        };
        let fake = Fake { seen: Arc::default(), status, body: body.clone() };
        let result = runtime().block_on(async { client(fake).list_event_source_mappings().send().await });
        match result {
            Err(e) => prop_assert!(!e.to_string().is_empty()),
            Ok(output) => {
                // Only a success status with a JSON object (or nothing) can be read.
                prop_assert_eq!(status, 200);
                let text = std::str::from_utf8(&body).expect("a parsed body is UTF-8");
                if !text.trim().is_empty() {
                    let json: serde_json::Value = serde_json::from_str(text).expect("a parsed body is JSON");
                    prop_assert!(json.is_object());
                    let mappings = json.get("EventSourceMappings").and_then(|m| m.as_array()).map(Vec::len);
                    prop_assert_eq!(output.event_source_mappings.as_ref().map(Vec::len), mappings);
                }
            }
        }
    }

    #[test]
    fn out_of_range_max_items_are_refused_before_sending(
        max_items in prop_oneof![i32::MIN..=0, 10_001..=i32::MAX],
    ) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let fake = Fake { seen: seen.clone(), status: 200, body: b"{}".to_vec() };
        let err = runtime()
            .block_on(async { client(fake).list_event_source_mappings().max_items(max_items).send().await })
            .expect_err("out of the model's range");
        prop_assert!(matches!(err, SdkError::Validation(_)), "{err:?}");
        prop_assert!(err.to_string().contains("MaxItems"), "{}", err);
        prop_assert!(seen.lock().expect("lock").is_empty());
    }

    #[test]
    fn every_member_reads_from_and_writes_to_its_wire_form(
        strings in proptest::collection::vec(any::<String>(), 14),
        ints in proptest::collection::vec(any::<i32>(), 7),
        bisect in any::<bool>(),
        position in enum_value(EventSourcePosition::values()),
        access_type in enum_value(SourceAccessType::values()),
        full_document in enum_value(FullDocument::values()),
        response_type in enum_value(FunctionResponseType::values()),
        // Epoch seconds travel as JSON numbers (f64): exact to the microsecond
        // while the seconds fit in 32 bits (until 2106).
        seconds in -4_000_000_000i64..4_290_000_000,
        micros in 0u32..1_000_000,
    ) {
        let when = DateTime::from_secs_and_nanos(seconds, micros * 1000);
        let epoch = serde_json::Number::from_f64(when.as_secs_f64()).expect("finite");
        let s = |i: usize| strings[i].clone();
        let wire = json!({
            "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": s(0)},
            "BatchSize": ints[0],
            "BisectBatchOnFunctionError": bisect,
            "DestinationConfig": {"OnFailure": {"Destination": s(1)}, "OnSuccess": {"Destination": s(2)}},
            "DocumentDBEventSourceConfig": {"CollectionName": s(3), "DatabaseName": s(4), "FullDocument": full_document},
            "EventSourceArn": s(5),
            "FilterCriteria": {"Filters": [{"Pattern": s(6)}, {}]},
            "FunctionArn": s(7),
            "FunctionResponseTypes": [response_type],
            "LastModified": epoch,
            "LastProcessingResult": s(8),
            "MaximumBatchingWindowInSeconds": ints[1],
            "MaximumRecordAgeInSeconds": ints[2],
            "MaximumRetryAttempts": ints[3],
            "ParallelizationFactor": ints[4],
            "Queues": [s(9)],
            "ScalingConfig": {"MaximumConcurrency": ints[5]},
            "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": [s(10), s(11)]}},
            "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": s(12)},
            "SourceAccessConfigurations": [{"Type": access_type, "URI": s(13)}],
            "StartingPosition": position,
            "StartingPositionTimestamp": epoch,
            "State": s(0),
            "StateTransitionReason": s(1),
            "Topics": [s(2), s(3)],
            "TumblingWindowInSeconds": ints[6],
            "UUID": s(4),
        });
        let parsed: EventSourceMappingConfiguration =
            serde_json::from_value(wire.clone()).expect("the wire form parses");
        let expected = EventSourceMappingConfiguration::builder()
            .amazon_managed_kafka_event_source_config(
                AmazonManagedKafkaEventSourceConfig::builder().consumer_group_id(s(0)).build(),
            )
            .batch_size(ints[0])
            .bisect_batch_on_function_error(bisect)
            .destination_config(
                DestinationConfig::builder()
                    .on_failure(OnFailure::builder().destination(s(1)).build())
                    .on_success(OnSuccess::builder().destination(s(2)).build())
                    .build(),
            )
            .document_db_event_source_config(
                DocumentDbEventSourceConfig::builder()
                    .collection_name(s(3))
                    .database_name(s(4))
                    .full_document(FullDocument::from(full_document.as_str()))
                    .build(),
            )
            .event_source_arn(s(5))
            .filter_criteria(
                FilterCriteria::builder()
                    .filters(Filter::builder().pattern(s(6)).build())
                    .filters(Filter::builder().build())
                    .build(),
            )
            .function_arn(s(7))
            .function_response_types(FunctionResponseType::from(response_type.as_str()))
            .last_modified(when)
            .last_processing_result(s(8))
            .maximum_batching_window_in_seconds(ints[1])
            .maximum_record_age_in_seconds(ints[2])
            .maximum_retry_attempts(ints[3])
            .parallelization_factor(ints[4])
            .queues(s(9))
            .scaling_config(ScalingConfig::builder().maximum_concurrency(ints[5]).build())
            .self_managed_event_source(
                SelfManagedEventSource::builder()
                    .endpoints(EndPointType::KafkaBootstrapServers, vec![s(10), s(11)])
                    .build(),
            )
            .self_managed_kafka_event_source_config(
                SelfManagedKafkaEventSourceConfig::builder().consumer_group_id(s(12)).build(),
            )
            .source_access_configurations(
                SourceAccessConfiguration::builder()
                    .r#type(SourceAccessType::from(access_type.as_str()))
                    .uri(s(13))
                    .build(),
            )
            .starting_position(EventSourcePosition::from(position.as_str()))
            .starting_position_timestamp(when)
            .state(s(0))
            .state_transition_reason(s(1))
            .topics(s(2))
            .topics(s(3))
            .tumbling_window_in_seconds(ints[6])
            .uuid(s(4))
            .build();
        prop_assert_eq!(&parsed, &expected);
        // Known values are their variants; unknown ones keep their text.
        let known = EventSourcePosition::values().contains(&position.as_str());
        let is_unknown = matches!(parsed.starting_position, Some(EventSourcePosition::Unknown(_)));
        prop_assert_eq!(known, !is_unknown);
        prop_assert_eq!(parsed.starting_position.as_ref().map(|p| p.as_str()), Some(position.as_str()));
        prop_assert_eq!(serde_json::to_value(&parsed).expect("serialises"), wire);
    }
}

/// One of an enum's known values, or any other text.
fn enum_value(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(known).prop_map(str::to_owned),
        "[A-Za-z_]{1,20}",
    ]
}
