//! Lists every event source mapping at the endpoint given as the first
//! argument, following the markers, and prints how many there were.

use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::{Client, Config};
use futures_util::StreamExt;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).ok_or("usage: consumer-ours ENDPOINT_URL")?;
    let config = Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "test"))
        .build();
    let client = Client::new(config);
    let mut items = client.list_event_source_mappings().max_items(100).into_paginator().items();
    let mut count = 0usize;
    while let Some(mapping) = items.next().await {
        mapping?;
        count += 1;
    }
    println!("{count}");
    Ok(())
}
