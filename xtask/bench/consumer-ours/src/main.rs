//! Lists every event source mapping at the endpoint given as the first
//! argument, following the markers, and prints how many there were.
//!
//! Without features: static credentials and region, set in code. With
//! `production`: credentials and region from the client's built-in standard
//! chain, as a program deployed to AWS gets them.

use aws_lambda_client::{Client, Config};

#[cfg(not(feature = "production"))]
fn config(endpoint: String) -> Config {
    use aws_lambda_client::config::{Credentials, Region};
    Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .build()
}

#[cfg(feature = "production")]
fn config(endpoint: String) -> Config {
    Config::from_env().to_builder().endpoint_url(endpoint).build()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).ok_or("usage: consumer-ours ENDPOINT_URL")?;
    let client = Client::from_conf(config(endpoint));
    let mut items = client.list_event_source_mappings().max_items(100).into_paginator().items().send();
    let mut count = 0usize;
    while let Some(mapping) = items.next().await {
        mapping?;
        count += 1;
    }
    println!("{count}");
    Ok(())
}
