//! `cargo xtask diff-model` and `update-model`: reports on real and
//! hand-made model pairs, trimming the upstream model, and regeneration that
//! touches only what changed. Everything derived from the upstream model is
//! written to temporary folders only.

use std::collections::BTreeSet;
use std::path::PathBuf;

use codegen::diff::{diff, Report};
use codegen::load;
use codegen::Generator;
use serde_json::Value;

fn upstream() -> Option<PathBuf> {
    tests::shared_file("models/lambda-2015-03-31.json")
}

fn our_model() -> load::ast::Model {
    load::from_path(&tests::root().join("model/lambda.json")).expect("model/ loads")
}

#[test]
fn our_model_against_the_upstream_closure_lists_what_the_reference_lacks() {
    let Some(upstream) = upstream() else { return };
    let new = load::from_path(&upstream).expect("the upstream model loads");
    let report = diff(
        &our_model(),
        &new,
        &["ListEventSourceMappings".to_owned()],
        false,
    )
    .expect("diffs");
    let text = report.to_text();
    for added in [
        "KMSKeyArn",
        "FilterCriteriaError",
        "MetricsConfig",
        "LoggingConfig",
        "ProvisionedPollerConfig",
        "EventSourceMappingArn",
        "SchemaRegistryConfig",
        "com.amazonaws.lambda#KafkaSchemaRegistryConfig",
        "com.amazonaws.lambda#EventSourceMappingMetric",
    ] {
        assert!(
            text.contains(added),
            "{added} is missing from the report:\n{text}"
        );
    }
    assert!(!report.is_breaking(), "the newer model only adds:\n{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn the_upstream_model_against_itself_has_no_changes() {
    let Some(upstream) = upstream() else { return };
    let (a, b) = (
        load::from_path(&upstream).expect("loads"),
        load::from_path(&upstream).expect("loads"),
    );
    let report = diff(&a, &b, &[], true).expect("diffs");
    assert!(report.is_empty(), "{}", report.to_text());
    assert_eq!(report.operations.len(), 85);
}

fn pair(case: &Value, side: &str) -> load::ast::Model {
    load::from_str(&case[side].to_string())
        .unwrap_or_else(|e| panic!("the {side} model loads: {e}"))
}

#[test]
fn each_kind_of_change_is_classified() {
    insta::glob!("../models/diff", "*.json", |path| {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
        let report = diff(&pair(&case, "old"), &pair(&case, "new"), &[], true).expect("diffs");
        let expect = case["expect"].as_str().expect("an expect field");
        let found = match &report {
            r if r.breaking > 0 => "breaking",
            r if r.compatible > 0 => "compatible",
            r if r.documentation > 0 => "documentation",
            _ => "nothing",
        };
        assert_eq!(
            found,
            expect,
            "{}: {}\n{}",
            path.display(),
            case["about"],
            report.to_text()
        );
        insta::assert_snapshot!(report.to_text());
    });
}

#[test]
fn the_json_report_is_stable_for_tools() {
    let path = tests::root().join("tests/models/diff/member_removed.json");
    let case: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
    let report: Report = diff(&pair(&case, "old"), &pair(&case, "new"), &[], false).expect("diffs");
    insta::assert_snapshot!(report.to_json());
}

#[test]
fn update_model_trims_the_upstream_model_into_a_crate_that_builds() {
    let Some(upstream) = upstream() else { return };
    let text = std::fs::read_to_string(&upstream).expect("readable");
    let operations: Vec<String> = ["GetEventSourceMapping", "ListEventSourceMappings"]
        .map(String::from)
        .to_vec();
    let trimmed = codegen::trim::trim(&text, &operations).expect("trims");
    let dir = tempfile::tempdir().expect("temporary folder");
    let model_path = dir.path().join("lambda.json");
    std::fs::write(&model_path, &trimmed).expect("write");

    // The trimmed service binds only the chosen operations and keeps its endpoint rules.
    let model: Value = serde_json::from_str(&trimmed).expect("JSON");
    let service = &model["shapes"]["com.amazonaws.lambda#AWSGirApiService"];
    assert_eq!(service["operations"].as_array().map(Vec::len), Some(2));
    assert!(service["traits"]
        .get("smithy.rules#endpointRuleSet")
        .is_some());
    assert!(service["traits"]
        .get("aws.iam#defineConditionKeys")
        .is_none());

    // A second run changes nothing, and the diff against the first is empty.
    let again = codegen::trim::trim(&trimmed, &operations).expect("trims again");
    assert_eq!(again, trimmed, "update-model is not idempotent");
    let report = diff(
        &load::from_str(&trimmed).expect("loads"),
        &load::from_str(&again).expect("loads"),
        &[],
        true,
    )
    .expect("diffs");
    assert!(report.is_empty(), "{}", report.to_text());

    let crate_dir = dir.path().join("crate");
    Generator::new()
        .with_partitions(tests::partitions())
        .with_package("lambda-trimmed")
        .generate_path(&model_path)
        .expect("the trimmed model generates")
        .write(&crate_dir, false)
        .expect("write the crate");
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args(["build", "--quiet"])
            .current_dir(&crate_dir)
            .env(
                "CARGO_TARGET_DIR",
                tests::root().join("target/generated-crates"),
            )
            .env("RUSTFLAGS", "-D warnings")
            .status()
            .expect("run cargo");
    assert!(
        status.success(),
        "the crate generated from the trimmed model does not build"
    );
}

#[test]
fn regenerating_after_a_model_change_rewrites_only_the_files_of_changed_shapes() {
    let text = std::fs::read_to_string(tests::root().join("model/lambda.json")).expect("readable");
    let mut model: Value = serde_json::from_str(&text).expect("JSON");
    let shapes = &mut model["shapes"];
    shapes["com.amazonaws.lambda#FilterCriteria"]["traits"]["smithy.api#documentation"] =
        Value::from("<p>Which records reach the function.</p>");
    shapes["com.amazonaws.lambda#FullDocument"]["members"]["Later"] = serde_json::json!({ "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "Later" } });
    let generator = Generator::new().with_partitions(tests::partitions());
    let before = generator.generate_str(&text).expect("generates");
    let after = generator
        .generate_str(&model.to_string())
        .expect("generates");
    let changed: BTreeSet<&str> = after
        .iter()
        .filter(|(path, contents)| before.get(path) != Some(*contents))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        changed,
        BTreeSet::from(["src/types/filter_criteria.rs", "src/types/full_document.rs"]),
        "only the changed shapes' files differ"
    );
}
