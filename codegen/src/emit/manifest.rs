//! The generated crate's `Cargo.toml`. It stands alone (no workspace
//! inheritance), so the crate builds with plain cargo wherever it is written.

use crate::format::TOML_HEADER;
use crate::ir::Crate;
use crate::runtime::PACKAGE;

pub fn cargo_toml(krate: &Crate) -> String {
    let s = &krate.service;
    let source = krate.runtime.source();
    let features: Vec<&str> = [
        (
            krate.protocol == crate::protocol::Protocol::RpcV2Cbor,
            "cbor",
        ),
        (krate.protocol.xml(), "xml"),
        (krate.primitives.checksums, "checksum"),
        (krate.primitives.gzip, "compression"),
    ]
    .into_iter()
    .filter_map(|(needed, feature)| needed.then_some(feature))
    .collect();
    let features = |extra: &[&str]| {
        let all: Vec<String> = features
            .iter()
            .chain(extra)
            .map(|f| format!("{f:?}"))
            .collect();
        if all.is_empty() {
            String::new()
        } else {
            format!(", features = [{}]", all.join(", "))
        }
    };
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
serde = {{ version = "1.0.200", features = ["derive"] }}
serde_json = "1"
{PACKAGE} = {{ {source}{runtime_features} }}

[features]
default = []
# `Client::new(&sdk_config)` and `Client::from_sdk_config`: region, credential
# chain and settings from the `SdkConfig` that `aws_config::load_defaults` returns.
aws-config = ["{PACKAGE}/aws-config"]

[dev-dependencies]
{PACKAGE} = {{ {source}{test_features} }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
"#,
        name = krate.package,
        version = krate.version,
        title = s.title.replace('"', "'"),
        api = s.version.replace('"', "'"),
        runtime_features = features(&[]),
        test_features = features(&["test-util"]),
    )
}
