//! Lists every event source mapping, following the pagination markers, and
//! prints them as one JSON object in the service's wire form:
//! `{"EventSourceMappings": [...]}`.
//!
//! ```text
//! cargo run --release --example list-event-source-mappings -- \
//!     [--endpoint-url URL] [--region R] [--function-name F] [--event-source-arn A] [--max-items N]
//!     [--read-timeout SECONDS]
//! ```
//!
//! Credentials and region come from the client's built-in standard chain
//! (environment variables, the profile files, web identity, the container
//! endpoint, instance metadata; no aws-config); `--region` and
//! `--endpoint-url` override them. Each attempt waits at most 30 s for its
//! response unless `--read-timeout` says otherwise, so a server that never
//! answers fails the call (after 3 attempts) instead of hanging.
//! On failure it prints the error, its code, message and request ID to stderr
//! and exits with 1; wrong arguments exit with 2.

use std::process::ExitCode;

use std::time::Duration;

use aws_lambda_client::config::timeout::TimeoutConfig;
use aws_lambda_client::config::Region;
use aws_lambda_client::error::{ProvideErrorMetadata, SdkError};
use aws_lambda_client::{Client, Config};

const USAGE: &str = "usage: list-event-source-mappings [--endpoint-url URL] [--region R] \
                     [--function-name F] [--event-source-arn A] [--max-items N] [--read-timeout SECONDS]";

#[derive(Default)]
struct Args {
    endpoint_url: Option<String>,
    region: Option<String>,
    function_name: Option<String>,
    event_source_arn: Option<String>,
    max_items: Option<i32>,
    read_timeout: Option<f64>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--endpoint-url" => parsed.endpoint_url = Some(value()?),
            "--region" => parsed.region = Some(value()?),
            "--function-name" => parsed.function_name = Some(value()?),
            "--event-source-arn" => parsed.event_source_arn = Some(value()?),
            "--max-items" => {
                let v = value()?;
                parsed.max_items = Some(
                    v.parse()
                        .map_err(|_| format!("--max-items takes a number, not {v:?}"))?,
                );
            }
            "--read-timeout" => {
                let v = value()?;
                let seconds: f64 = v
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| {
                        format!("--read-timeout takes a positive number of seconds, not {v:?}")
                    })?;
                parsed.read_timeout = Some(seconds);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(parsed)
}

fn report<E: std::fmt::Display>(error: &SdkError<E>) {
    eprintln!("error: {error}");
    if let Some(code) = error.code() {
        eprintln!("code: {code}");
    }
    if let Some(message) = error.message() {
        eprintln!("message: {message}");
    }
    if let Some(id) = error.request_id() {
        eprintln!("request id: {id}");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut config = Config::from_env().to_builder();
    if let Some(region) = args.region {
        config = config.region(Region::new(region));
    }
    if let Some(url) = args.endpoint_url {
        config = config.endpoint_url(url);
    }
    if let Some(seconds) = args.read_timeout {
        let timeouts = TimeoutConfig::builder().read_timeout(Duration::from_secs_f64(seconds));
        config = config.timeout_config(timeouts.build());
    }
    let client = Client::from_conf(config.build());

    let mut call = client.list_event_source_mappings();
    if let Some(name) = args.function_name {
        call = call.function_name(name);
    }
    if let Some(arn) = args.event_source_arn {
        call = call.event_source_arn(arn);
    }
    if let Some(n) = args.max_items {
        call = call.max_items(n);
    }
    let mut items = call.into_paginator().items().send();
    let mut mappings = Vec::new();
    while let Some(item) = items.next().await {
        match item {
            Ok(mapping) => mappings.push(mapping),
            Err(error) => {
                report(&error);
                return ExitCode::FAILURE;
            }
        }
    }
    match serde_json::to_string(&serde_json::json!({ "EventSourceMappings": mappings })) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the result as JSON: {e}");
            ExitCode::FAILURE
        }
    }
}
