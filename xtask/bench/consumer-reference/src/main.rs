//! Lists every event source mapping at the endpoint given as the first
//! argument with `aws-sdk-lambda`, and prints how many there were.

use aws_sdk_lambda::config::{Credentials, Region};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).ok_or("usage: consumer-reference ENDPOINT_URL")?;
    let shared = aws_config::from_env()
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .load()
        .await;
    let client = aws_sdk_lambda::Client::new(&shared);
    let mut items = client.list_event_source_mappings().max_items(100).into_paginator().items().send();
    let mut count = 0usize;
    while let Some(mapping) = items.next().await {
        mapping?;
        count += 1;
    }
    println!("{count}");
    Ok(())
}
