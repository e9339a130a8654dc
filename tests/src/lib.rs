//! Tests live in `tests/`; this crate holds only what they share.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The AWS partitions data that endpoint rules calling `aws.partition` need,
/// from `../shared/models/` beside the workspace, as `cargo xtask codegen` reads it.
pub fn partitions() -> String {
    let path = root().join("../shared/models/sdk-partitions.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; the model's endpoint rules need the AWS partitions data",
            path.display()
        )
    })
}
