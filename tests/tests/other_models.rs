//! Crates generated from other models, written to temporary folders and built
//! there with plain cargo, as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Generator;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `cargo test` and `cargo doc` on a generated crate in `dir`, with
/// warnings denied. The crate gets the workspace's lockfile, so it builds
/// with the versions CI tested, and a target folder of its own under the
/// workspace's.
fn cargo_test(dir: &Path) {
    cargo_test_with_env(dir, &[]);
}

/// [`cargo_test`], with `env` set for the tests.
fn cargo_test_with_env(dir: &Path, env: &[(&str, String)]) {
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for args in [&["test", "--quiet"][..], &["doc", "--quiet", "--no-deps"]] {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", root().join("target/generated-crates"))
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .envs(env.iter().map(|(k, v)| (k, v)))
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

/// How many endpoint-rule tests and example tests a generated crate has.
fn generated_test_counts(files: &codegen::Files) -> (usize, usize) {
    let tests_in = |text: &str| text.matches("#[test]").count();
    let endpoint = files.get("src/endpoint/tests.rs").map_or(0, tests_in);
    let examples = files
        .iter()
        .filter(|(path, _)| path.ends_with("/examples.rs"))
        .map(|(_, text)| tests_in(text))
        .sum();
    (endpoint, examples)
}

/// The upstream Lambda model, or `None` (recorded as a skip) when it is absent.
fn upstream() -> Option<PathBuf> {
    tests::shared_file("models/lambda-2015-03-31.json")
}

/// Generates `operations` of the upstream model (all when empty) into a
/// temporary folder as the package `package` and builds, tests and documents
/// the crate there. Each test uses its own package name: crates of the same
/// name and version would share build artifacts in the shared target folder.
fn build_upstream(package: &str, operations: &[&str]) -> Option<codegen::Files> {
    let upstream = upstream()?;
    let files = Generator::new()
        .with_partitions(tests::partitions())
        .with_package(package)
        .with_operations(operations.iter().copied())
        .generate_path(&upstream)
        .unwrap_or_else(|e| panic!("the upstream model ({operations:?}) does not generate: {e}"));
    let dir = tempfile::tempdir().expect("temporary folder");
    files.write(dir.path(), false).expect("write the crate");
    cargo_test(dir.path());
    Some(files)
}

#[test]
fn whole_upstream_service_builds() {
    let Some(files) = build_upstream("lambda-all", &[]) else {
        return;
    };
    let skipped: Vec<&str> = files.skipped().iter().map(|(op, _)| op.as_str()).collect();
    assert_eq!(
        skipped,
        ["com.amazonaws.lambda#InvokeWithResponseStream"],
        "only event streams are left out"
    );
    let operations = files
        .iter()
        .filter(|(path, _)| path.starts_with("src/operation/") && path.ends_with("/builders.rs"))
        .count();
    assert_eq!(
        operations, 84,
        "every other operation of the 85 is generated"
    );
    assert_eq!(
        generated_test_counts(&files),
        (71, 51),
        "every case of smithy.rules#endpointTests and every smithy.api#examples entry becomes a test"
    );
}

#[test]
fn upstream_subsets_build() {
    build_upstream("lambda-invoke", &["Invoke"]);
    build_upstream(
        "lambda-event-source-mappings",
        &[
            "CreateEventSourceMapping",
            "DeleteEventSourceMapping",
            "GetEventSourceMapping",
            "ListEventSourceMappings",
            "UpdateEventSourceMapping",
        ],
    );
}

#[test]
fn asking_for_an_event_stream_operation_names_the_missing_feature() {
    let Some(upstream) = upstream() else { return };
    let err = Generator::new()
        .with_partitions(tests::partitions())
        .with_operations(["InvokeWithResponseStream"])
        .generate_path(&upstream)
        .expect_err("event streams are not supported");
    let message = err.to_string();
    assert!(
        message.starts_with(
            "com.amazonaws.lambda#InvokeWithResponseStream: unsupported: event streams"
        ),
        "{message}"
    );
}

#[test]
fn upstream_closure_of_list_event_source_mappings_builds() {
    let Some(upstream) = upstream() else { return };
    let operations = ["ListEventSourceMappings".to_owned()];
    let model = codegen::load::from_path(&upstream).expect("the upstream model loads");
    let model =
        codegen::model::Model::new(model, &operations).expect("the upstream model validates");
    assert_eq!(
        model.closure.len(),
        79,
        "shapes in the closure of ListEventSourceMappings"
    );

    let generator = Generator::new()
        .with_partitions(tests::partitions())
        .with_package("lambda-list-event-source-mappings")
        .with_operations(operations);
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
        .with_partitions(tests::partitions())
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

#[test]
fn every_kind_of_http_binding_travels_exactly_as_bound() {
    let model = root().join("tests/models/valid/bindings.json");
    let files = Generator::new()
        .with_partitions(tests::partitions())
        .with_package("bindings")
        .generate_path(&model)
        .expect("the bindings model generates");
    let dir = tempfile::tempdir().expect("temporary folder");
    files.write(dir.path(), false).expect("write the crate");
    // The consumer's fake transport builds `http` responses, as any custom
    // transport does.
    let manifest = dir.path().join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    let text = text.replace("[dev-dependencies]\n", "[dev-dependencies]\nhttp = \"1\"\n");
    std::fs::write(&manifest, text).expect("write the manifest");
    let tests = dir.path().join("tests");
    std::fs::create_dir_all(&tests).expect("tests folder");
    std::fs::copy(
        root().join("tests/fixtures/bindings_consumer.rs"),
        tests.join("consumer.rs"),
    )
    .expect("copy the consumer test");
    cargo_test(dir.path());
}

/// S3 (restXml, S3's endpoint rules with `aws.isVirtualHostableS3Bucket`,
/// `@contextParam`, `s3UnwrappedXmlOutput`, `Content-MD5` where a checksum
/// is required) generates whole but for its event stream, builds, and
/// passes its endpoint and example tests; the consumer test checks bucket
/// addressing against a fake transport, the moto test that bucket settings
/// one client writes the other reads.
#[test]
fn s3_generates_whole_and_addresses_buckets() {
    build_aws_model(
        "s3.json",
        "s3",
        Some("s3_consumer.rs"),
        Some("s3_moto.rs"),
        (393, 67),
    );
}

/// Copies `fixtures` (from `tests/fixtures/`, to the crate's `tests/`) into
/// the crate in `dir`, with the modules they share (`fake`, `oracle`) and
/// the dev-dependencies they use.
fn add_fixtures(dir: &Path, fixtures: &[(&str, &str)]) {
    let shared = [("fake.rs", "fake/mod.rs"), ("oracle.rs", "oracle/mod.rs")];
    let fixtures: Vec<&(&str, &str)> = fixtures.iter().chain(&shared).collect();
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    let text = text.replace(
        "[dev-dependencies]\n",
        "[dev-dependencies]\nbase64 = \"0.22\"\nhttp = \"1\"\nserde = \"1\"\nserde_json = \"1\"\n",
    );
    std::fs::write(&manifest, text).expect("write the manifest");
    let tests = dir.join("tests");
    for dir in ["fake", "oracle"] {
        std::fs::create_dir_all(tests.join(dir)).expect("tests folder");
    }
    for (from, to) in fixtures {
        let from = root().join("tests/fixtures").join(from);
        let to = tests.join(to);
        std::fs::copy(&from, &to)
            .unwrap_or_else(|e| panic!("copy {} to {}: {e}", from.display(), to.display()));
    }
}

/// Generates a whole AWS model from `../shared/models/` as `package`, checks
/// that every endpoint test case and example became a test, adds the
/// consumer tests `fixtures` (from `tests/fixtures/`), and builds, tests and
/// documents it. With `moto`, that fixture too is added, with the oracle
/// module it uses, and runs against the moto harness, started for it.
fn build_aws_model(
    model: &str,
    package: &str,
    consumer: Option<&str>,
    moto: Option<&str>,
    counts: (usize, usize),
) {
    let Some(path) = tests::shared_file(&format!("models/{model}")) else {
        return;
    };
    let files = Generator::new()
        .with_partitions(tests::partitions())
        .with_package(package)
        .generate_path(&path)
        .unwrap_or_else(|e| panic!("{model} does not generate: {e}"));
    let skipped: Vec<&str> = files.skipped().iter().map(|(op, _)| op.as_str()).collect();
    // S3's one event stream operation waits for event streams.
    let expected: &[&str] = if model == "s3.json" {
        &["com.amazonaws.s3#SelectObjectContent"]
    } else {
        &[]
    };
    assert_eq!(skipped, expected, "{model}: no other operation is skipped");
    assert_eq!(
        generated_test_counts(&files),
        counts,
        "{model}: every endpoint test case and example becomes a test"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    files.write(dir.path(), false).expect("write the crate");
    let mut fixtures = Vec::new();
    if let Some(consumer) = consumer {
        fixtures.push((consumer, "consumer.rs"));
    }
    if let Some(moto) = moto {
        fixtures.push((moto, "moto.rs"));
    }
    if !fixtures.is_empty() {
        add_fixtures(dir.path(), &fixtures);
    }
    let harness = moto.map(|_| tests::moto::Harness::oracle());
    cargo_test_with_env(
        dir.path(),
        &harness.as_ref().map(|h| h.env()).unwrap_or_default(),
    );
}

/// DynamoDB: map-keyed pagination and union bodies against a fake transport,
/// and tables and items against moto beside boto3.
#[test]
fn dynamodb_generates_whole_and_pages_by_key_maps() {
    build_aws_model(
        "dynamodb.json",
        "dynamodb",
        Some("dynamodb_consumer.rs"),
        Some("dynamodb_moto.rs"),
        (370, 11),
    );
}

/// SQS: awsQueryCompatible errors against a fake transport, and queues and
/// messages against moto beside boto3.
#[test]
fn sqs_generates_whole_with_query_compatible_errors() {
    build_aws_model(
        "sqs.json",
        "sqs",
        Some("sqs_consumer.rs"),
        Some("sqs_moto.rs"),
        (48, 0),
    );
}

/// STS (awsQuery): form-encoded requests and XML responses against a fake
/// transport, and identities and assumed roles against moto beside boto3.
#[test]
fn sts_generates_whole_and_speaks_aws_query() {
    build_aws_model(
        "sts.json",
        "sts",
        Some("sts_consumer.rs"),
        Some("sts_moto.rs"),
        (69, 10),
    );
}

#[test]
fn kms_generates_whole() {
    build_aws_model("kms.json", "kms", None, None, (68, 60));
}

/// Two crates generated into one folder, and a program that uses both with
/// one configuration: one credentials provider, one transport, one
/// `SdkError` (`tests/fixtures/two_crates.rs`).
#[test]
fn two_generated_crates_share_one_runtime() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for package in ["lambda-one", "lambda-two"] {
        Generator::new()
            .with_partitions(tests::partitions())
            .with_package(package)
            .generate_path(&root().join("model/lambda.json"))
            .expect("model/lambda.json generates")
            .write(&dir.path().join(package), false)
            .expect("write the crate");
    }
    let runtime = root().join("codegen/runtime");
    let consumer = dir.path().join("consumer");
    std::fs::create_dir_all(consumer.join("src")).expect("consumer folder");
    let manifest = format!(
        r#"[package]
name = "two-crates"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
http = "1"
lambda-one = {{ path = "../lambda-one" }}
lambda-two = {{ path = "../lambda-two" }}
smithy-lean-runtime = {{ path = {runtime:?} }}
tokio = {{ version = "1", features = ["macros", "rt"] }}
"#,
        runtime = runtime.to_string_lossy()
    );
    std::fs::write(consumer.join("Cargo.toml"), manifest).expect("write the manifest");
    std::fs::copy(
        root().join("tests/fixtures/two_crates.rs"),
        consumer.join("src/main.rs"),
    )
    .expect("copy the program");
    std::fs::copy(root().join("Cargo.lock"), consumer.join("Cargo.lock")).expect("copy Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["run", "--quiet"])
        .current_dir(&consumer)
        .env("CARGO_TARGET_DIR", root().join("target/generated-crates"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "the two-crate program fails:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "shared");
}

/// A crate generated with its runtime vendored builds, tests and documents
/// with nothing beside it.
#[test]
fn a_crate_with_a_vendored_runtime_stands_alone() {
    let files = Generator::new()
        .with_partitions(tests::partitions())
        .with_package("lambda-vendored")
        .with_runtime(codegen::runtime::Runtime::Vendored)
        .generate_path(&root().join("model/lambda.json"))
        .expect("model/lambda.json generates");
    assert!(
        files.get("runtime/Cargo.toml").is_some(),
        "the runtime is copied"
    );
    let manifest = files.get("Cargo.toml").expect("a manifest");
    assert!(
        manifest.contains(r#"smithy-lean-runtime = { path = "runtime" }"#),
        "{manifest}"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    files.write(dir.path(), false).expect("write the crate");
    cargo_test(dir.path());
}
