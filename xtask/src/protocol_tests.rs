//! `cargo xtask protocol-tests`: generates the test services of the official
//! Smithy protocol compliance suites, runs their client tests, and reports
//! each protocol's passes and failures against the list of known failures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::ir::protocol_test::ProtocolTestKind;
use serde_json::Value;

use crate::{root, Failure};

/// The known failures: one line each, `PROTOCOL TEST_ID (request|response): reason`.
const KNOWN_FAILURES: &str = "tests/protocol-tests/known-failures.txt";

/// The suites, by the name the command takes: the file in the suite folder
/// and the protocol trait its services carry.
const SUITES: &[(&str, &str, &str)] = &[
    ("restJson1", "restJson1.json", "aws.protocols#restJson1"),
    ("awsJson1_0", "awsJson1_0.json", "aws.protocols#awsJson1_0"),
    ("awsJson1_1", "awsJson1_1.json", "aws.protocols#awsJson1_1"),
    ("restXml", "restXml.json", "aws.protocols#restXml"),
    (
        "restXmlWithNamespace",
        "restXmlWithNamespace.json",
        "aws.protocols#restXml",
    ),
    ("awsQuery", "awsQuery.json", "aws.protocols#awsQuery"),
    ("ec2Query", "ec2Query.json", "aws.protocols#ec2Query"),
    (
        "smithy-rpcv2Cbor",
        "smithy-rpcv2Cbor.json",
        "smithy.protocols#rpcv2Cbor",
    ),
    (
        "aws-rpcv2Cbor",
        "aws-rpcv2Cbor.json",
        "smithy.protocols#rpcv2Cbor",
    ),
    (
        "smithy-rpcv2Json",
        "smithy-rpcv2Json.json",
        "smithy.protocols#rpcv2Json",
    ),
];

/// The client test traits, and the kind of test each holds. A request test
/// and a response test may share an ID, so tests are named `ID (kind)`.
const TEST_TRAITS: [(&str, &str); 2] = [
    ("smithy.test#httpRequestTests", "request"),
    ("smithy.test#httpResponseTests", "response"),
];

fn test_key(id: &str, kind: &str) -> String {
    format!("{id} ({kind})")
}

/// The protocols run when none is named: those the generator serves.
const DEFAULT_PROTOCOLS: &[&str] = &[
    "restJson1",
    "awsJson1_0",
    "awsJson1_1",
    "smithy-rpcv2Json",
    "smithy-rpcv2Cbor",
    "aws-rpcv2Cbor",
    "awsQuery",
    "ec2Query",
    "restXml",
    "restXmlWithNamespace",
];

struct Options {
    protocols: Vec<String>,
    suite: PathBuf,
}

fn parse(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options {
        protocols: Vec::new(),
        suite: root().join("../shared/smithy/ast"),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f, Some(v.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .filter(|v| !v.is_empty() && !v.starts_with("--"))
                .ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))
        };
        match flag {
            "--protocol" => {
                let name = value()?;
                if !SUITES.iter().any(|(n, ..)| *n == name) {
                    let known: Vec<&str> = SUITES.iter().map(|(n, ..)| *n).collect();
                    return Err(Failure::Usage(format!(
                        "unknown protocol \"{name}\" (known: {})",
                        known.join(", ")
                    )));
                }
                options.protocols.push(name);
            }
            "--suite" => options.suite = PathBuf::from(value()?),
            other => {
                return Err(Failure::Usage(format!(
                    "unknown protocol-tests option \"{other}\""
                )))
            }
        }
    }
    if options.protocols.is_empty() {
        options.protocols = DEFAULT_PROTOCOLS.iter().map(|p| p.to_string()).collect();
    }
    Ok(options)
}

/// The outcome of one test.
enum Outcome {
    Passed,
    Failed(String),
}

/// Runs the command.
pub fn protocol_tests(args: &[String]) -> Result<(), Failure> {
    let options = parse(args)?;
    let known = known_failures()?;
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut lines = Vec::new();
    for protocol in &options.protocols {
        let (_, file, trait_id) = SUITES
            .iter()
            .find(|(n, ..)| n == protocol)
            .expect("parse checks the name");
        let path = options.suite.join(file);
        if !path.exists() {
            let reason = format!("{} is missing", path.display());
            crate::test::record_skip(&format!("protocol-tests {protocol}"), &reason);
            eprintln!("\n*** SKIPPED protocol tests of {protocol}: {reason} ***\n");
            lines.push(format!(
                "{protocol}: SKIPPED ({} is missing)",
                path.display()
            ));
            continue;
        }
        let results = run_suite(protocol, &path, trait_id)?;
        let passed = results
            .values()
            .filter(|o| matches!(o, Outcome::Passed))
            .count();
        let failed = results.len() - passed;
        lines.push(format!(
            "{protocol}: {passed} passed, {failed} failed, 0 skipped"
        ));
        for (id, outcome) in &results {
            let listed = known.get(&(protocol.clone(), id.clone()));
            match (outcome, listed) {
                (Outcome::Failed(reason), None) => {
                    lines.push(format!("  FAILED {id}: {reason}"));
                    unexpected.push(format!("{protocol} {id}"));
                }
                (Outcome::Failed(reason), Some(why)) => {
                    lines.push(format!(
                        "  known failure {id}: {why} (fails with: {reason})"
                    ));
                }
                (Outcome::Passed, Some(_)) => fixed.push(format!("{protocol} {id}")),
                (Outcome::Passed, None) => {}
            }
        }
        let stale = known
            .keys()
            .filter(|(p, id)| p == protocol && !results.contains_key(id));
        for (_, id) in stale {
            lines.push(format!(
                "  {KNOWN_FAILURES} lists {id}, which the suite does not have"
            ));
            unexpected.push(format!("{protocol} {id} (listed, but not in the suite)"));
        }
    }
    outln!("\nprotocol tests:");
    for line in &lines {
        outln!("{line}");
    }
    if !fixed.is_empty() {
        outln!(
            "now passing, remove from {KNOWN_FAILURES}: {}",
            fixed.join(", ")
        );
    }
    if unexpected.is_empty() {
        Ok(())
    } else {
        Err(Failure::Failed(format!(
            "{} protocol tests fail that are not in {KNOWN_FAILURES}: {}",
            unexpected.len(),
            unexpected.join(", ")
        )))
    }
}

/// `(protocol, test ID)` to the reason it is known to fail.
fn known_failures() -> Result<BTreeMap<(String, String), String>, Failure> {
    let path = root().join(KNOWN_FAILURES);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure::Failed(format!("cannot read {}: {e}", path.display())))?;
    let mut known = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = line.split_once(": ").and_then(|(key, reason)| {
            let (protocol, id) = key.split_once(' ')?;
            Some(((protocol.to_owned(), id.to_owned()), reason.to_owned()))
        });
        let Some((key, reason)) = parsed else {
            return Err(Failure::Failed(format!(
                "{}:{}: expected `PROTOCOL TEST_ID (request|response): reason`",
                path.display(),
                n + 1
            )));
        };
        known.insert(key, reason);
    }
    Ok(known)
}

/// Every client test of the suite's services for `trait_id`, by ID, with
/// its outcome.
fn run_suite(
    protocol: &str,
    path: &Path,
    trait_id: &str,
) -> Result<BTreeMap<String, Outcome>, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Failed(format!("cannot read {}: {e}", path.display())))?;
    let model: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Failed(format!("{}: {e}", path.display())))?;
    let shapes = model["shapes"].as_object().cloned().unwrap_or_default();
    let mut outcomes = BTreeMap::new();
    // Every client test in the file, failed until a run says otherwise.
    for (id, shape) in &shapes {
        for (name, kind) in TEST_TRAITS {
            for test in shape["traits"][name].as_array().into_iter().flatten() {
                let applies = test["appliesTo"].as_str() != Some("server");
                if applies && test["protocol"].as_str() == Some(trait_id) {
                    let key = test_key(test["id"].as_str().unwrap_or_default(), kind);
                    let reason = format!("not generated: {id} is not in a generated operation");
                    outcomes.insert(key, Outcome::Failed(reason));
                }
            }
        }
    }
    let services: Vec<&String> = shapes
        .iter()
        .filter(|(_, s)| s["type"] == "service" && s["traits"].get(trait_id).is_some())
        .map(|(id, _)| id)
        .collect();
    let work = root().join("target/protocol-tests");
    for service in services {
        // The partitions serve rule sets that call `aws.partition` (our
        // S3 addressing rules, for the suite's S3).
        let generator = codegen::Generator::new()
            .with_service(service.clone())
            .with_partitions_path(&root().join(crate::PARTITIONS))?;
        let package = format!(
            "protocol-tests-{}",
            service.replace(['.', '#'], "-").to_ascii_lowercase()
        );
        let generator = generator.with_package(package.clone());
        let krate = match generator.lower_str(&text) {
            Ok(krate) => krate,
            Err(e) => {
                // Every test of the service's operations fails with the reason.
                let reason = format!("{service}: {e}");
                let ops = shapes[service.as_str()]["operations"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                for op in ops.iter().filter_map(|o| o["target"].as_str()) {
                    mark_skipped(&mut outcomes, &shapes, op, &reason);
                }
                continue;
            }
        };
        let files = generator.generate_str(&text)?;
        for (op, reason) in files.skipped() {
            mark_skipped(&mut outcomes, &shapes, op, reason);
        }
        let dir = work.join(protocol).join(&package);
        files.write(&dir, false)?;
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| Failure::Failed(format!("cannot copy Cargo.lock: {e}")))?;
        let results = cargo_test(&dir, &work.join("target"))?;
        // The crate's other tests (its endpoint rules' cases) must pass too.
        let others: Vec<&str> = results
            .iter()
            .filter(|(path, failed)| !path.contains("::protocol_tests::") && failed.is_some())
            .map(|(path, _)| path.as_str())
            .collect();
        if !others.is_empty() {
            return Err(Failure::Failed(format!(
                "tests of {package} that are not protocol tests fail: {}",
                others.join(", ")
            )));
        }
        for op in &krate.operations {
            for t in &op.protocol_tests {
                let path = format!("operation::{}::protocol_tests::{}", op.module, t.name);
                let outcome = match results.get(&path) {
                    Some(None) => Outcome::Passed,
                    Some(Some(reason)) => Outcome::Failed(reason.clone()),
                    None => Outcome::Failed(
                        "the test did not run (the crate did not build?)".to_owned(),
                    ),
                };
                let kind = match t.kind {
                    ProtocolTestKind::Request { .. } => "request",
                    _ => "response",
                };
                outcomes.insert(test_key(&t.id, kind), outcome);
            }
        }
    }
    Ok(outcomes)
}

/// The tests of an operation the generator left out fail with its reason.
fn mark_skipped(
    outcomes: &mut BTreeMap<String, Outcome>,
    shapes: &serde_json::Map<String, Value>,
    op: &str,
    reason: &str,
) {
    let keys: BTreeSet<String> = TEST_TRAITS
        .iter()
        .flat_map(|(name, kind)| {
            let tests = shapes[op]["traits"][*name].as_array().into_iter().flatten();
            tests.filter_map(|t| Some(test_key(t["id"].as_str()?, kind)))
        })
        .collect();
    for key in &keys {
        if let Some(Outcome::Failed(r)) = outcomes.get_mut(key) {
            *r = format!("not generated: {reason}");
        }
    }
}

/// Runs the crate's tests; each test's path to `None` (passed) or its
/// failure message.
fn cargo_test(dir: &Path, target: &Path) -> Result<BTreeMap<String, Option<String>>, Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    outln!("$ cargo test (in {})", dir.display());
    let output = Command::new(&cargo)
        .args(["test", "--lib", "--", "--test-threads=2"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "--cap-lints=warn")
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| Failure::Failed(format!("cannot run {cargo}: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut results = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        if let Some(name) = rest.strip_suffix(" ... ok") {
            results.insert(name.to_owned(), None);
        } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
            results.insert(name.to_owned(), Some(String::new()));
        }
    }
    // Each failure's panic message, from the `---- name stdout ----` sections.
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_owned());
        } else if let Some(name) = &current {
            let text = line.trim();
            if text.starts_with("stack backtrace:") || text == "failures:" {
                current = None;
                continue;
            }
            if text.is_empty() || text.starts_with("thread '") || text.starts_with("note:") {
                continue;
            }
            if let Some(Some(reason)) = results.get_mut(name) {
                if reason.len() < 300 {
                    if !reason.is_empty() {
                        reason.push_str(" / ");
                    }
                    reason.push_str(text);
                }
            }
        }
    }
    if results.is_empty() && !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    }
    Ok(results)
}
