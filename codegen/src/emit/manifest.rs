//! The generated crate's `Cargo.toml`. It stands alone (no workspace
//! inheritance), so the crate builds with plain cargo wherever it is written.

use crate::format::TOML_HEADER;
use crate::ir::Crate;

pub fn cargo_toml(krate: &Crate) -> String {
    let s = &krate.service;
    let mut dependencies = vec![r#"serde = { version = "1.0.200", features = ["derive"] }"#];
    if krate.primitives.blob {
        dependencies.push(r#"base64 = "0.22""#);
    }
    dependencies.sort_unstable();
    format!(
        r#"{TOML_HEADER}

[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "1.85"
description = "Types for {title} (API version {api}), generated from its Smithy model."
license = "Apache-2.0"
publish = false

[dependencies]
{dependencies}

[dev-dependencies]
serde_json = "1"
"#,
        name = krate.package,
        version = krate.version,
        title = s.title.replace('"', "'"),
        api = s.version.replace('"', "'"),
        dependencies = dependencies.join("\n"),
    )
}
