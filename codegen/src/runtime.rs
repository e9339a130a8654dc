//! How a generated crate gets the runtime crate (`codegen/runtime`,
//! `smithy-lean-runtime`): a dependency by path or by version, or a copy of it
//! inside the generated crate.

use std::path::Path;

/// The runtime crate's package name.
pub const PACKAGE: &str = "smithy-lean-runtime";

/// The runtime crate's version.
pub const VERSION: &str = "0.1.0";

/// The runtime crate's files, by path inside the crate, as a vendored copy gets them.
pub const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../runtime/Cargo.toml")),
    ("src/lib.rs", include_str!("../runtime/src/lib.rs")),
    (
        "src/build_error.rs",
        include_str!("../runtime/src/build_error.rs"),
    ),
    (
        "src/checksum.rs",
        include_str!("../runtime/src/checksum.rs"),
    ),
    (
        "src/compression.rs",
        include_str!("../runtime/src/compression.rs"),
    ),
    ("src/config.rs", include_str!("../runtime/src/config.rs")),
    (
        "src/credentials/mod.rs",
        include_str!("../runtime/src/credentials/mod.rs"),
    ),
    (
        "src/credentials/chain.rs",
        include_str!("../runtime/src/credentials/chain.rs"),
    ),
    (
        "src/credentials/container.rs",
        include_str!("../runtime/src/credentials/container.rs"),
    ),
    (
        "src/credentials/env.rs",
        include_str!("../runtime/src/credentials/env.rs"),
    ),
    (
        "src/credentials/http.rs",
        include_str!("../runtime/src/credentials/http.rs"),
    ),
    (
        "src/credentials/imds.rs",
        include_str!("../runtime/src/credentials/imds.rs"),
    ),
    (
        "src/credentials/json.rs",
        include_str!("../runtime/src/credentials/json.rs"),
    ),
    (
        "src/credentials/process.rs",
        include_str!("../runtime/src/credentials/process.rs"),
    ),
    (
        "src/credentials/profile.rs",
        include_str!("../runtime/src/credentials/profile.rs"),
    ),
    (
        "src/credentials/sts.rs",
        include_str!("../runtime/src/credentials/sts.rs"),
    ),
    (
        "src/endpoint.rs",
        include_str!("../runtime/src/endpoint.rs"),
    ),
    ("src/error.rs", include_str!("../runtime/src/error.rs")),
    (
        "src/orchestrator.rs",
        include_str!("../runtime/src/orchestrator.rs"),
    ),
    (
        "src/paginator.rs",
        include_str!("../runtime/src/paginator.rs"),
    ),
    (
        "src/primitives/mod.rs",
        include_str!("../runtime/src/primitives/mod.rs"),
    ),
    (
        "src/primitives/big_number.rs",
        include_str!("../runtime/src/primitives/big_number.rs"),
    ),
    (
        "src/primitives/blob.rs",
        include_str!("../runtime/src/primitives/blob.rs"),
    ),
    (
        "src/primitives/date_time.rs",
        include_str!("../runtime/src/primitives/date_time.rs"),
    ),
    (
        "src/primitives/document.rs",
        include_str!("../runtime/src/primitives/document.rs"),
    ),
    (
        "src/primitives/unknown_value.rs",
        include_str!("../runtime/src/primitives/unknown_value.rs"),
    ),
    (
        "src/protocol/mod.rs",
        include_str!("../runtime/src/protocol/mod.rs"),
    ),
    (
        "src/protocol/cbor.rs",
        include_str!("../runtime/src/protocol/cbor.rs"),
    ),
    (
        "src/protocol/query.rs",
        include_str!("../runtime/src/protocol/query.rs"),
    ),
    (
        "src/protocol/xml.rs",
        include_str!("../runtime/src/protocol/xml.rs"),
    ),
    ("src/retry.rs", include_str!("../runtime/src/retry.rs")),
    ("src/signing.rs", include_str!("../runtime/src/signing.rs")),
    ("src/testing.rs", include_str!("../runtime/src/testing.rs")),
    (
        "src/transport.rs",
        include_str!("../runtime/src/transport.rs"),
    ),
    (
        "src/validation.rs",
        include_str!("../runtime/src/validation.rs"),
    ),
];

/// Where a generated crate's runtime dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// The runtime crate at this path: relative to the generated crate's
    /// folder, or absolute.
    Path(String),
    /// The runtime crate from the registry, with this version requirement.
    Version(String),
    /// A copy of the runtime crate in the generated crate's `runtime/` folder,
    /// so that the generated crate needs nothing beside it.
    Vendored,
}

impl Default for Runtime {
    /// The runtime crate of this generator's source tree, by absolute path.
    fn default() -> Runtime {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        Runtime::Path(dir.to_string_lossy().into_owned())
    }
}

impl Runtime {
    /// The dependency's source in `Cargo.toml`: `path = "..."` or `version = "..."`.
    pub fn source(&self) -> String {
        match self {
            Runtime::Path(path) => format!("path = {:?}", path.replace('\\', "/")),
            Runtime::Version(version) => format!("version = {version:?}"),
            Runtime::Vendored => r#"path = "runtime""#.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of the runtime crate is in [`FILES`], so a vendored copy is whole.
    #[test]
    fn the_vendored_copy_has_every_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut on_disk = Vec::new();
        let mut dirs = vec![root.join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("the runtime's sources") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let relative = path.strip_prefix(&root).expect("under the root");
                    on_disk.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.push("Cargo.toml".to_owned());
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(path, _)| (*path).to_owned()).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
        let manifest = FILES[0].1;
        assert!(
            manifest.contains(&format!("version = {VERSION:?}")),
            "VERSION matches the manifest"
        );
        assert!(manifest.contains(&format!("name = {PACKAGE:?}")));
    }
}
