//! Model-independent support code: ordinary Rust files in `src/support/`,
//! compiled and tested as part of every generated crate, copied in as they are.

use crate::ir::Primitives;

/// One support file and where it goes in the generated crate.
#[derive(Clone, Copy)]
pub struct SupportFile {
    /// Path relative to the generated crate's root.
    pub path: &'static str,
    /// The module it declares under its parent (`date_time`).
    pub module: &'static str,
    /// The items its parent module re-exports.
    pub exports: &'static [&'static str],
    /// The file's text.
    pub source: &'static str,
}

const BUILD_ERROR: SupportFile = SupportFile {
    path: "src/error/build_error.rs",
    module: "build_error",
    exports: &["BuildError"],
    source: include_str!("support/build_error.rs"),
};

const DATE_TIME: SupportFile = SupportFile {
    path: "src/primitives/date_time.rs",
    module: "date_time",
    exports: &["DateTime", "DateTimeOutOfRange", "TimestampFormat"],
    source: include_str!("support/date_time.rs"),
};

const BLOB: SupportFile = SupportFile {
    path: "src/primitives/blob.rs",
    module: "blob",
    exports: &["Blob"],
    source: include_str!("support/blob.rs"),
};

const DOCUMENT: SupportFile = SupportFile {
    path: "src/primitives/document.rs",
    module: "document",
    exports: &["Document", "Number"],
    source: include_str!("support/document.rs"),
};

const UNKNOWN_VALUE: SupportFile = SupportFile {
    path: "src/primitives/unknown_value.rs",
    module: "unknown_value",
    exports: &["UnknownValue"],
    source: include_str!("support/unknown_value.rs"),
};

/// The client runtime, copied whole to `src/runtime/`.
pub const RUNTIME: &[(&str, &str)] = &[
    (
        "src/runtime/config.rs",
        include_str!("support/runtime/config.rs"),
    ),
    (
        "src/runtime/credentials.rs",
        include_str!("support/runtime/credentials.rs"),
    ),
    (
        "src/runtime/error.rs",
        include_str!("support/runtime/error.rs"),
    ),
    (
        "src/runtime/endpoint.rs",
        include_str!("support/runtime/endpoint.rs"),
    ),
    ("src/runtime/mod.rs", include_str!("support/runtime/mod.rs")),
    (
        "src/runtime/orchestrator.rs",
        include_str!("support/runtime/orchestrator.rs"),
    ),
    (
        "src/runtime/paginator.rs",
        include_str!("support/runtime/paginator.rs"),
    ),
    (
        "src/runtime/protocol.rs",
        include_str!("support/runtime/protocol.rs"),
    ),
    (
        "src/runtime/retry.rs",
        include_str!("support/runtime/retry.rs"),
    ),
    (
        "src/runtime/signing.rs",
        include_str!("support/runtime/signing.rs"),
    ),
    (
        "src/runtime/testing.rs",
        include_str!("support/runtime/testing.rs"),
    ),
    (
        "src/runtime/transport.rs",
        include_str!("support/runtime/transport.rs"),
    ),
    (
        "src/runtime/validation.rs",
        include_str!("support/runtime/validation.rs"),
    ),
];

/// The support files every crate gets.
pub fn error_files() -> [SupportFile; 1] {
    [BUILD_ERROR]
}

/// The `crate::primitives` files the crate's types need.
pub fn primitive_files(needs: &Primitives) -> Vec<SupportFile> {
    [
        (needs.blob, BLOB),
        (needs.date_time, DATE_TIME),
        (needs.document, DOCUMENT),
        (needs.unknown_value, UNKNOWN_VALUE),
    ]
    .into_iter()
    .filter_map(|(needed, file)| needed.then_some(file))
    .collect()
}

const CHECKSUM: SupportFile = SupportFile {
    path: "src/runtime/optional/checksum.rs",
    module: "checksum",
    exports: &[],
    source: include_str!("support/runtime/optional/checksum.rs"),
};

const COMPRESSION: SupportFile = SupportFile {
    path: "src/runtime/optional/compression.rs",
    module: "compression",
    exports: &[],
    source: include_str!("support/runtime/optional/compression.rs"),
};

/// The `crate::runtime::optional` modules the crate's operations need.
pub fn optional_runtime_files(needs: &Primitives) -> Vec<SupportFile> {
    [(needs.content_md5, CHECKSUM), (needs.gzip, COMPRESSION)]
        .into_iter()
        .filter_map(|(needed, file)| needed.then_some(file))
        .collect()
}

/// Every support file the crate gets.
pub fn files(needs: &Primitives) -> Vec<SupportFile> {
    let mut all = error_files().to_vec();
    all.extend(primitive_files(needs));
    all.extend(optional_runtime_files(needs));
    all
}
