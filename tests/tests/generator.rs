//! The generator's output for `model/`: snapshots of every file, determinism,
//! and a check that the committed `generated/` crate is current.

use std::path::{Path, PathBuf};

use codegen::runtime::Runtime;
use codegen::Generator;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn model_text() -> String {
    let path = root().join("model/lambda.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Generates as `cargo xtask codegen` does for the committed crate, whose
/// runtime is `../codegen/runtime`.
fn generate(text: &str) -> codegen::Files {
    Generator::new()
        .with_partitions(tests::partitions())
        .with_runtime(Runtime::Path("../codegen/runtime".to_owned()))
        .generate_str(text)
        .unwrap_or_else(|e| panic!("model/lambda.json does not generate: {e}"))
}

#[test]
fn every_generated_file_matches_its_snapshot() {
    let files = generate(&model_text());
    for (path, contents) in files.iter() {
        let name = path.replace('/', "__");
        insta::assert_snapshot!(name, contents);
    }
}

#[test]
fn committed_crate_is_current() {
    let files = generate(&model_text());
    let report = files
        .write(&root().join("generated"), true)
        .unwrap_or_else(|e| panic!("cannot compare with generated/: {e}"));
    assert!(
        report.is_clean(),
        "generated/ is stale ({:?} differ, {:?} are no longer generated): \
         run `cargo xtask codegen` and commit the result",
        report.changed,
        report.removed
    );
}

#[test]
fn output_is_byte_identical_whatever_the_key_order() {
    let text = model_text();
    let first = generate(&text);
    assert_eq!(first, generate(&text), "two runs on the same model differ");
    let value: Value = serde_json::from_str(&text).expect("model/lambda.json is JSON");
    let reversed = reversed_json(&value);
    assert_ne!(reversed, text, "the reversed copy should differ textually");
    assert_eq!(
        first,
        generate(&reversed),
        "reversing the JSON key order changed the output"
    );
}

/// Writes `value` with every object's keys in reverse sorted order.
fn reversed_json(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), reversed_json(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items
                    .iter()
                    .map(reversed_json)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        other => other.to_string(),
    }
}

#[test]
fn writing_touches_only_changed_files() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = generate(&model_text());
    let first = files.write(dir.path(), false).expect("first write");
    assert!(first.unchanged == 0 && !first.changed.is_empty());
    let again = files.write(dir.path(), false).expect("second write");
    assert!(again.is_clean(), "a second write changed files: {again:?}");

    let mut model: Value = serde_json::from_str(&model_text()).expect("model/lambda.json is JSON");
    model["shapes"]["com.amazonaws.lambda#MaxListItems"]["traits"]["smithy.api#range"]["max"] =
        100.into();
    let edited = model.to_string();
    let report = generate(&edited)
        .write(dir.path(), false)
        .expect("third write");
    let changed: Vec<String> = report
        .changed
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        changed,
        [
            "src/operation/list_event_source_mappings/list_event_source_mappings_input.rs",
            "src/operation/list_event_source_mappings/protocol.rs",
        ],
        "a constraint change should touch only the type that uses it and the validation of its operation"
    );
    assert!(report.removed.is_empty());
}

#[test]
fn stale_and_leftover_files_are_found() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = generate(&model_text());
    files.write(dir.path(), false).expect("write");
    let lib = dir.path().join("src/lib.rs");
    std::fs::write(&lib, "// edited by hand\n").expect("edit lib.rs");
    let leftover = dir.path().join("src/types/removed_shape.rs");
    std::fs::write(&leftover, format!("{}\n", codegen::format::HEADER)).expect("add a leftover");
    let hand_written = dir.path().join("src/types/notes.rs");
    std::fs::write(&hand_written, "// not generated\n").expect("add a hand-written file");

    let report = files.write(dir.path(), true).expect("check");
    assert_eq!(report.changed, std::slice::from_ref(&lib));
    assert_eq!(report.removed, std::slice::from_ref(&leftover));
    assert!(leftover.exists(), "check mode must not delete");

    files.write(dir.path(), false).expect("rewrite");
    assert!(
        !leftover.exists(),
        "a file the generator no longer produces is deleted"
    );
    assert!(
        hand_written.exists(),
        "a file without the generated header is kept"
    );
}

#[test]
fn the_crate_has_a_type_for_every_shape_of_the_reference() {
    let krate = Generator::new()
        .with_partitions(tests::partitions())
        .lower_str(&model_text())
        .expect("lowers");
    let mut names: Vec<&str> = krate.types.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    insta::assert_debug_snapshot!(names);
    let mapping = krate
        .types
        .iter()
        .find(|t| t.name == "EventSourceMappingConfiguration")
        .expect("EventSourceMappingConfiguration");
    let codegen::ir::TypeKind::Struct(s) = &mapping.kind else {
        panic!("EventSourceMappingConfiguration is not a struct");
    };
    assert_eq!(s.members.len(), 27, "the reference lists 27 members");
}

#[test]
fn asking_for_an_unknown_operation_names_it() {
    let err = Generator::new()
        .with_partitions(tests::partitions())
        .with_operations(["ListFunctions"])
        .generate_str(&model_text())
        .expect_err("ListFunctions is not in model/");
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn broken_models_give_precise_errors() {
    insta::glob!("../models/broken", "*.json", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        match Generator::new()
            .with_partitions(tests::partitions())
            .generate_str(&text)
        {
            Ok(_) => panic!("{} generated without an error", path.display()),
            Err(e) => insta::assert_snapshot!(e.to_string()),
        }
    });
}

/// Every snapshot must be claimed by something that still exists: a file
/// the generator writes, a fixture of a glob test, or a test function. A
/// file that stops being generated must not leave a passing snapshot behind.
#[test]
fn no_snapshot_is_orphaned() {
    let generated: Vec<String> = generate(&model_text())
        .iter()
        .map(|(path, _)| path.replace('/', "__"))
        .collect();
    let snapshots = root().join("tests/tests/snapshots");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&snapshots).expect("the snapshots folder") {
        let file = entry.expect("a snapshot").file_name();
        let file = file.to_string_lossy();
        let Some(stem) = file.strip_suffix(".snap") else {
            orphans.push(format!("{file} (not a snapshot)"));
            continue;
        };
        let (test_file, name) = stem.split_once("__").unwrap_or(("", stem));
        let source = std::fs::read_to_string(root().join(format!("tests/tests/{test_file}.rs")))
            .unwrap_or_default();
        let claimed = match name.split_once('@') {
            // `insta::glob!` snapshots are named after their input file.
            Some((test, input)) => {
                let folder = glob_folder(&source, test);
                source.contains(&format!("fn {test}("))
                    && folder
                        .is_some_and(|f| root().join("tests/tests").join(f).join(input).exists())
            }
            None if test_file == "generator" && generated.iter().any(|g| g == name) => true,
            None => source.contains(&format!("fn {name}(")),
        };
        if !claimed {
            orphans.push(file.into_owned());
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots that nothing generates or tests any more (delete them): {orphans:?}"
    );
}

/// The folder that test `test` of a test file's source globs over.
fn glob_folder<'a>(source: &'a str, test: &str) -> Option<&'a str> {
    let body = &source[source.find(&format!("fn {test}("))?..];
    let start = body.find("insta::glob!(\"")? + "insta::glob!(\"".len();
    body[start..].split('"').next()
}

#[test]
fn a_model_with_several_services_generates_the_one_asked_for() {
    let text = std::fs::read_to_string(root().join("tests/models/broken/two_services.json"))
        .expect("fixture is readable");
    let generate = |service: &str| {
        Generator::new()
            .with_partitions(tests::partitions())
            .with_service(service)
            .generate_str(&text)
    };
    let files = generate("example.test#B").expect("service B generates");
    let manifest = files.get("Cargo.toml").expect("a manifest");
    assert!(manifest.contains("name = \"aws-b-client\""), "{manifest}");
    let err = generate("example.test#C").expect_err("there is no service C");
    assert_eq!(
        err.to_string(),
        "the model has no service example.test#C (it has: example.test#A, example.test#B)"
    );
    let err = generate("example.test#Thing").expect_err("not a service");
    assert!(
        err.to_string()
            .starts_with("the model has no service example.test#Thing"),
        "{err}"
    );
}

#[test]
fn the_partitions_in_model_are_those_of_the_aws_partitions_file() {
    let Some(upstream) = tests::shared_file("models/sdk-partitions.json") else {
        return;
    };
    let upstream = std::fs::read_to_string(upstream).expect("readable");
    let upstream = codegen::ir::partitions::parse(&upstream).expect("AWS's partitions parse");
    let ours = codegen::ir::partitions::parse(&tests::partitions()).expect("ours parse");
    assert!(
        ours == upstream,
        "model/partitions.json is stale: run `cargo xtask update-model --partitions-from \
         ../shared/models/sdk-partitions.json` and commit the result"
    );
}

#[test]
fn big_numbers_are_served_where_the_protocol_keeps_them_whole() {
    let text = serde_json::json!({
        "smithy": "2.0",
        "shapes": {
            "example.test#Svc": {
                "type": "service",
                "version": "1",
                "operations": [{"target": "example.test#Measure"}, {"target": "example.test#Ping"}],
                "traits": {
                    "aws.protocols#awsJson1_0": {},
                    "smithy.protocols#rpcv2Cbor": {},
                    "smithy.protocols#rpcv2Json": {}
                }
            },
            "example.test#Measure": {
                "type": "operation",
                "input": {"target": "example.test#Sizes"},
                "output": {"target": "example.test#Sizes"}
            },
            "example.test#Ping": {"type": "operation"},
            "example.test#Sizes": {
                "type": "structure",
                "members": {
                    "count": {"target": "smithy.api#BigInteger"},
                    "ratio": {"target": "smithy.api#BigDecimal"}
                }
            }
        }
    })
    .to_string();
    let generate = |protocol: &str| {
        Generator::new()
            .with_partitions(tests::partitions())
            .with_protocol(protocol)
            .generate_str(&text)
    };
    let files = generate("rpcv2Json").expect("rpcv2Json writes big numbers as strings");
    let sizes = files.get("src/types/sizes.rs").expect("the structure");
    assert!(
        sizes.contains("pub ratio: Option<BigDecimal>,")
            && sizes.contains("pub count: Option<BigInteger>,"),
        "{sizes}"
    );
    let err = generate("awsJson1_0").expect_err("awsJson1_0 would lose digits");
    assert_eq!(
        err.to_string(),
        "example.test#Sizes$count: unsupported: smithy.api#BigInteger in aws.protocols#awsJson1_0, \
         which writes numbers of arbitrary precision as JSON numbers that this client cannot \
         keep whole"
    );
    let err = generate("rpcv2Cbor").expect_err("rpcv2Cbor's bignums are not decoded");
    assert_eq!(
        err.to_string(),
        "example.test#Sizes$count: unsupported: smithy.api#BigInteger in smithy.protocols#rpcv2Cbor, \
         which writes numbers of arbitrary precision as CBOR bignums and decimal fractions (tags 2 \
         to 4) that this client does not decode yet"
    );
}
