//! Properties of the generated client: inputs reach the server unchanged,
//! no response bytes make the parser panic, and the types round-trip
//! through serde.

use std::sync::{Arc, Mutex};

use aws_lambda_client::config::http::{ConnectorError, HttpClient, HttpRequest, HttpResponse};
use aws_lambda_client::config::{BoxFuture, Credentials, RetryConfig};
use aws_lambda_client::types::{
    EventSourceMappingConfiguration, EventSourcePosition, Filter, FilterCriteria,
};
use aws_lambda_client::{Client, Config};
use proptest::prelude::*;

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
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
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
        max_items in 0i32..=10_000,
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
        let fake = Fake { seen: Arc::default(), status, body };
        let result = runtime().block_on(async { client(fake).list_event_source_mappings().send().await });
        if let Err(e) = result {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn generated_types_round_trip_through_serde(
        uuid in any::<String>(),
        batch_size in proptest::option::of(any::<i32>()),
        position in proptest::option::of("[A-Z_]{1,20}"),
        // Epoch seconds travel as JSON numbers (f64): exact to the microsecond
        // while the seconds fit in 32 bits (until 2106).
        last_modified in proptest::option::of(-4.0e9f64..4.29e9),
        patterns in proptest::collection::vec(any::<String>(), 0..4),
        topics in proptest::option::of(proptest::collection::vec(any::<String>(), 0..4)),
        bisect in proptest::option::of(any::<bool>()),
    ) {
        let filters = FilterCriteria::builder()
            .set_filters(Some(patterns.iter().map(|p| Filter::builder().pattern(p).build()).collect()))
            .build();
        let mapping = EventSourceMappingConfiguration::builder()
            .uuid(uuid)
            .set_batch_size(batch_size)
            .set_starting_position(position.as_deref().map(EventSourcePosition::from))
            .set_last_modified(last_modified.and_then(aws_lambda_client::primitives::DateTime::from_secs_f64))
            .filter_criteria(filters)
            .set_topics(topics)
            .set_bisect_batch_on_function_error(bisect)
            .build();
        let json = serde_json::to_string(&mapping).expect("serialises");
        let back: EventSourceMappingConfiguration = serde_json::from_str(&json).expect("reads back");
        prop_assert_eq!(back, mapping);
    }
}
