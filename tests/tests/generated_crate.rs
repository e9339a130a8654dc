//! Uses the committed `generated/` crate the way a Rust programmer would.

use std::str::FromStr;

use aws_lambda_client::operation::list_event_source_mappings::{
    ListEventSourceMappingsInput, ListEventSourceMappingsOutput,
};
use aws_lambda_client::primitives::DateTime;
use aws_lambda_client::types::error::{
    InvalidParameterValueException, ResourceNotFoundException, ServiceException,
    TooManyRequestsException,
};
use aws_lambda_client::types::{
    DestinationConfig, EndPointType, EventSourceMappingConfiguration, EventSourcePosition, Filter,
    FilterCriteria, FullDocument, FunctionResponseType, OnFailure, SelfManagedEventSource,
    SourceAccessConfiguration, SourceAccessType,
};
use aws_lambda_client::Config;
use serde_json::{json, Value};

/// The "Expected Output" of the API reference's example, without ResponseMetadata.
const REFERENCE_EXAMPLE_OUTPUT: &str = r#"{
    "EventSourceMappings": [
        {
            "BatchSize": 5,
            "EventSourceArn": "arn:aws:sqs:us-west-2:123456789012:mySQSqueue",
            "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:my-function",
            "LastModified": 1569284520.333,
            "State": "Enabled",
            "StateTransitionReason": "USER_INITIATED",
            "UUID": "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE"
        }
    ]
}"#;

#[test]
fn reference_example_output_parses_and_round_trips() {
    let output: ListEventSourceMappingsOutput =
        serde_json::from_str(REFERENCE_EXAMPLE_OUTPUT).expect("the example parses");
    assert_eq!(output.next_marker, None);
    let mappings = output.event_source_mappings.as_deref().expect("mappings");
    assert_eq!(mappings.len(), 1);
    let m = &mappings[0];
    assert_eq!(
        m.uuid.as_deref(),
        Some("a1b2c3d4-5678-90ab-cdef-11111EXAMPLE")
    );
    assert_eq!(m.batch_size, Some(5));
    assert_eq!(m.state.as_deref(), Some("Enabled"));
    let modified = m.last_modified.expect("LastModified");
    assert_eq!(
        (modified.secs(), modified.subsec_nanos()),
        (1_569_284_520, 333_000_000)
    );
    assert_eq!(modified.to_string(), "2019-09-24T00:22:00.333Z");

    let expected: Value = serde_json::from_str(REFERENCE_EXAMPLE_OUTPUT).expect("JSON");
    assert_eq!(serde_json::to_value(&output).expect("serialises"), expected);
}

#[test]
fn fully_populated_mapping_round_trips() {
    let body = json!({
        "UUID": "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
        "StartingPosition": "AT_TIMESTAMP",
        "StartingPositionTimestamp": 1700000000,
        "BatchSize": 100,
        "MaximumBatchingWindowInSeconds": 5,
        "ParallelizationFactor": 2,
        "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
        "FilterCriteria": {"Filters": [{"Pattern": "{\"a\": [1]}"}]},
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "LastModified": 1700000000.5,
        "LastProcessingResult": "OK",
        "State": "Enabled",
        "StateTransitionReason": "USER_INITIATED",
        "DestinationConfig": {"OnSuccess": {"Destination": "arn:aws:sqs:us-east-1:123456789012:ok"},
                              "OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}},
        "Topics": ["orders"],
        "Queues": ["q"],
        "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:s"}],
        "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["a.example.com:9092", "b.example.com:9092"]}},
        "MaximumRecordAgeInSeconds": -1,
        "BisectBatchOnFunctionError": true,
        "MaximumRetryAttempts": 10000,
        "TumblingWindowInSeconds": 900,
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "g1"},
        "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "g2"},
        "ScalingConfig": {"MaximumConcurrency": 2},
        "DocumentDBEventSourceConfig": {"DatabaseName": "db", "CollectionName": "c", "FullDocument": "UpdateLookup"}
    });
    let m: EventSourceMappingConfiguration = serde_json::from_value(body.clone()).expect("parses");
    assert_eq!(m.starting_position, Some(EventSourcePosition::AtTimestamp));
    assert_eq!(
        m.source_access_configurations
            .as_ref()
            .map(|c| c[0].r#type.clone()),
        Some(Some(SourceAccessType::SaslScram512Auth))
    );
    let endpoints = m
        .self_managed_event_source
        .as_ref()
        .and_then(|s| s.endpoints.as_ref());
    assert_eq!(
        endpoints.map(|e| e[&EndPointType::KafkaBootstrapServers].len()),
        Some(2)
    );
    assert_eq!(
        m.document_db_event_source_config
            .as_ref()
            .and_then(|d| d.full_document.clone()),
        Some(FullDocument::UpdateLookup)
    );
    assert_eq!(serde_json::to_value(&m).expect("serialises"), body);
}

#[test]
fn unknown_members_nulls_and_unknown_enum_values() {
    let body = json!({
        "UUID": "u",
        "StartingPosition": "SOMEWHERE_NEW",
        "FunctionResponseTypes": ["ReportBatchItemFailures", "ReportEverything"],
        "BatchSize": null,
        "BrandNewMember": {"nested": [1, 2]}
    });
    let m: EventSourceMappingConfiguration = serde_json::from_value(body).expect("parses");
    assert_eq!(m.batch_size, None, "null is absent");
    let position = m.starting_position.clone().expect("kept");
    assert!(matches!(position, EventSourcePosition::Unknown(_)));
    assert_eq!(position.as_str(), "SOMEWHERE_NEW");
    let types = m.function_response_types.clone().expect("kept");
    assert_eq!(types[0], FunctionResponseType::ReportBatchItemFailures);
    assert_eq!(types[1].as_str(), "ReportEverything");
    assert_eq!(
        serde_json::to_value(&m).expect("serialises"),
        json!({"UUID": "u", "StartingPosition": "SOMEWHERE_NEW",
               "FunctionResponseTypes": ["ReportBatchItemFailures", "ReportEverything"]})
    );
}

#[test]
fn wrong_types_are_errors_not_panics() {
    for body in [
        json!({"BatchSize": "five"}),
        json!({"LastModified": "yesterday"}),
        json!({"Topics": "orders"}),
        json!({"LastModified": 1e300}),
        json!("a string"),
        json!({"UUID": 7}),
    ] {
        let result = serde_json::from_value::<EventSourceMappingConfiguration>(body.clone());
        assert!(result.is_err(), "{body} should not parse");
    }
}

#[test]
fn enums_convert_both_ways() {
    assert_eq!(
        SourceAccessType::from("VPC_SUBNET"),
        SourceAccessType::VpcSubnet
    );
    assert_eq!(SourceAccessType::VpcSubnet.as_str(), "VPC_SUBNET");
    assert_eq!(
        EventSourcePosition::from_str("LATEST"),
        Ok(EventSourcePosition::Latest)
    );
    assert_eq!(EventSourcePosition::TrimHorizon.to_string(), "TRIM_HORIZON");
    assert_eq!(
        EventSourcePosition::values(),
        ["AT_TIMESTAMP", "LATEST", "TRIM_HORIZON"]
    );
    assert_eq!(SourceAccessType::values().len(), 8);
    for value in SourceAccessType::values() {
        let parsed = SourceAccessType::from(*value);
        assert!(!matches!(parsed, SourceAccessType::Unknown(_)), "{value}");
        assert_eq!(parsed.as_str(), *value);
    }
}

#[test]
fn builders_set_every_kind_of_member() {
    let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:s";
    let m = EventSourceMappingConfiguration::builder()
        .uuid("a1b2c3d4-5678-90ab-cdef-11111EXAMPLE")
        .starting_position("LATEST")
        .starting_position_timestamp(DateTime::from_secs(1_700_000_000))
        .batch_size(10)
        .bisect_batch_on_function_error(true)
        .topics("orders")
        .topics("refunds")
        .function_response_types(FunctionResponseType::ReportBatchItemFailures)
        .source_access_configurations(
            SourceAccessConfiguration::builder()
                .r#type(SourceAccessType::BasicAuth)
                .uri(secret)
                .build(),
        )
        .self_managed_event_source(
            SelfManagedEventSource::builder()
                .endpoints(
                    EndPointType::KafkaBootstrapServers,
                    vec!["a:9092".to_owned()],
                )
                .endpoints("OTHER", vec!["b:9092".to_owned(), "c:9092".to_owned()])
                .endpoints(
                    EndPointType::KafkaBootstrapServers,
                    vec!["d:9092".to_owned()],
                )
                .build(),
        )
        .destination_config(
            DestinationConfig::builder()
                .on_failure(
                    OnFailure::builder()
                        .destination("arn:aws:sqs:us-east-1:1:dlq")
                        .build(),
                )
                .build(),
        )
        .filter_criteria(
            FilterCriteria::builder()
                .filters(Filter::builder().pattern("{}").build())
                .build(),
        )
        .build();
    assert_eq!(
        m.uuid.as_deref(),
        Some("a1b2c3d4-5678-90ab-cdef-11111EXAMPLE")
    );
    assert_eq!(m.starting_position, Some(EventSourcePosition::Latest));
    assert_eq!(
        m.starting_position_timestamp,
        Some(DateTime::from_secs(1_700_000_000))
    );
    assert_eq!(m.batch_size, Some(10));
    assert_eq!(m.bisect_batch_on_function_error, Some(true));
    // List setters append, one item per call.
    assert_eq!(
        m.topics,
        Some(vec!["orders".to_owned(), "refunds".to_owned()])
    );
    assert_eq!(
        m.function_response_types,
        Some(vec![FunctionResponseType::ReportBatchItemFailures])
    );
    let access = m.source_access_configurations.as_deref().expect("set");
    assert_eq!(access.len(), 1);
    assert_eq!(access[0].r#type, Some(SourceAccessType::BasicAuth));
    assert_eq!(access[0].uri.as_deref(), Some(secret));
    // Map setters insert one entry per call; a repeated key replaces its value.
    let endpoints = m
        .self_managed_event_source
        .as_ref()
        .and_then(|s| s.endpoints.as_ref())
        .expect("set");
    assert_eq!(endpoints.len(), 2);
    assert_eq!(
        endpoints[&EndPointType::KafkaBootstrapServers],
        ["d:9092".to_owned()]
    );
    assert_eq!(
        endpoints[&EndPointType::from("OTHER")],
        ["b:9092".to_owned(), "c:9092".to_owned()]
    );
    // Nested builders keep what they were given.
    let destinations = m.destination_config.as_ref().expect("set");
    assert_eq!(
        destinations
            .on_failure
            .as_ref()
            .and_then(|f| f.destination.as_deref()),
        Some("arn:aws:sqs:us-east-1:1:dlq")
    );
    assert_eq!(destinations.on_success, None);
    let filters = m
        .filter_criteria
        .as_ref()
        .and_then(|f| f.filters.as_deref());
    assert_eq!(filters.map(|f| f[0].pattern.as_deref()), Some(Some("{}")));
    // Everything not set stays unset.
    assert_eq!(m.queues, None);
    assert_eq!(m.scaling_config, None);
    assert_eq!(m.last_modified, None);

    // `set_*` replaces or clears a member as a whole, whatever its kind.
    let cleared = EventSourceMappingConfiguration::builder()
        .batch_size(10)
        .set_batch_size(None)
        .topics("a")
        .set_topics(Some(vec!["b".to_owned()]))
        .self_managed_event_source(SelfManagedEventSource::builder().build())
        .set_self_managed_event_source(None)
        .destination_config(DestinationConfig::builder().build())
        .set_destination_config(None)
        .build();
    assert_eq!(cleared.batch_size, None);
    assert_eq!(cleared.topics, Some(vec!["b".to_owned()]));
    assert_eq!(cleared.self_managed_event_source, None);
    assert_eq!(cleared.destination_config, None);
    let empty = SelfManagedEventSource::builder()
        .endpoints(EndPointType::KafkaBootstrapServers, vec![])
        .set_endpoints(None)
        .build();
    assert_eq!(empty.endpoints, None);
}

#[test]
fn query_members_stay_out_of_the_body() {
    let input = ListEventSourceMappingsInput::builder()
        .function_name("my-function")
        .max_items(50)
        .build();
    assert_eq!(input.function_name.as_deref(), Some("my-function"));
    assert_eq!(serde_json::to_value(&input).expect("serialises"), json!({}));
}

#[test]
fn modeled_errors_carry_code_status_and_message() {
    let e: TooManyRequestsException = serde_json::from_value(json!({
        "Type": "User", "message": "Rate exceeded", "Reason": "CallerRateLimitExceeded"
    }))
    .expect("parses");
    assert_eq!(e.message(), Some("Rate exceeded"));
    assert_eq!(e.to_string(), "TooManyRequestsException: Rate exceeded");
    assert_eq!(
        e.retry_after_seconds, None,
        "Retry-After comes from a header, not the body"
    );
    assert_eq!(TooManyRequestsException::HTTP_STATUS, 429);
    assert_eq!(InvalidParameterValueException::HTTP_STATUS, 400);
    assert_eq!(ResourceNotFoundException::HTTP_STATUS, 404);
    assert_eq!(ServiceException::HTTP_STATUS, 500);
    assert_eq!(ServiceException::CODE, "ServiceException");
    let bare = ServiceException::builder().build();
    assert_eq!(bare.to_string(), "ServiceException");
    let boxed: Box<dyn std::error::Error> = Box::new(bare);
    assert_eq!(boxed.to_string(), "ServiceException");
}

#[test]
fn the_client_configuration_picks_the_endpoint_by_the_model_rules() {
    use aws_lambda_client::endpoint::{resolve, Params};
    let url = |config: Config| resolve(&Params::from_config(&config)).map(|e| e.url().to_owned());
    let region =
        |r: &str| Config::builder().region(aws_lambda_client::config::Region::new(r.to_owned()));
    assert_eq!(
        url(region("eu-west-1").build()).as_deref(),
        Ok("https://lambda.eu-west-1.amazonaws.com")
    );
    assert_eq!(
        url(region("us-east-1").use_fips(true).build()).as_deref(),
        Ok("https://lambda-fips.us-east-1.amazonaws.com")
    );
    assert_eq!(
        url(region("cn-north-1").use_dual_stack(true).build()).as_deref(),
        Ok("https://lambda.cn-north-1.api.amazonwebservices.com.cn")
    );
    assert_eq!(
        url(region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .build())
        .as_deref(),
        Ok("http://127.0.0.1:9")
    );
    let refused = url(region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .use_fips(true)
        .build())
    .expect_err("FIPS and a custom endpoint do not mix");
    assert!(refused.message().contains("FIPS"), "{refused}");
}
