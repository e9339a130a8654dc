//! Tests live in `tests/`; this crate holds only what they share.

use std::path::{Path, PathBuf};

pub mod moto;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The AWS partitions data that endpoint rules calling `aws.partition` need,
/// in the project's own form, as `cargo xtask codegen` reads it.
pub fn partitions() -> String {
    let path = root().join("model/partitions.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; the model's endpoint rules need the AWS partitions data",
            path.display()
        )
    })
}

/// Where tests record the checks they skip, one file per test, for
/// `cargo xtask test` to list at the end of its output.
pub fn skips_dir() -> PathBuf {
    root().join("target/test-skips")
}

/// A file under `../shared/` beside the workspace, or `None` when the check
/// that needs it is to be skipped: because `SKIP_UPSTREAM=1` asks for it, or
/// because the file is absent (a clone without `../shared`). Each skip is
/// recorded under [`skips_dir`] with the test's name and the reason, and
/// printed, so that it can never pass unnoticed.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(relative);
    let reason = if std::env::var_os("SKIP_UPSTREAM").is_some_and(|v| v == "1") {
        format!(
            "SKIP_UPSTREAM=1 asked to skip the checks that read {}",
            path.display()
        )
    } else if !path.exists() {
        format!("{} is missing", path.display())
    } else {
        return Some(path);
    };
    record_skip(&reason);
    None
}

/// Records that the running test skipped its check, and why.
pub fn record_skip(reason: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("unnamed test");
    let dir = skips_dir();
    let file = dir.join(test.replace("::", "__"));
    let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, reason));
    if let Err(e) = written {
        panic!(
            "cannot record the skip of {test} in {}: {e}",
            file.display()
        );
    }
    eprintln!("\n********** SKIPPED {test}: {reason} **********\n");
}

/// The example program, which `cargo test` builds next to the test binaries.
pub fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let example = profile_dir.join("examples/list-event-source-mappings");
    assert!(
        example.exists(),
        "{} is missing: run the whole test suite (`cargo xtask test` or `cargo test -p tests`), which builds the examples",
        example.display()
    );
    example
}
