//! Lists every event source mapping at the endpoint given as the first
//! argument with `aws-sdk-lambda`, and prints how many there were.
//!
//! Without features: static credentials and region, set in code, no
//! aws-config. With `production`: `aws_config::load_defaults`, the SDK's
//! standard chain.

#[cfg(not(feature = "production"))]
async fn client(endpoint: String) -> aws_sdk_lambda::Client {
    use aws_sdk_lambda::config::{BehaviorVersion, Credentials, Region};
    let config = aws_sdk_lambda::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .build();
    aws_sdk_lambda::Client::from_conf(config)
}

#[cfg(feature = "production")]
async fn client(endpoint: String) -> aws_sdk_lambda::Client {
    let shared = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let config = aws_sdk_lambda::config::Builder::from(&shared).endpoint_url(endpoint).build();
    aws_sdk_lambda::Client::from_conf(config)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).ok_or("usage: consumer-reference ENDPOINT_URL")?;
    let client = client(endpoint).await;
    let mut items = client.list_event_source_mappings().max_items(100).into_paginator().items().send();
    let mut count = 0usize;
    while let Some(mapping) = items.next().await {
        mapping?;
        count += 1;
    }
    println!("{count}");
    Ok(())
}
