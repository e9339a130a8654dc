//! Crates generated from other models, written to temporary folders and built
//! there with plain cargo, as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Generator;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `cargo test` and `cargo doc` on a generated crate in `dir`, with
/// warnings denied. The
/// crate gets the workspace's lockfile, so it builds with the versions CI
/// tested, and a target folder of its own under the workspace's.
fn cargo_test(dir: &Path) {
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for args in [&["test", "--quiet"][..], &["doc", "--quiet", "--no-deps"]] {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", root().join("target/generated-crates"))
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .expect("run cargo");
        assert!(
            output.status.success(),
            "`cargo {}` fails on the crate generated into {}:\n{}\n{}",
            args[0],
            dir.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn upstream_closure_of_list_event_source_mappings_builds() {
    let upstream = root().join("../shared/models/lambda-2015-03-31.json");
    if !upstream.exists() {
        eprintln!(
            "\n**********\nUPSTREAM CHECK SKIPPED: {} is missing, so the closure of \
             ListEventSourceMappings in the upstream model was not generated or built.\n**********\n",
            upstream.display()
        );
        return;
    }
    let operations = ["ListEventSourceMappings".to_owned()];
    let model = codegen::load::from_path(&upstream).expect("the upstream model loads");
    let model =
        codegen::model::Model::new(model, &operations).expect("the upstream model validates");
    assert_eq!(
        model.closure.len(),
        79,
        "shapes in the closure of ListEventSourceMappings"
    );

    let generator = Generator::new().with_operations(operations);
    let files = generator
        .generate_path(&upstream)
        .expect("the upstream closure generates");
    let mapping = files
        .get("src/types/event_source_mapping_configuration.rs")
        .expect("EventSourceMappingConfiguration is generated");
    for newer in [
        "pub kms_key_arn:",
        "pub metrics_config:",
        "pub provisioned_poller_config:",
        "pub filter_criteria_error:",
        "pub event_source_mapping_arn:",
    ] {
        assert!(
            mapping.contains(newer),
            "upstream member `{newer}` is missing"
        );
    }
    assert!(files
        .get("src/types/kafka_schema_registry_config.rs")
        .is_some());

    let dir = tempfile::tempdir().expect("temporary folder");
    files.write(dir.path(), false).expect("write the crate");
    cargo_test(dir.path());
}

#[test]
fn awkward_but_valid_model_builds_and_behaves() {
    let model = root().join("tests/models/valid/awkward.json");
    let files = Generator::new()
        .with_package("awkward")
        .generate_path(&model)
        .expect("the awkward model generates");
    let dir = tempfile::tempdir().expect("temporary folder");
    files.write(dir.path(), false).expect("write the crate");
    let tests = dir.path().join("tests");
    std::fs::create_dir_all(&tests).expect("tests folder");
    std::fs::copy(
        root().join("tests/fixtures/awkward_consumer.rs"),
        tests.join("consumer.rs"),
    )
    .expect("copy the consumer test");
    cargo_test(dir.path());
}
