//! Any status and body through the client's real send() path, with an
//! in-memory transport: the result is Ok or Err, never a panic.

#![no_main]

use std::sync::OnceLock;

use aws_lambda_client::config::http::{ConnectorError, HttpClient, HttpRequest, HttpResponse};
use aws_lambda_client::config::{Credentials, Region};
use aws_lambda_client::config::retry::RetryConfig;
use aws_lambda_client::config::http::BoxFuture;
use aws_lambda_client::{Client, Config};
use libfuzzer_sys::fuzz_target;

#[derive(Debug)]
struct Canned(u16, Vec<u8>);

impl HttpClient for Canned {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, ConnectorError>> {
        let response = http::Response::builder()
            .status(self.0)
            .header("x-amzn-requestid", "fuzz")
            .body(self.1.clone())
            .expect("a valid response");
        Box::pin(async move { Ok(response) })
    }
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"))
}

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((s, rest)) => ([200u16, 400, 404, 429, 500][usize::from(*s) % 5], rest.to_vec()),
        None => (200, Vec::new()),
    };
    let client = Client::new(
        Config::builder()
            .region(Region::new("us-east-1"))
            .endpoint_url("http://127.0.0.1:1")
            .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "test"))
            .retry_config(RetryConfig::disabled())
            .http_client(Canned(status, body))
            .build(),
    );
    if let Err(e) = runtime().block_on(client.list_event_source_mappings().send()) {
        let _ = e.to_string();
    }
});
