//! The generated crate's `Cargo.toml`. It stands alone (no workspace
//! inheritance), so the crate builds with plain cargo wherever it is written.

use crate::format::TOML_HEADER;
use crate::ir::Crate;

pub fn cargo_toml(krate: &Crate) -> String {
    let s = &krate.service;
    let mut dependencies = vec![
        r#"base64 = "0.22""#,
        r#"aws-credential-types = "1.2""#,
        r#"aws-sigv4 = { version = "1.2", default-features = false, features = ["sign-http", "http1"] }"#,
        r#"aws-types = { version = "1.3", optional = true }"#,
        r#"futures-core = "0.3""#,
        r#"futures-util = { version = "0.3", default-features = false }"#,
        r#"fastrand = "2""#,
        r#"http = "1""#,
        r#"percent-encoding = "2""#,
        r#"regex-lite = "0.1""#,
        r#"bytes = "1""#,
        r#"http-body-util = "0.1""#,
        r#"hyper-rustls = { version = "0.27", default-features = false, features = ["http1", "tls12", "ring", "webpki-tokio"] }"#,
        r#"hyper-util = { version = "0.1", features = ["client-legacy", "http1", "tokio"] }"#,
        r#"rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }"#,
        r#"serde = { version = "1.0.200", features = ["derive"] }"#,
        r#"serde_json = "1""#,
        r#"sha2 = "0.11""#,
        r#"tokio = { version = "1", features = ["time"] }"#,
        r#"tracing = { version = "0.1", default-features = false, features = ["std"] }"#,
    ];
    if krate.primitives.content_md5 {
        dependencies.push(r#"md-5 = "0.11""#);
    }
    if krate.primitives.gzip {
        dependencies.push(r#"flate2 = "1""#);
    }
    dependencies.sort_unstable();
    format!(
        r#"{TOML_HEADER}

[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "1.85"
description = "A client for {title} (API version {api}), generated from its Smithy model."
license = "Apache-2.0"
publish = false

[dependencies]
{dependencies}

[features]
default = []
# `Config::from_sdk_config` and `Client::from_sdk_config`: region, credential chain and
# settings from the `SdkConfig` that `aws_config::load_defaults` returns.
aws-config = ["dep:aws-types"]

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
"#,
        name = krate.package,
        version = krate.version,
        title = s.title.replace('"', "'"),
        api = s.version.replace('"', "'"),
        dependencies = dependencies.join("\n"),
    )
}
